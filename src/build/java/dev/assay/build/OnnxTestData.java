package dev.assay.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds or fetches ONNX's node conformance suite (Debian package {@code libonnx-testdata}) for the
 * conformance tests, as a step of the build ({@code generate-test-resources}), so that {@code
 * ./mvnw verify} needs no set-up of its own. In this order:
 *
 * <ol>
 *   <li>the installed package ({@code /usr/share/libonnx-testdata/data/node});
 *   <li>a copy an earlier build extracted into {@code OUT/extracted};
 *   <li>the package fetched with {@code apt-get download} (no root needed) and extracted with
 *       {@code dpkg-deb -x} into {@code OUT/extracted}; when apt's package lists are empty and the
 *       build runs as root (or with passwordless sudo), {@code apt-get update} first.
 * </ol>
 *
 * Writes {@code OUT/testdata.properties} with {@code node=FOLDER} or {@code missing=REASON}; the
 * tests read it (dev.assay.testing.OnnxNodeTests), skip with that reason on a user's machine and
 * fail with it under CI ({@code CI=true}). Run as a source-file program: {@code java
 * OnnxTestData.java OUT offline=true|false}.
 */
public final class OnnxTestData {
  static final String PACKAGE = "libonnx-testdata";
  static final String NODE = "usr/share/libonnx-testdata/data/node";
  private static final long TIMEOUT_SECONDS = 180;

  private OnnxTestData() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]).toAbsolutePath();
    boolean offline = args.length > 1 && args[1].equals("offline=true");
    Files.createDirectories(out);
    Properties result = new Properties();
    List<String> tried = new ArrayList<>();
    Path found = locate(out, offline, tried);
    if (found != null) {
      result.setProperty("node", found.toString());
      System.out.println("[assay] ONNX node conformance suite: " + found);
    } else {
      String reason =
          "ONNX's node conformance suite (Debian package "
              + PACKAGE
              + ") is missing: "
              + String.join("; ", tried)
              + ". Install it (apt-get install "
              + PACKAGE
              + ") or give -Dassay.onnx.testdata=FOLDER";
      result.setProperty("missing", reason);
      String bar = "*".repeat(100);
      System.out.println("[WARNING] " + bar);
      System.out.println("[WARNING] " + reason + ".");
      System.out.println(
          "[WARNING] The ONNX conformance tests (OnnxConformanceSuiteTest, OnnxNodeConformanceTest)"
              + " will be SKIPPED; under CI=true they FAIL.");
      System.out.println("[WARNING] " + bar);
    }
    try (var writer = Files.newBufferedWriter(out.resolve("testdata.properties"))) {
      result.store(writer, "written by src/build/java/dev/assay/build/OnnxTestData.java");
    }
  }

  private static Path locate(Path out, boolean offline, List<String> tried) {
    Path installed = Path.of("/").resolve(NODE);
    if (hasModels(installed)) {
      return installed;
    }
    tried.add(installed + " does not exist");
    Path extracted = out.resolve("extracted");
    if (hasModels(extracted.resolve(NODE))) {
      return extracted.resolve(NODE);
    }
    if (offline) {
      tried.add("Maven runs offline, so it was not fetched");
      return null;
    }
    if (!onPath("apt-get") || !onPath("dpkg-deb")) {
      tried.add("this machine has no apt-get/dpkg-deb to fetch it with");
      return null;
    }
    Path download = out.resolve("download");
    try {
      deleteTree(download);
      Files.createDirectories(download);
      Result fetched = fetch(download);
      if (fetched.code != 0 && canBeRoot()) {
        System.out.println("[assay] apt-get download failed; updating apt's package lists");
        Result update = run(asRoot(List.of("apt-get", "update", "-qq")), download);
        if (update.code == 0) {
          fetched = fetch(download);
        }
      }
      Path deb;
      try (Stream<Path> files = Files.list(download)) {
        deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst().orElse(null);
      }
      if (fetched.code != 0 || deb == null) {
        tried.add("apt-get download " + PACKAGE + " failed: " + lastLine(fetched.output));
        return null;
      }
      deleteTree(extracted);
      Result unpacked = run(List.of("dpkg-deb", "-x", deb.toString(), extracted.toString()), out);
      if (unpacked.code != 0 || !hasModels(extracted.resolve(NODE))) {
        tried.add("dpkg-deb -x " + deb.getFileName() + " failed: " + lastLine(unpacked.output));
        return null;
      }
      System.out.println("[assay] fetched " + deb.getFileName() + " into " + extracted);
      deleteTree(download);
      return extracted.resolve(NODE);
    } catch (IOException e) {
      tried.add("fetching it failed: " + e.getMessage());
      return null;
    }
  }

  private static Result fetch(Path dir) {
    return run(
        List.of(
            "apt-get",
            "download",
            "-q",
            "-o",
            "Acquire::Retries=1",
            "-o",
            "Acquire::http::Timeout=30",
            PACKAGE),
        dir);
  }

  private static boolean hasModels(Path folder) {
    return Files.isRegularFile(folder.resolve("test_abs/model.onnx"));
  }

  /** Root, or passwordless sudo. */
  private static boolean canBeRoot() {
    return isRoot() || (onPath("sudo") && run(List.of("sudo", "-n", "true"), null).code == 0);
  }

  private static boolean isRoot() {
    Result id = run(List.of("id", "-u"), null);
    return id.code == 0 && id.output.strip().equals("0");
  }

  private static List<String> asRoot(List<String> command) {
    if (isRoot()) {
      return command;
    }
    List<String> sudo = new ArrayList<>(List.of("sudo", "-n"));
    sudo.addAll(command);
    return sudo;
  }

  private record Result(int code, String output) {}

  private static Result run(List<String> command, Path dir) {
    try {
      Path log = Files.createTempFile("assay-testdata", ".log");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (dir != null) {
          builder.directory(dir.toFile());
        }
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static String lastLine(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "no output" : lines.getLast().strip();
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
