package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code assay explain --group-by}: each group's mean prediction and mean attributions equal the
 * averages of the rows the same run reports, per the data's column (or the predicted class), and
 * the gap to the largest group adds up over the features.
 */
class ExplainGroupsCommandTest extends ExplainCommandFixture {
  @Test
  void groupMeansAreTheRowsAveragesAndTheGapAddsUp() throws Exception {
    List<String> lines = Files.readAllLines(hmdaPath());
    int afam = List.of(lines.getFirst().split(",")).indexOf("afam");
    for (String by : List.of("afam", "predicted")) {
      CliRun.Outcome r =
          explain(
              "--rows",
              "0-199",
              "--background",
              "20",
              "--output",
              "logit",
              "--repeats",
              "0",
              "--group-by",
              by,
              "--json",
              "-",
              "--quiet");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode doc = r.json();
      List<String> features = new ArrayList<>();
      doc.get("features").forEach(n -> features.add(n.asText()));
      // the rows of each group, from the data's column or the row's own prediction
      Map<String, List<JsonNode>> members = new LinkedHashMap<>();
      for (JsonNode row : doc.get("rows")) {
        String group =
            by.equals("afam")
                ? lines.get(row.get("row").asInt() + 1).split(",")[afam]
                : row.get("prediction").asDouble() >= 0 ? "class 1" : "not class 1";
        members.computeIfAbsent(group, g -> new ArrayList<>()).add(row);
      }
      JsonNode groups = doc.get("groups");
      assertThat(groups.get("by").asText()).isEqualTo(by);
      assertThat(groups.get("groups")).hasSize(members.size());
      String reference = groups.get("reference").asText();
      int largest = members.values().stream().mapToInt(List::size).max().orElseThrow();
      assertThat(members.get(reference)).hasSize(largest);
      JsonNode ref = null;
      for (JsonNode g : groups.get("groups")) {
        if (g.get("value").asText().equals(reference)) {
          ref = g;
        }
      }
      assertThat(ref).isNotNull();
      for (JsonNode g : groups.get("groups")) {
        List<JsonNode> rows = members.get(g.get("value").asText());
        assertThat(rows).as(g.get("value").asText()).isNotNull();
        assertThat(g.get("rows").asInt()).isEqualTo(rows.size());
        double mean =
            rows.stream().mapToDouble(x -> x.get("prediction").asDouble()).average().orElseThrow();
        assertThat(g.get("mean_prediction").asDouble()).isCloseTo(mean, within(1e-12));
        double sum = 0;
        for (String f : features) {
          double phi =
              rows.stream()
                  .mapToDouble(x -> x.get("attributions").get(f).asDouble())
                  .average()
                  .orElseThrow();
          assertThat(g.get("mean_attributions").get(f).asDouble())
              .as(f)
              .isCloseTo(phi, within(1e-12));
          double gap = g.get("gap").get("features").get(f).asDouble();
          assertThat(gap)
              .isCloseTo(phi - ref.get("mean_attributions").get(f).asDouble(), within(1e-12));
          sum += gap;
        }
        double predictionGap = g.get("gap").get("prediction").asDouble();
        assertThat(predictionGap)
            .isCloseTo(mean - ref.get("mean_prediction").asDouble(), within(1e-12));
        assertThat(sum + g.get("gap").get("residual").asDouble())
            .isCloseTo(predictionGap, within(1e-12));
        // the gap is the features' gaps, up to the float32 efficiency residual
        assertThat(Math.abs(g.get("gap").get("residual").asDouble())).isLessThanOrEqualTo(2e-6);
      }
    }
    CliRun.Outcome text =
        explain("--rows", "0-49", "--background", "10", "--repeats", "0", "--group-by", "afam");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).contains("Groups by afam (gap to the reference group '0'");

    CliRun.Outcome bad = explain("--group-by", "nosuch");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("--group-by nosuch: the data has no such column");
  }

  @Test
  void theCutoffBackgroundIsTheFavourableRowsNearestTheThreshold() throws Exception {
    // every row's log-odds, from a run over the whole file
    CliRun.Outcome all =
        explain(
            "--rows",
            "0-713",
            "--background",
            "5",
            "--output",
            "logit",
            "--repeats",
            "0",
            "--json",
            "-",
            "--quiet");
    assertThat(all.code()).as(all.err()).isZero();
    List<double[]> approved = new ArrayList<>(); // {row, log-odds} below -0.5
    for (JsonNode row : all.json().get("rows")) {
      double logit = row.get("prediction").asDouble();
      if (logit < -0.5) {
        approved.add(new double[] {row.get("row").asInt(), logit});
      }
    }
    approved.sort((a, b) -> Double.compare(Math.abs(a[1] + 0.5), Math.abs(b[1] + 0.5)));
    double expectedBase =
        approved.subList(0, 30).stream().mapToDouble(a -> a[1]).average().orElseThrow();

    CliRun.Outcome r =
        explain(
            "--rows",
            "0-49",
            "--background",
            "30",
            "--background-mode",
            "cutoff",
            "--threshold",
            "-0.5",
            "--output",
            "logit",
            "--repeats",
            "0",
            "--group-by",
            "predicted",
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode bg = r.json().get("background");
    assertThat(bg.get("mode").asText()).isEqualTo("cutoff");
    assertThat(bg.get("rows").asInt()).isEqualTo(30);
    // mean f(B) over the 30 approved rows nearest -0.5
    assertThat(r.json().get("base_value").asDouble()).isCloseTo(expectedBase, within(1e-9));
    assertThat(r.json().get("groups").get("decision").asDouble()).isEqualTo(-0.5);

    CliRun.Outcome none =
        explain(
            "--rows",
            "0-9",
            "--background",
            "30",
            "--background-mode",
            "cutoff",
            "--threshold",
            "-100",
            "--output",
            "logit",
            "--repeats",
            "0");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).contains("no row of the data is on the favourable side");
  }
}
