package dev.assay.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds Assay's self-contained packages for the machine it runs on (jpackage cannot cross-build)
 * from the distribution in {@code target/dist/assay}: a jlink runtime image with JavaFX linked in,
 * the app-image folder with an AOT cache, a portable archive, this OS's installers, the SBOM and
 * {@code SHA256SUMS}, all in {@code target/installer/}.
 *
 * <p>Run by {@code ./mvnw -Pinstaller package} as a source-file program on the build's JDK 25, so
 * the same code builds on Linux, Windows and macOS. installer/README.md describes the steps.
 */
public final class Packager {
  private static final long START = System.nanoTime();

  private final Map<String, String> options;
  private final Platform platform = Platform.current();
  private final Path project;
  private final Path dist;
  private final Path out;
  private final Path work;
  private final String version;
  private final String appVersion;
  private final String timestamp;
  private final FileTime time;
  private final String flavour;
  private final String name;

  private Packager(Map<String, String> options) {
    this.options = options;
    this.project = Path.of(required("project")).toAbsolutePath();
    this.dist = Path.of(required("dist")).toAbsolutePath();
    this.out = Path.of(required("out")).toAbsolutePath();
    this.work = Path.of(required("work")).toAbsolutePath();
    this.version = required("version");
    this.appVersion = version.replaceAll("[^0-9.].*$", "").replaceAll("\\.$", "");
    this.timestamp = required("timestamp");
    this.time = FileTime.from(Instant.parse(timestamp));
    this.flavour = options.getOrDefault("flavour", "cpu");
    this.name = platform.os().equals("linux") ? "assay" : "Assay";
  }

  public static void main(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    try {
      new Packager(options).run();
    } catch (RuntimeException e) {
      System.err.println("packager: " + e.getMessage());
      System.exit(1);
    }
  }

  static void log(String line) {
    System.out.printf("[packager %5.1f s] %s%n", (System.nanoTime() - START) / 1e9, line);
  }

  private String required(String key) {
    String value = options.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing --" + key);
    }
    return value;
  }

  private void run() {
    log("building Assay " + version + " (" + flavour + ") for " + platform);
    Trees.delete(out);
    Trees.delete(work);
    mkdirs(out);
    Path input = mkdirs(work.resolve("input"));

    // 1. the application's files: jars (ONNX Runtime's without natives), samples, docs
    String ortJar = null;
    List<String> natives = List.of();
    for (Path jar : jars(dist.resolve("lib"))) {
      String file = jar.getFileName().toString();
      if (file.startsWith("onnxruntime")) {
        ortJar = file;
        natives =
            OnnxRuntimeJar.split(
                jar,
                input.resolve(file),
                work.resolve("onnxruntime-natives"),
                platform.onnxRuntimeNatives(),
                time);
      } else {
        copyFile(jar, input.resolve(file));
      }
    }
    if (ortJar == null) {
      throw new IllegalStateException("no ONNX Runtime jar in " + dist.resolve("lib"));
    }
    Trees.copy(dist.resolve("models"), input.resolve("models"));
    copyFile(project.resolve("README.md"), input.resolve("docs/README.md"));
    copyFile(
        project.resolve("installer/grafana/assay-monitor.json"),
        input.resolve("docs/grafana/assay-monitor.json"));

    // 2. the runtime image: the JDK modules the jars need + JavaFX, linked from jmods
    Path jmods =
        JavaFxModules.jmods(
            dist.resolve("lib/javafx"), platform.javafxClassifier(), work, timestamp);
    List<String> modules = modules(input, dist.resolve("lib/javafx"));
    Path runtime = work.resolve("runtime");
    List<String> jlink = new ArrayList<>(List.of("--module-path", jmods.toString()));
    jlink.addAll(List.of("--add-modules", String.join(",", modules)));
    jlink.addAll(lines(project.resolve("jlink/options.txt")));
    jlink.addAll(List.of("--output", runtime.toString()));
    Tools.jdk("jlink", jlink);
    // ONNX Runtime's natives beside the JDK's: System.loadLibrary finds them in every JVM started
    // from this runtime, also in child JVMs without options (the security scan's isolated load)
    Path nativeDir = runtime.resolve(platform.os().equals("windows") ? "bin" : "lib");
    Trees.copy(work.resolve("onnxruntime-natives"), nativeDir);
    log(
        "ONNX Runtime: classes in "
            + ortJar
            + ", natives "
            + natives
            + " in "
            + runtime.relativize(nativeDir));
    // only used with heaps over 32 GB (-XX:-UseCompressedOops); without it such a JVM starts
    // without class-data sharing
    deleteIfExists(runtime.resolve("lib/server/classes_nocoops.jsa"));
    log("runtime image: " + Trees.megabytes(Trees.size(runtime)) + ", modules " + modules);

    // 3. the SBOM, inside the image and beside the packages
    String base =
        "assay-" + version + "-" + platform + (flavour.equals("cpu") ? "" : "-" + flavour);
    Path sbom = out.resolve(base + ".cdx.json");
    Sbom.write(
        Path.of(required("bom")),
        sbom,
        new Sbom.Bundle(
            options.getOrDefault("commit", "unknown"),
            platform,
            flavour,
            modules,
            ortJar,
            "the Java runtime's "
                + runtime.relativize(nativeDir).toString().replace('\\', '/')
                + "/",
            natives,
            input.resolve("models")));
    copyFile(sbom, input.resolve("docs/sbom.cdx.json"));

    // 4. the app-image
    Trees.stamp(input, time);
    Trees.stamp(runtime, time);
    Map<String, String> tokens = tokens();
    List<Path> argFiles =
        List.of(
            project.resolve("installer/jpackage/common.args"),
            project.resolve("installer/jpackage/" + platform.os() + ".args"));
    List<String> appImage =
        new ArrayList<>(
            List.of(
                "--type",
                "app-image",
                "--name",
                name,
                "--app-version",
                appVersion,
                "--input",
                input.toString(),
                "--runtime-image",
                runtime.toString(),
                "--dest",
                out.toString()));
    appImage.addAll(JpackageArgs.read(argFiles, "app-image", tokens));
    jpackage(appImage);
    Path image = out.resolve(platform.os().equals("macos") ? name + ".app" : name);
    if (platform.os().equals("linux")) {
      linuxLauncher(image);
    }
    Trees.stamp(image, time);

    // 5. the AOT cache
    String aot = options.getOrDefault("aot", "auto");
    if (!aot.equals("off")) {
      try {
        log("AOT cache " + AotCache.train(platform, image, name, work, time));
      } catch (RuntimeException e) {
        if (aot.equals("on")) {
          throw e;
        }
        log("WARNING: no AOT cache (the app starts without it): " + e.getMessage());
      }
    }
    Trees.stamp(image, time);
    log("app-image " + image + ": " + Trees.megabytes(Trees.size(image)));

    // 6. the portable archive
    Path archive = out.resolve(base + "." + platform.archiveExtension());
    PortableArchive.write(image, archive, time);
    log("portable archive " + archive.getFileName() + ": " + Trees.megabytes(size(archive)));

    // 7. the installers
    for (String type : installerTypes()) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--type", type,
                  "--name", name,
                  "--app-version", appVersion,
                  "--app-image", image.toString(),
                  "--dest", out.toString()));
      args.addAll(JpackageArgs.read(argFiles, "package", tokens));
      args.addAll(JpackageArgs.read(argFiles, type, tokens));
      Set<Path> before = new TreeSet<>(Trees.files(out));
      jpackage(args);
      for (Path made : Trees.files(out)) {
        if (!before.contains(made)) {
          Path renamed = flavoured(made);
          log(type + ": " + renamed.getFileName() + ", " + Trees.megabytes(size(renamed)));
        }
      }
    }

    // 8. the checksums
    StringBuilder sums = new StringBuilder();
    for (Path file : Trees.files(out)) {
      if (!file.getFileName().toString().equals("SHA256SUMS")) {
        sums.append(Trees.sha256(file)).append("  ").append(file.getFileName()).append('\n');
      }
    }
    write(out.resolve("SHA256SUMS"), sums.toString());
    log("SHA256SUMS:\n" + sums.toString().stripTrailing());
  }

  /**
   * Replaces jpackage's native Linux launcher with installer/linux/launcher.sh: the native one runs
   * {@code rpm -qf} and {@code dpkg -S} on itself at every start to find its package (0.2 s here, a
   * tenth of the start-up budget); the script reads the same .cfg and starts the same JVM.
   */
  private void linuxLauncher(Path image) {
    Path launcher = image.resolve("bin/" + name);
    try {
      Files.copy(
          project.resolve("installer/linux/launcher.sh"),
          launcher,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(
          launcher, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.deleteIfExists(image.resolve("lib/libapplauncher.so"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    log("launcher: installer/linux/launcher.sh as bin/" + name);
  }

  private Map<String, String> tokens() {
    Map<String, String> tokens = new HashMap<>();
    tokens.put("project", project.toString());
    tokens.put("installer", project.resolve("installer").toString());
    tokens.put("version", version);
    tokens.put("app.version", appVersion);
    tokens.put("name", name);
    return tokens;
  }

  private List<String> installerTypes() {
    String wanted = options.getOrDefault("types", "auto");
    if (wanted.equals("none")) {
      return List.of();
    }
    if (!wanted.equals("auto")) {
      return List.of(wanted.split(","));
    }
    List<String> types = new ArrayList<>();
    for (String type : platform.installerTypes()) {
      String missing =
          switch (type) {
            case "deb" ->
                Tools.onPath("dpkg-deb") && Tools.onPath("fakeroot") ? null : "dpkg-deb, fakeroot";
            case "rpm" -> Tools.onPath("rpmbuild") ? null : "rpmbuild (apt-get install rpm)";
            case "msi" -> Tools.onPath("wix") || Tools.onPath("candle") ? null : "WiX 3 or 4+";
            default -> null;
          };
      if (missing == null) {
        types.add(type);
      } else {
        log("skipping ." + type + ": needs " + missing);
      }
    }
    return types;
  }

  /** Runs jpackage as a child process, so the packaging tools it starts see SOURCE_DATE_EPOCH. */
  private void jpackage(List<String> args) {
    Path jpackage =
        Path.of(
            System.getProperty("java.home"),
            "bin",
            platform.os().equals("windows") ? "jpackage.exe" : "jpackage");
    List<String> command = new ArrayList<>(List.of(jpackage.toString()));
    command.addAll(args);
    String epoch = String.valueOf(time.toInstant().getEpochSecond());
    String output = Tools.check(command, work, Map.of("SOURCE_DATE_EPOCH", epoch), 900);
    output
        .lines()
        .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("warning"))
        .forEach(l -> log("jpackage: " + l));
  }

  /**
   * The JDK modules jdeps finds in the application's jars (with OpenJFX's jars and the
   * application's own on the module path), plus jlink/extra-modules.txt.
   */
  private List<String> modules(Path input, Path javafx) {
    String last = Tools.jdepsModules(javafx, jars(input));
    Set<String> modules = new TreeSet<>(List.of(last.split(",")));
    log("jdeps: " + last);
    modules.addAll(lines(project.resolve("jlink/extra-modules.txt")));
    return List.copyOf(modules);
  }

  private Path flavoured(Path made) {
    if (flavour.equals("cpu")) {
      return made;
    }
    String file = made.getFileName().toString();
    Path renamed = made.resolveSibling(file.replaceFirst("^(?i)(assay)", "$1-" + flavour));
    try {
      return Files.move(made, renamed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> jars(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The non-comment lines of a config file, each up to its first blank or {@code #}. */
  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .map(l -> l.replaceAll("#.*", "").strip())
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyFile(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
