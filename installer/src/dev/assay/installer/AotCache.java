package dev.assay.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The app-image's ahead-of-time cache (JEP 483/514): one training run of the packaged launcher
 * records the classes it loads, links and profiles into {@code $APPDIR/assay.aot}; every launcher
 * then starts with {@code -XX:AOTCache=$APPDIR/assay.aot}.
 *
 * <p>The training run opens the main window on a new workbench (so the first-start work, the
 * database migration and the sample registration, is in the cache too) and closes it at the first
 * frame ({@code --startup-check}). It needs a display: the session's own, else an Xvfb started
 * here. Without one, a CLI evaluation of a sample model trains the cache instead (it then holds no
 * JavaFX classes).
 *
 * <p>The JVM uses the cache only with the same JVM options and only while the jars keep the size
 * and modification time they had at training; otherwise it starts without it (silently: the
 * launchers set {@code -Xlog:aot*=off}).
 */
final class AotCache {
  static final String FILE = "assay.aot";

  private AotCache() {}

  /**
   * Trains the cache for the app-image.
   *
   * @return a line saying how the cache was trained, or why there is none
   */
  static String train(
      Platform platform, Path image, String launcherName, Path work, FileTime time) {
    Path appDir = platform.appDir(image);
    Path cache = appDir.resolve(FILE);
    List<Path> configs = configs(appDir);
    Path mainConfig = appDir.resolve(launcherName + ".cfg");
    if (!configs.contains(mainConfig)) {
      throw new IllegalStateException("no launcher configuration " + mainConfig);
    }
    Path home = work.resolve("aot-training-home");
    Trees.delete(home);
    Map<String, String> env = new HashMap<>();
    Xvfb xvfb = null;
    String how;
    List<String> command =
        new ArrayList<>(List.of(platform.launcher(image, launcherName).toString()));
    command.addAll(List.of("--home", home.toString()));
    boolean display =
        !platform.os().equals("linux") || System.getenv("DISPLAY") != null || Tools.onPath("Xvfb");
    if (display) {
      if (platform.os().equals("linux") && System.getenv("DISPLAY") == null) {
        xvfb = Xvfb.start();
        env.put("DISPLAY", xvfb.display());
      }
      command.add("--startup-check");
      how = "trained on the desktop start (--startup-check on a new workbench)";
    } else {
      Path models = appDir.resolve("models");
      command.addAll(
          List.of(
              "eval",
              "--model",
              models.resolve("hmda-deny-v2.onnx").toString(),
              "--data",
              models.resolve("data/hmda_test.csv").toString(),
              "--target",
              "deny",
              "--quiet"));
      how = "trained on a CLI evaluation only (no display and no Xvfb: no JavaFX classes cached)";
    }
    String original = read(mainConfig);
    try {
      write(mainConfig, withJavaOption(original, "-XX:AOTCacheOutput=$APPDIR/" + FILE));
      Tools.Result result = Tools.run(command, work, env, 600);
      if (result.code() != 0 || !Files.isRegularFile(cache)) {
        throw new IllegalStateException(
            "AOT training run failed (" + result.code() + "):\n" + result.output());
      }
    } finally {
      write(mainConfig, original);
      if (xvfb != null) {
        xvfb.stop();
      }
      Trees.delete(home);
    }
    for (Path config : configs) {
      write(config, withJavaOption(read(config), "-XX:AOTCache=$APPDIR/" + FILE));
    }
    try {
      Files.setLastModifiedTime(cache, time);
      return how + ", " + Trees.megabytes(Files.size(cache));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> configs(Path appDir) {
    try (Stream<Path> files = Files.list(appDir)) {
      return files.filter(f -> f.toString().endsWith(".cfg")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a JVM option at the end of the {@code [JavaOptions]} section of a launcher's cfg. */
  static String withJavaOption(String config, String option) {
    List<String> lines = new ArrayList<>(config.lines().toList());
    int section = lines.indexOf("[JavaOptions]");
    if (section < 0) {
      lines.add("[JavaOptions]");
      section = lines.size() - 1;
    }
    int end = section + 1;
    while (end < lines.size() && !lines.get(end).startsWith("[")) {
      end++;
    }
    while (end > section + 1 && lines.get(end - 1).isBlank()) {
      end--;
    }
    lines.add(end, "java-options=" + option);
    return String.join("\n", lines) + "\n";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
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

  /** An X server without a screen, for a build machine without a desktop. */
  record Xvfb(Process process, String display) {
    static Xvfb start() {
      for (int n = 91; n < 120; n++) {
        if (Files.exists(Path.of("/tmp/.X11-unix/X" + n))
            || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
          continue;
        }
        try {
          Process process =
              new ProcessBuilder(
                      "Xvfb", ":" + n, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                  .redirectErrorStream(true)
                  .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                  .start();
          for (int wait = 0; wait < 100 && process.isAlive(); wait++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
              Packager.log("started Xvfb :" + n + " for the AOT training run");
              return new Xvfb(process, ":" + n);
            }
            Thread.sleep(100);
          }
          process.destroy();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      throw new IllegalStateException("could not start Xvfb");
    }

    void stop() {
      process.destroy();
    }
  }
}
