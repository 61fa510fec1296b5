package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.Assay;
import dev.assay.testing.TestModels;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process with a 64 MiB heap imports a CSV of 2 million rows and evaluates a model on it: the
 * run's per-row predictions (about 42 MB) go to the prediction store as a file, not through the
 * database (when they were one BLOB, H2 held it in memory at commit and this ran out of memory).
 */
class BoundedMemoryImportAndEvalTest {
  private static final int ROWS = 2_000_000;

  @TempDir Path dir;

  @Test
  void twoMillionRowsImportAndEvaluateInOneProcessWithA64MiBHeap() throws Exception {
    Path csv = dir.resolve("big.csv");
    Random random = new Random(11);
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("a,b,y\n");
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < ROWS; i++) {
        double a = random.nextGaussian();
        double b = random.nextGaussian();
        int y = a + b + random.nextGaussian() > 0 ? 1 : 0;
        line.setLength(0);
        line.append(String.format(Locale.ROOT, "%.4f,%.4f,", a, b)).append(y).append('\n');
        out.append(line);
      }
    }
    Path model = TestModels.write(dir.resolve("pc.onnx"), TestModels.perColumnClassifier(0.5f));
    Path home = dir.resolve("home");

    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            Assay.class.getName(),
            "eval",
            "--home",
            home.toString(),
            "--model",
            model.toString(),
            "--data",
            csv.toString(),
            "--target",
            "y",
            "--quiet",
            "--json",
            "-");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out.json").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    // the BLOB build spent its time collecting garbage at this heap: minutes, then out of memory
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String out = Files.readString(dir.resolve("out.json"));
    String err = Files.readString(dir.resolve("err.txt"));

    assertThat(exited).as("finished within two minutes").isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    JsonNode result = new ObjectMapper().readTree(out);
    assertThat(result.get("rows").asLong()).isEqualTo(ROWS);
    assertThat(result.get("run").get("status").asText()).isEqualTo("completed");
    try (Stream<Path> files = Files.list(home.resolve("store/predictions"))) {
      List<Path> stored = files.toList();
      assertThat(stored).hasSize(1);
      assertThat(Files.size(stored.getFirst())).isGreaterThan(20L * ROWS);
    }
  }
}
