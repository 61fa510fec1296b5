package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code assay explain --background-stability} and {@code --reasons} statements with proxy flags,
 * checked against definitions: the second background is rerun as a dataset of exactly its rows, the
 * top-4 sets and Jaccard indices are recounted from the attributions, denied rows and proxy
 * measures recomputed from the data.
 */
class ExplainStabilityReasonsCommandTest extends ExplainCommandFixture {
  private static List<String> topFour(JsonNode row, List<String> features) {
    JsonNode phi = row.get("attributions");
    return IntStream.range(0, features.size())
        .boxed()
        .sorted(
            Comparator.comparingDouble(
                (Integer i) -> -Math.abs(phi.get(features.get(i)).asDouble())))
        .limit(4)
        .map(features::get)
        .toList();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void aSecondDisjointBackgroundIsComparedRowByRowAsItsOwnRunWouldBe() throws Exception {
    String[] common = {
      "--rows",
      "0-29",
      "--output",
      "logit",
      "--method",
      "linear",
      "--repeats",
      "0",
      "--json",
      "-",
      "--quiet"
    };
    List<String> args = new ArrayList<>(List.of("--background", "40", "--background-stability"));
    args.addAll(List.of(common));
    CliRun.Outcome r = explain(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    List<String> features = texts(doc.get("features"));
    JsonNode bg = doc.get("stability").get("backgrounds");
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    bg.get("first").get("data_rows").forEach(n -> first.add(n.asInt()));
    bg.get("second").get("data_rows").forEach(n -> second.add(n.asInt()));
    assertThat(first).hasSize(40);
    assertThat(second).hasSize(40).doesNotContainAnyElementsOf(first);
    assertThat(bg.get("shared_rows").asInt()).isZero();
    assertThat(bg.get("disjoint").asBoolean()).isTrue();
    assertThat(bg.get("first").get("sha256").asText())
        .isEqualTo(doc.get("background").get("sha256").asText());

    // the second background as a dataset of exactly its data rows, explained on its own
    List<String> lines = Files.readAllLines(hmdaPath());
    List<String> picked = new ArrayList<>(List.of(lines.getFirst()));
    second.forEach(row -> picked.add(lines.get(row + 1)));
    Path file = dir.resolve("second.csv");
    Files.write(file, picked);
    List<String> alone = new ArrayList<>(List.of("--background", file.toString()));
    alone.addAll(List.of(common));
    CliRun.Outcome own = explain(alone.toArray(String[]::new));
    assertThat(own.code()).as(own.err()).isZero();
    assertThat(own.json().get("background").get("sha256").asText())
        .isEqualTo(bg.get("second").get("sha256").asText());

    double sum = 0;
    int identical = 0;
    int sameFirst = 0;
    for (int k = 0; k < 30; k++) {
      List<String> a = topFour(doc.get("rows").get(k), features);
      List<String> b = topFour(own.json().get("rows").get(k), features);
      JsonNode row = bg.get("rows").get(k);
      assertThat(row.get("row").asInt()).isEqualTo(k);
      assertThat(texts(row.get("first_top"))).isEqualTo(a);
      assertThat(texts(row.get("second_top"))).isEqualTo(b);
      Set<String> union = new HashSet<>(a);
      union.addAll(b);
      Set<String> both = new HashSet<>(a);
      both.retainAll(b);
      double jaccard = both.size() / (double) union.size();
      assertThat(row.get("jaccard").asDouble()).isCloseTo(jaccard, within(1e-15));
      sum += jaccard;
      identical += both.size() == 4 ? 1 : 0;
      sameFirst += a.getFirst().equals(b.getFirst()) ? 1 : 0;
    }
    assertThat(bg.get("mean_jaccard").asDouble()).isCloseTo(sum / 30, within(1e-12));
    assertThat(bg.get("identical_share").asDouble()).isCloseTo(identical / 30.0, within(1e-12));
    assertThat(bg.get("top1_share").asDouble()).isCloseTo(sameFirst / 30.0, within(1e-12));
    // a linear model in log-odds: phi_i = w_i (x_i - mean_i), so a different background moves
    // every row's attributions by the same w_i (mean1_i - mean2_i): the top sets can differ
    assertThat(bg.get("mean_jaccard").asDouble()).isBetween(0.0, 1.0);

    // more rows than the data can split in two: drawn independently, and the report says so
    List<String> big = new ArrayList<>(List.of("--background", "500", "--background-stability"));
    big.addAll(List.of(common));
    CliRun.Outcome overlapping = explain(big.toArray(String[]::new));
    assertThat(overlapping.code()).as(overlapping.err()).isZero();
    JsonNode o = overlapping.json().get("stability").get("backgrounds");
    assertThat(o.get("disjoint").asBoolean()).isFalse();
    assertThat(o.get("notes").get(0).asText()).contains("fewer than 1000 rows");

    CliRun.Outcome dataset =
        explain("--background", file.toString(), "--background-stability", "--quiet");
    assertThat(dataset.code()).isEqualTo(2);
    assertThat(dataset.err().strip())
        .isEqualTo(
            "assay: --background-stability needs --background N: a dataset has no second draw");
  }
}
