package dev.assay.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code ./mvnw -Pinstaller package} left in target/installer, and how the integration tests
 * run it: child processes, optionally with no network ({@code unshare -n}) or on Xvfb.
 */
final class Packaged {
  static final Path REPO = Path.of(System.getProperty("assay.repo.root", ".")).toAbsolutePath();
  static final Path DIR =
      Path.of(
          System.getProperty("assay.installer.dir", REPO.resolve("target/installer").toString()));
  static final String VERSION = System.getProperty("assay.version", "0.1.0-SNAPSHOT");
  static final boolean LINUX =
      System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");

  private Packaged() {}

  /** The Linux app-image folder; skips the test elsewhere (the packages are built per OS). */
  static Path linuxImage() {
    assumeTrue(LINUX, "the packaged-app tests check the Linux packages");
    Path image = DIR.resolve("assay");
    assertThat(image.resolve("bin/assay"))
        .as("app-image built by ./mvnw -Pinstaller package")
        .isExecutable();
    return image;
  }

  static Path file(String glob) throws IOException {
    try (var stream = Files.newDirectoryStream(DIR, glob)) {
      List<Path> found = new ArrayList<>();
      stream.forEach(found::add);
      assertThat(found).as(DIR + "/" + glob).hasSize(1);
      return found.getFirst();
    }
  }

  /** Exit code and merged output of a child process. */
  record Result(int code, String output) {}

  static Result run(List<String> command, Map<String, String> env, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("assay-it", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log));
      }
      return new Result(process.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of(), 300);
  }

  /**
   * The command run in a new network namespace without any network ({@code unshare -n}; as a normal
   * user {@code unshare -rn}).
   */
  static List<String> offline(List<String> command) throws IOException, InterruptedException {
    List<String> prefix = unsharePrefix();
    List<String> all = new ArrayList<>(prefix);
    all.addAll(command);
    return all;
  }

  private static List<String> unsharePrefix() throws IOException, InterruptedException {
    for (List<String> prefix : List.of(List.of("unshare", "-n"), List.of("unshare", "-rn"))) {
      List<String> probe = new ArrayList<>(prefix);
      probe.add("true");
      if (onPath("unshare") && run(probe).code() == 0) {
        return prefix;
      }
    }
    throw new AssertionError(
        "cannot create a network namespace (unshare -n / unshare -rn): the offline test needs"
            + " util-linux's unshare and root or unprivileged user namespaces");
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** Copies a folder keeping the files' times and links (like {@code cp -a}). */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  /** An X display for the desktop start: $DISPLAY, else a new Xvfb; skips the test without. */
  static final class Display implements AutoCloseable {
    private final Process xvfb;
    final String name;

    private Display(Process xvfb, String name) {
      this.xvfb = xvfb;
      this.name = name;
    }

    static Display open() throws IOException, InterruptedException {
      String existing = System.getenv("DISPLAY");
      if (existing != null && !existing.isBlank()) {
        return new Display(null, existing);
      }
      assumeTrue(onPath("Xvfb"), "no DISPLAY and no Xvfb (apt-get install xvfb) for the window");
      for (int n = 121; n < 160; n++) {
        if (Files.exists(Path.of("/tmp/.X11-unix/X" + n))
            || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
          continue;
        }
        Process process =
            new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        for (int wait = 0; wait < 100 && process.isAlive(); wait++) {
          if (Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
            return new Display(process, ":" + n);
          }
          Thread.sleep(100);
        }
        process.destroy();
      }
      throw new AssertionError("could not start Xvfb");
    }

    @Override
    public void close() {
      if (xvfb != null) {
        xvfb.destroy();
      }
    }
  }
}
