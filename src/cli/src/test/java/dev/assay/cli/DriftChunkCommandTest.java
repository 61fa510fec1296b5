package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.drift.KolmogorovSmirnov;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay drift --chunk}: rows, count and calendar periods, with the reference band. */
class DriftChunkCommandTest {
  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  /**
   * {@code rows} rows dated over January to March 2024 in file order; income ~ N(50, 10), shifted
   * by {@code marchShift} in March; region in three categories.
   */
  private Path csv(String name, long seed, int rows, double marchShift, List<double[]> income)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder s = new StringBuilder("day,income,region\n");
    LocalDate start = LocalDate.of(2024, 1, 1);
    for (int i = 0; i < rows; i++) {
      LocalDate day = start.plusDays((long) i * 91 / rows);
      double u = 1 - random.nextDouble();
      double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
      double v = 50 + 10 * g + (day.getMonthValue() == 3 ? marchShift : 0);
      String text = String.format(Locale.ROOT, "%.2f", v);
      if (income != null) {
        income.get(i == 5 ? 3 : day.getMonthValue() - 1)[i] = Double.parseDouble(text);
      }
      s.append(i == 5 ? "no date" : day.toString())
          .append(',')
          .append(text)
          .append(',')
          .append(new String[] {"a", "b", "c"}[random.nextInt(3)])
          .append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, s);
    return file;
  }

  @Test
  void monthlyChunksFindTheShiftedMonthWithTheReferenceMonthsBand() throws Exception {
    int n = 6000;
    List<double[]> months = new ArrayList<>();
    for (int m = 0; m < 4; m++) { // January to March, and the undated row
      double[] a = new double[n];
      Arrays.fill(a, Double.NaN);
      months.add(a);
    }
    Path ref = csv("ref.csv", 1, n, 0, months);
    Path cur = csv("cur.csv", 2, 4500, 4, null);
    CliRun.Outcome r =
        assay(
            "drift",
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--features",
            "income,region",
            "--chunk",
            "period=day:month",
            "--json",
            "-");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    JsonNode chunking = doc.get("settings").get("chunking");
    assertThat(chunking.get("by").asText()).isEqualTo("period=day:month");
    assertThat(chunking.get("reference_chunks").asInt()).isEqualTo(3);
    assertThat(chunking.get("unassigned_rows").asLong()).isEqualTo(1);
    JsonNode chunks = doc.get("chunks");
    assertThat(chunks).hasSize(3);
    assertThat(chunks.get(0).get("label").asText()).isEqualTo("2024-01");
    assertThat(chunks.get(2).get("label").asText()).isEqualTo("2024-03");
    long rows = 0;
    for (JsonNode c : chunks) {
      rows += c.get("rows").asLong();
    }
    assertThat(rows).isEqualTo(4499);
    assertThat(chunks.get(0).get("drift").asBoolean()).isFalse();
    assertThat(chunks.get(1).get("drift").asBoolean()).isFalse();
    assertThat(chunks.get(2).get("drifted_features").toString()).isEqualTo("[\"income\"]");
    assertThat(doc.get("drift").asBoolean()).isTrue();

    // The band: mean + 3 sd (ddof 0) of each reference month's KS D against the whole reference.
    double[] all =
        months.stream()
            .flatMapToDouble(Arrays::stream)
            .filter(v -> !Double.isNaN(v))
            .sorted()
            .toArray();
    double[] d = new double[3];
    for (int m = 0; m < 3; m++) {
      double[] month =
          Arrays.stream(months.get(m)).filter(v -> !Double.isNaN(v)).sorted().toArray();
      d[m] = KolmogorovSmirnov.statistic(all, all.length, month, month.length);
    }
    double mean = Arrays.stream(d).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum() / 3);
    assertThat(chunking.get("bands").get("income").asDouble())
        .isCloseTo(mean + 3 * sd, within(1e-12));
    JsonNode income = chunks.get(0).get("features").get(0);
    assertThat(income.get("threshold").asDouble()).isGreaterThanOrEqualTo(mean + 3 * sd - 1e-12);
  }

  @Test
  void rowAndCountChunksCutTheFileInOrderAndBadChunkSettingsAreUsageErrors() throws Exception {
    Path ref = csv("ref.csv", 3, 3000, 0, null);
    Path cur = csv("cur.csv", 4, 2500, 0, null);
    CliRun.Outcome rows =
        assay(
            "drift",
            "--reference",
            ref.toString(),
            "--current",
            cur.toString(),
            "--features",
            "income",
            "--chunk",
            "rows=1000",
            "--json",
            "-",
            "--quiet");
    assertThat(rows.code()).as(rows.err()).isZero();
    JsonNode chunks = rows.json().get("chunks");
    assertThat(chunks).hasSize(3);
    assertThat(chunks.get(0).get("label").asText()).isEqualTo("rows 1-1000");
    assertThat(chunks.get(2).get("label").asText()).isEqualTo("rows 2001-2500");
    assertThat(chunks.get(2).get("rows").asLong()).isEqualTo(500);
    assertThat(rows.json().get("settings").get("chunking").get("reference_chunks").asInt())
        .isEqualTo(3);

    CliRun.Outcome count =
        assay(
            "drift",
            "--reference",
            "ref",
            "--current",
            "cur",
            "--features",
            "income",
            "--chunk",
            "count=4",
            "--quiet");
    assertThat(count.code()).as(count.err()).isZero();
    assertThat(count.out())
        .contains("chunks (count=4, 4; reference chunks for the band: 4)")
        .contains("rows 1-625")
        .contains("rows 1876-2500");

    CliRun.Outcome bad =
        assay("drift", "--reference", "ref", "--current", "cur", "--chunk", "period=day:year");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip())
        .isEqualTo("assay: --chunk period= unit must be day, week or month, not 'year'");
    CliRun.Outcome zero =
        assay("drift", "--reference", "ref", "--current", "cur", "--chunk", "rows=0");
    assertThat(zero.code()).isEqualTo(2);
    CliRun.Outcome noDate =
        assay("drift", "--reference", "ref", "--current", "cur", "--chunk", "period=region:week");
    assertThat(noDate.code()).isEqualTo(1);
    assertThat(noDate.err().strip())
        .isEqualTo("assay: column 'region' of cur:1 holds no date (yyyy-mm-dd) to cut periods by");
  }
}
