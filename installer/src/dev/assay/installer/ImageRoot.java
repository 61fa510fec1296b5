package dev.assay.installer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files Jib lays over an empty ({@code scratch}) base for the CLI's OCI image ({@code ./mvnw
 * -Pimage package}; see installer/image/README.md), so the image needs no base image from a
 * registry and builds offline:
 *
 * <ul>
 *   <li>{@code /opt/assay/runtime}: a Java runtime jlink'd from the build's JDK with the modules
 *       jdeps finds in the CLI's jars (no JavaFX: the image has no window), ONNX Runtime's native
 *       libraries for this platform in its {@code lib/} (loaded in place through {@code
 *       -Donnxruntime.native.path}, nothing extracted at run time);
 *   <li>{@code /opt/assay/lib}: {@code assay.jar} (with its manifest) and ONNX Runtime's jar
 *       without its natives (Jib's own classes, resources, ONNX Runtime and OpenJFX jars are
 *       filtered out; the other dependencies stay in Jib's {@code /app/libs} layer);
 *   <li>{@code /opt/assay/models}: the sample models and data;
 *   <li>the C libraries the runtime and ONNX Runtime link against ({@code ldd}: glibc, libstdc++,
 *       libgcc_s, libz, ...), copied from this machine at their paths, with the dynamic loader;
 *   <li>{@code /etc/passwd} and {@code /etc/group} with the non-root user {@code assay} (10001),
 *       whose home is {@code /tmp}; {@code /etc/os-release}; {@code /bin/sh} (this machine's, for
 *       ONNX Runtime's native library); empty {@code /tmp}, {@code /proc}, {@code /dev}, {@code
 *       /sys}.
 * </ul>
 *
 * Usage: {@code java ImageRoot.java DIST OUT WORK PROJECT}.
 */
final class ImageRoot {
  static final int UID = 10001;

  /** Runtime libraries only the desktop (AWT/X11, sound) loads: not searched for dependencies. */
  private static final Set<String> DESKTOP_ONLY =
      Set.of("libawt_xawt.so", "libsplashscreen.so", "libjawt.so", "libjsound.so");

  private static final Pattern LDD_LINE = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

  private ImageRoot() {}

  /** Whether the runtime has the library {@code soname} names (libX.so.1 as libX.so). */
  private static boolean ownLibrary(Path runtime, String soname) {
    String stem = soname.replaceAll("\\.so(\\.\\d+)*$", ".so");
    return Files.exists(runtime.resolve("lib").resolve(stem))
        || Files.exists(runtime.resolve("lib/server").resolve(stem));
  }

  public static void main(String[] args) throws IOException {
    Path dist = Path.of(args[0]);
    Path root = Path.of(args[1]);
    Path work = Path.of(args[2]);
    Path project = Path.of(args[3]);
    Platform platform = Platform.current();
    if (!platform.os().equals("linux")) {
      throw new IllegalStateException("the OCI image is built on Linux only, not " + platform);
    }
    Trees.delete(root);
    Trees.delete(work);
    Path opt = root.resolve("opt/assay");
    Files.createDirectories(opt.resolve("lib"));
    Files.createDirectories(work);

    // ONNX Runtime: classes jar + this platform's natives; the other jars for jdeps
    FileTime time = FileTime.from(Instant.EPOCH);
    List<Path> jars = new ArrayList<>();
    List<String> natives = List.of();
    try (Stream<Path> files = Files.list(dist.resolve("lib"))) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        String name = jar.getFileName().toString();
        if (name.startsWith("onnxruntime")) {
          Path classes = opt.resolve("lib").resolve(name);
          natives =
              OnnxRuntimeJar.split(
                  jar, classes, work.resolve("natives"), platform.onnxRuntimeNatives(), time);
          jars.add(classes);
        } else if (name.equals("assay.jar")) {
          // the application's jar with its manifest (version, commit for --version)
          Path copy = opt.resolve("lib").resolve(name);
          Files.copy(jar, copy);
          jars.add(copy);
        } else {
          jars.add(jar);
        }
      }
    }

    // the runtime: jdeps' modules, jlink's options of the installers
    String last = Tools.jdepsModules(dist.resolve("lib/javafx"), jars);
    // the desktop's modules stay out: the image runs the CLI only
    String modules =
        String.join(
            ",",
            Stream.of(last.split(","))
                .filter(m -> !m.startsWith("javafx.") && !m.equals("jdk.unsupported.desktop"))
                .toList());
    Packager.log("image modules: " + modules);
    Path runtime = opt.resolve("runtime");
    List<String> jlink = new ArrayList<>(List.of("--add-modules", modules));
    for (String line : Files.readAllLines(project.resolve("jlink/options.txt"))) {
      String option = line.strip();
      if (!option.isEmpty() && !option.startsWith("#")) {
        jlink.add(option);
      }
    }
    jlink.addAll(List.of("--output", runtime.toString()));
    Tools.jdk("jlink", jlink);
    Files.deleteIfExists(runtime.resolve("lib/server/classes_nocoops.jsa"));
    Trees.copy(work.resolve("natives"), runtime.resolve("lib"));
    Packager.log("ONNX Runtime natives " + natives + " in /opt/assay/runtime/lib");

    Trees.copy(dist.resolve("models"), opt.resolve("models"));

    // /bin/sh: ONNX Runtime's native library popen()s "sh -c ..." when its environment is created
    // (its telemetry component asks for blkid and hostname) and crashes (fclose(NULL) in libc)
    // when there is no shell; this machine's /bin/sh (dash on Debian) answers it
    Path shell = root.resolve("bin/sh");
    Files.createDirectories(shell.getParent());
    Files.copy(Path.of("/bin/sh").toRealPath(), shell);

    // the C libraries: ldd over the launcher, the shell and every library but the desktop's
    Set<String> needed = new TreeSet<>();
    List<Path> objects = new ArrayList<>(List.of(runtime.resolve("bin/java"), shell));
    try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".so"))
          .filter(f -> !DESKTOP_ONLY.contains(f.getFileName().toString()))
          .forEach(objects::add);
    }
    for (Path object : objects) {
      Tools.Result ldd = Tools.run(List.of("ldd", object.toString()), null, java.util.Map.of(), 60);
      for (String line : ldd.output().lines().toList()) {
        // libjvm.so (lib/server) and libonnxruntime.so.1 are the runtime's own, loaded before
        // the libraries that name them
        if (line.contains("not found") && !ownLibrary(runtime, line.strip().split("\\s")[0])) {
          throw new IllegalStateException(object + " needs a library this machine lacks: " + line);
        }
        Matcher m = LDD_LINE.matcher(line.strip());
        if (m.find() && !m.group(1).startsWith(root.toAbsolutePath().toString())) {
          needed.add(m.group(1));
        }
      }
    }
    for (String library : needed) {
      Path target = root.resolve(library.substring(1));
      Files.createDirectories(target.getParent());
      Files.copy(Path.of(library).toRealPath(), target);
    }
    Packager.log("C libraries from this machine: " + needed);

    // the user, /tmp
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(
        root.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/sbin/nologin\n"
            + "assay:x:"
            + UID
            + ":"
            + UID
            + ":Assay:/tmp:/sbin/nologin\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\nassay:x:" + UID + ":\n");
    // read by ONNX Runtime's native library at start (it crashes on some failed reads); an empty
    // machine-id is the convention for an image (the runtime may fill it)
    Files.writeString(
        root.resolve("etc/os-release"),
        "NAME=\"Assay CLI\"\nID=assay\nPRETTY_NAME=\"Assay CLI image (no base image)\"\n");
    Files.writeString(root.resolve("etc/machine-id"), "");
    // mount points a container runtime fills (an empty /tmp is also the writable default)
    for (String dir : List.of("tmp", "proc", "dev", "sys")) {
      Files.createDirectories(root.resolve(dir));
    }
    Packager.log("image root: " + Trees.megabytes(Trees.size(root)) + " in " + root);
  }
}
