package dev.assay.installer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;

/** Runs the JDK's tools in process and other programs as child processes. */
final class Tools {
  private Tools() {}

  /**
   * The JDK modules the application's jars need, as jdeps prints them ({@code java.base,...}). The
   * libraries ride on the module path too: modular ones among them (POI, commons-compress) name the
   * others as modules, and jdeps must resolve them. Assay's own jars stay off it: its modules share
   * package names (the engine's {@code dev.assay.core.eval} beside the workbench's runners), which
   * automatic modules may not; nothing names them as modules.
   */
  static String jdepsModules(Path javafx, List<Path> jars) {
    List<String> modulePath = new ArrayList<>(List.of(javafx.toString()));
    List<String> classPath = new ArrayList<>();
    for (Path jar : jars) {
      classPath.add(jar.toString());
      if (!jar.getFileName().toString().startsWith("assay")) {
        modulePath.add(jar.toString());
      }
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--print-module-deps",
                "--ignore-missing-deps",
                "--multi-release",
                String.valueOf(Runtime.version().feature()),
                "--module-path",
                String.join(java.io.File.pathSeparator, modulePath),
                "--class-path",
                String.join(java.io.File.pathSeparator, classPath)));
    args.addAll(classPath);
    List<String> printed = jdk("jdeps", args).lines().filter(l -> !l.isBlank()).toList();
    String last = printed.getLast().strip();
    if (!last.matches("[a-z0-9.,]+")) {
      throw new IllegalStateException("unexpected jdeps output:\n" + String.join("\n", printed));
    }
    return last;
  }

  /** Runs a JDK tool ({@code jlink}, {@code jpackage}, {@code jdeps}, {@code jmod}). */
  static String jdk(String tool, List<String> args) {
    ToolProvider provider =
        ToolProvider.findFirst(tool)
            .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintWriter out = new PrintWriter(bytes, true, StandardCharsets.UTF_8);
    String line = tool + " " + String.join(" ", args);
    Packager.log("$ " + (line.length() > 400 ? line.substring(0, 400) + " ..." : line));
    int code = provider.run(out, out, args.toArray(String[]::new));
    out.flush();
    String output = bytes.toString(StandardCharsets.UTF_8);
    if (code != 0) {
      throw new IllegalStateException(tool + " failed (" + code + "):\n" + output);
    }
    return output;
  }

  /** The result of a child process. */
  record Result(int code, String output) {}

  /** Runs a program, merging its output streams; gives up after {@code timeoutSeconds}. */
  static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds) {
    Packager.log("$ " + String.join(" ", command));
    try {
      Path log = Files.createTempFile("assay-packager", ".log");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (dir != null) {
          builder.directory(dir.toFile());
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          return new Result(
              -1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Runs a program and fails the build when it fails. */
  static String check(
      List<String> command, Path dir, Map<String, String> env, long timeoutSeconds) {
    Result result = run(command, dir, env, timeoutSeconds);
    if (result.code() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed (" + result.code() + "):\n" + result.output());
    }
    return result.output();
  }

  /** Whether {@code program} is on the PATH. */
  static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    List<String> names = new ArrayList<>(List.of(program));
    if (Platform.current().os().equals("windows")) {
      names.add(program + ".exe");
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      for (String name : names) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return true;
        }
      }
    }
    return false;
  }

  private static java.io.File nullDevice() {
    return new java.io.File(Platform.current().os().equals("windows") ? "NUL" : "/dev/null");
  }
}
