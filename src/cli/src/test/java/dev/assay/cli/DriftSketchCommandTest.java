package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay drift --model} with a reference large enough for the stored profile to hold its
 * numeric columns as sketches: the JSON says so (method asymp_sketch, the errors, the sketch's
 * size), every figure is within its stated error of the exact two-dataset report, the binned
 * distances are equal, and so are the verdicts.
 */
class DriftSketchCommandTest {
  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  /** x ~ N(shift, 10) to 3 decimals, k = floor(|N(0, 1)| * 5), small: 2,000 filled rows. */
  private Path csv(String name, long seed, int rows, double shift) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder s = new StringBuilder("x,k,small\n");
    for (int i = 0; i < rows; i++) {
      double g =
          Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
              * Math.cos(2 * Math.PI * random.nextDouble());
      s.append(i % 101 == 0 ? "" : String.format(Locale.ROOT, "%.3f", shift + 10 * g))
          .append(',')
          .append((int) Math.floor(Math.abs(random.nextGaussian()) * 5))
          .append(',')
          .append(i < 2_000 ? String.format(Locale.ROOT, "%.2f", random.nextDouble()) : "")
          .append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, s);
    return file;
  }

  @Test
  void aLargeReferenceIsComparedAgainstItsSketchWithinTheStatedErrors() throws Exception {
    Path ref = csv("ref.csv", 1, 130_000, 0);
    Path cur = csv("cur.csv", 2, 110_000, 1.5);
    String model = TestModels.sample("hmda-deny-v2.onnx").toString();
    CliRun.Outcome sketched =
        assay(
            "drift",
            "--model",
            model,
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--json",
            "-",
            "--quiet");
    assertThat(sketched.code()).as(sketched.err()).isZero();
    CliRun.Outcome exact =
        assay("drift", "--reference", "ref", "--current", "cur", "--json", "-", "--quiet");
    assertThat(exact.code()).as(exact.err()).isZero();
    JsonNode s = sketched.json();
    JsonNode e = exact.json();
    assertThat(s.get("drifted_features")).isEqualTo(e.get("drifted_features"));
    assertThat(s.get("drifted_features").toString()).contains("\"x\"");
    assertThat(s.get("features").get(0).get("tests").has("reference_sketch")).isTrue();
    for (int i = 0; i < 3; i++) {
      JsonNode fs = s.get("features").get(i);
      JsonNode fe = e.get("features").get(i);
      String name = fs.get("name").asText();
      assertThat(fe.get("name").asText()).isEqualTo(name);
      JsonNode ts = fs.get("tests");
      JsonNode te = fe.get("tests");
      assertThat(te.has("reference_sketch")).isFalse();
      if (name.equals("small") || !te.has("ks")) {
        assertThat(ts).isEqualTo(te);
        continue;
      }
      assertThat(te.get("ks").get("method").asText()).isEqualTo("asymp");
      assertThat(ts.get("ks").get("method").asText()).isEqualTo("asymp_sketch");
      assertThat(ts.get("reference_sketch").get("grid_points").asInt()).isPositive();
      assertThat(ts.get("reference_sketch").get("note").asText()).contains("sketch");
      double d = te.get("ks").get("statistic").asDouble();
      assertThat(ts.get("ks").get("statistic").asDouble())
          .isCloseTo(d, within(ts.get("ks").get("statistic_error").asDouble() + 1e-15));
      assertThat(ts.get("ks").get("statistic_error").asDouble()).isLessThan(1e-4);
      assertThat(ts.get("wasserstein").asDouble())
          .isCloseTo(
              te.get("wasserstein").asDouble(),
              within(ts.get("wasserstein_error").asDouble() + 1e-12));
      for (String exactly : new String[] {"psi", "jensen_shannon", "hellinger", "linf"}) {
        assertThat(ts.get(exactly)).as(name + " " + exactly).isEqualTo(te.get(exactly));
      }
      assertThat(fs.get("contributions")).isEqualTo(fe.get("contributions"));
      assertThat(fs.get("missing_rate")).isEqualTo(fe.get("missing_rate"));
      assertThat(fs.get("threshold")).isEqualTo(fe.get("threshold"));
      assertThat(fs.get("drift")).isEqualTo(fe.get("drift"));
    }
  }

  /**
   * The current data's column cache is verified group by group as it is read: a byte damaged in its
   * last row group is found part way through, and the comparison reads the CSV instead, with the
   * same report.
   */
  @Test
  void aDamagedGroupOfTheCurrentCacheIsFoundWhileReadingAndTheCsvIsReadInstead() throws Exception {
    Path ref = csv("ref.csv", 1, 130_000, 0);
    Path cur = csv("cur.csv", 2, 110_000, 1.5);
    String model = TestModels.sample("hmda-deny-v2.onnx").toString();
    String[] drift = {
      "drift",
      "--model",
      model,
      "--reference",
      ref.toString(),
      "--current",
      cur.toString(),
      "--json",
      "-",
      "--quiet"
    };
    CliRun.Outcome intact = assay(drift);
    assertThat(intact.code()).as(intact.err()).isZero();
    Path cache;
    try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("home"))) {
      cache =
          files
              .filter(f -> f.getFileName().toString().equals(".assay-columns"))
              .filter(f -> holdsCopyOf(f.getParent(), cur))
              .findFirst()
              .orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(cache);
    // a byte inside the last row group's data (the metadata and end marker follow the groups)
    bytes[bytes.length * 3 / 5] ^= 0x10;
    Files.write(cache, bytes);
    CliRun.Outcome damaged = assay(drift);
    assertThat(damaged.code()).as(damaged.err()).isZero();
    assertThat(damaged.json().get("features")).isEqualTo(intact.json().get("features"));
    assertThat(damaged.json().get("drifted_features"))
        .isEqualTo(intact.json().get("drifted_features"));
  }

  /** Whether a store folder holds a file of the CSV's size (its stored copy). */
  private static boolean holdsCopyOf(Path folder, Path csv) {
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      long size = Files.size(csv);
      return files.anyMatch(f -> f.toFile().length() == size);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
