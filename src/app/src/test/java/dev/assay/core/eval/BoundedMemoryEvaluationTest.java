package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.Assay;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evaluation of 1.5 million rows with about as many distinct scores fits a 64 MiB heap (before,
 * the scores were kept in memory: 1 million rows at 64 MiB ran out of memory) and its metrics are
 * exactly those of the same evaluation with everything in memory. Its spilled score files are gone
 * afterwards.
 */
class BoundedMemoryEvaluationTest {
  private static final int ROWS = 1_500_000;

  @TempDir Path dir;

  @Test
  void millionsOfRowsFitASmallHeapWithExactMetrics() throws Exception {
    Path csv = dir.resolve("big.csv");
    Random random = new Random(7);
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      out.write("a,b,y\n");
      for (int i = 0; i < ROWS; i++) {
        double a = random.nextGaussian();
        double b = random.nextGaussian();
        int y = a + b + random.nextGaussian() > 0 ? 1 : 0;
        out.write(String.format(Locale.ROOT, "%.6f,%.6f,%d%n", a, b, y));
      }
    }
    Path model = TestModels.write(dir.resolve("pc.onnx"), TestModels.perColumnClassifier(0.5f));
    JsonNode inMemory;
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      ModelVersion version = bench.importModel(model, "pc");
      DatasetVersion data = bench.importCsv(csv);
      EvaluationResult result = bench.run(TestWorkbench.request(version, data, "y", null));
      inMemory = new ObjectMapper().valueToTree(result.metrics());
    }

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx64m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Assay.class.getName(),
                "eval",
                "--home",
                dir.resolve("home").toString(),
                "--model",
                "pc:1",
                "--data",
                "big:1",
                "--target",
                "y",
                "--quiet",
                "--json",
                "-"));
    Process process =
        new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    String err = Files.readString(dir.resolve("err.txt"));

    assertThat(exited).isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    JsonNode metrics = new ObjectMapper().readTree(out).get("metrics");
    for (String name : List.of("roc_auc", "average_precision", "log_loss", "brier", "accuracy")) {
      assertThat(metrics.get(name).asDouble()).as(name).isEqualTo(inMemory.get(name).asDouble());
    }
    try (Stream<Path> tmp = Files.walk(dir.resolve("home"))) {
      assertThat(tmp.map(Path::getFileName).map(Path::toString))
          .noneMatch(name -> name.endsWith(".spill"));
    }
  }
}
