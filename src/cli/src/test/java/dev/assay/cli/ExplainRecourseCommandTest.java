package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code assay explain --recourse}: every counterfactual crosses the decision when re-scored (by a
 * second run of the model on the counterfactual rows, and by the log-odds of the model's weights in
 * double precision from make_explain_golden.py) and respects its constraints.
 */
class ExplainRecourseCommandTest extends ExplainCommandFixture {
  @Test
  void everyCounterfactualCrossesWhenReScoredAndRespectsItsConstraints() throws Exception {
    CliRun.Outcome r =
        explain(
            "--rows",
            "0-299",
            "--background",
            "20",
            "--output",
            "logit",
            "--repeats",
            "0",
            "--recourse",
            "3",
            "--immutable",
            "afam,single,selfemp",
            "--margin",
            "0.05",
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode recourse = r.json().get("recourse");
    assertThat(recourse.get("threshold").asDouble()).isZero();
    assertThat(recourse.get("margin").asDouble()).isEqualTo(0.05);
    List<String> movable = new ArrayList<>();
    recourse.get("movable").forEach(n -> movable.add(n.asText()));
    assertThat(movable).doesNotContain("afam", "single", "selfemp").contains("pirat", "lvrat");
    List<String> swappable = new ArrayList<>();
    recourse.get("swappable").forEach(n -> swappable.add(n.asText()));
    assertThat(swappable)
        .doesNotContain("afam", "single", "selfemp")
        .contains("chist", "mhist", "hschool");

    // the data's columns: range, whole numbers, categories (whole with at most 10 values)
    List<String> lines = Files.readAllLines(hmdaPath());
    List<String> header = List.of(lines.getFirst().split(","));
    Map<String, double[]> range = new LinkedHashMap<>();
    Map<String, Boolean> whole = new LinkedHashMap<>();
    Map<String, Set<Double>> distinct = new LinkedHashMap<>();
    for (String column : header) {
      range.put(column, new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
      whole.put(column, true);
      distinct.put(column, new HashSet<>());
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      for (int j = 0; j < header.size(); j++) {
        double v = Double.parseDouble(cells[j]);
        double[] lohi = range.get(header.get(j));
        lohi[0] = Math.min(lohi[0], v);
        lohi[1] = Math.max(lohi[1], v);
        whole.put(header.get(j), whole.get(header.get(j)) && v == Math.rint(v));
        distinct.get(header.get(j)).add(v);
      }
    }
    JsonNode golden =
        JSON.readTree(
                TestModels.repoRoot()
                    .resolve("src/engine/src/test/resources/golden/explain.json")
                    .toFile())
            .get("linear");
    List<String> features = new ArrayList<>();
    golden.get("features").forEach(n -> features.add(n.asText()));

    StringBuilder csv = new StringBuilder(lines.getFirst()).append('\n');
    List<Double> expectedLogits = new ArrayList<>();
    int found = 0;
    int swaps = 0;
    for (JsonNode row : recourse.get("rows")) {
      double logit0 = row.get("prediction").asDouble();
      assertThat(logit0).isGreaterThanOrEqualTo(0); // only adverse rows
      String[] original = lines.get(row.get("row").asInt() + 1).split(",");
      double previous = 0;
      for (JsonNode cf : row.get("counterfactuals")) {
        found++;
        assertThat(cf.get("prediction").asDouble()).isLessThanOrEqualTo(-0.05);
        assertThat(cf.get("distance").asDouble()).isGreaterThanOrEqualTo(previous);
        previous = cf.get("distance").asDouble();
        String[] changed = original.clone();
        double logit = logit0;
        double numeric = 0;
        int categories = 0;
        for (JsonNode change : cf.get("changes")) {
          String feature = change.get("feature").asText();
          double to = change.get("to").asDouble();
          int j = header.indexOf(feature);
          assertThat(change.get("from").asDouble()).isEqualTo(Double.parseDouble(original[j]));
          assertThat(feature).isNotIn("afam", "single", "selfemp");
          assertThat(to).isBetween(range.get(feature)[0], range.get(feature)[1]);
          if (whole.get(feature)) {
            assertThat(to).as(feature).isEqualTo(Math.rint(to));
          }
          if (whole.get(feature) && distinct.get(feature).size() <= 10) {
            // a category swap: to another category seen in the data, cost 1
            assertThat(swappable).contains(feature);
            assertThat(distinct.get(feature)).contains(to);
            categories++;
          } else {
            assertThat(movable).contains(feature);
            numeric =
                Math.max(numeric, Math.abs(to - Double.parseDouble(original[j])) / sd(lines, j));
          }
          changed[j] = Double.toString(to);
          int i = features.indexOf(feature);
          logit += golden.get("weights").get(i).asDouble() * (to - Double.parseDouble(original[j]));
        }
        swaps += categories;
        assertThat(cf.get("distance").asDouble()).isCloseTo(numeric + categories, within(1e-9));
        // the graph's log-odds in double precision (float32 rounding aside) clears the margin too
        assertThat(logit).isLessThan(-0.05 + 1e-4);
        expectedLogits.add(cf.get("prediction").asDouble());
        csv.append(String.join(",", changed)).append('\n');
      }
    }
    assertThat(found).isGreaterThan(10);
    assertThat(swaps).as("category swaps").isPositive();
    // a second run scores the counterfactual rows afresh through ONNX Runtime
    Path rows = dir.resolve("counterfactuals.csv");
    Files.writeString(rows, csv);
    CliRun.Outcome again =
        assay(
            "explain",
            "--model",
            model(),
            "--data",
            rows.toString(),
            "--rows",
            Integer.toString(found),
            "--background",
            "5",
            "--output",
            "logit",
            "--repeats",
            "0",
            "--json",
            "-",
            "--quiet");
    assertThat(again.code()).as(again.err()).isZero();
    for (int k = 0; k < found; k++) {
      assertThat(again.json().get("rows").get(k).get("prediction").asDouble())
          .as("counterfactual %d re-scored", k)
          .isLessThanOrEqualTo(-0.05)
          .isEqualTo(expectedLogits.get(k));
    }

    CliRun.Outcome bad = explain("--recourse", "--immutable", "nosuch");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("--immutable nosuch is not one of the model's features");
    CliRun.Outcome negative = explain("--recourse", "--margin", "-1");
    assertThat(negative.code()).isEqualTo(2);
  }

  /** The sample standard deviation of column {@code j} of the CSV's rows. */
  private static double sd(List<String> lines, int j) {
    double sum = 0;
    double sumSq = 0;
    int n = lines.size() - 1;
    for (String line : lines.subList(1, lines.size())) {
      double v = Double.parseDouble(line.split(",")[j]);
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / n;
    return Math.sqrt((sumSq - n * mean * mean) / (n - 1));
  }
}
