package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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

  @Test
  void deniedRowsGetStatementsFromTheTableAndProxiesAreFlaggedByScipysMeasures() throws Exception {
    Path table = dir.resolve("reasons.csv");
    Files.writeString(
        table,
        "feature,reason\npirat,Debt payments too high relative to income\n"
            + "chist,Delinquent past or present credit obligations\n");
    CliRun.Outcome r =
        explain(
            "--rows",
            "0-199",
            "--background",
            "50",
            "--repeats",
            "0",
            "--method",
            "linear",
            "--output",
            "logit",
            "--reasons",
            "--reason-text",
            table.toString(),
            "--proxy-threshold",
            "0.14",
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    JsonNode reasons = doc.get("reasons");
    JsonNode golden =
        JSON.readTree(
            TestModels.repoRoot()
                .resolve("src/engine/src/test/resources/golden/hmda_proxy.json")
                .toFile());
    // the proxy check: every feature against afam (the model's sensitive column), SciPy's values
    JsonNode proxies = reasons.get("proxies");
    assertThat(texts(proxies.get("attributes"))).containsExactly("afam");
    assertThat(proxies.get("threshold").asDouble()).isEqualTo(0.14);
    Set<String> flagged = new HashSet<>();
    for (JsonNode a : proxies.get("associations")) {
      JsonNode g = golden.get(a.get("feature").asText());
      assertThat(a.get("measure").asText()).isEqualTo(g.get("measure").asText());
      assertThat(a.get("value").asDouble()).isCloseTo(g.get("value").asDouble(), within(1e-12));
      assertThat(a.get("flagged").asBoolean()).isEqualTo(g.get("value").asDouble() >= 0.14);
      if (a.get("flagged").asBoolean()) {
        flagged.add(a.get("feature").asText());
      }
    }
    assertThat(flagged).containsExactlyInAnyOrder("lvrat", "chist", "phist", "condomin");

    // denied: log-odds at or above 0 (the default threshold in logit space)
    List<String> features = texts(doc.get("features"));
    JsonNode mean = doc.get("background").get("mean");
    JsonNode denied = reasons.get("adverse_action");
    int k = 0;
    for (int row = 0; row < 200; row++) {
      double prediction = doc.get("rows").get(row).get("prediction").asDouble();
      if (prediction < 0) {
        continue;
      }
      JsonNode d = denied.get(k++);
      assertThat(d.get("row").asInt()).isEqualTo(row);
      JsonNode codes = reasons.get("rows").get(row).get("reasons");
      assertThat(d.get("reasons")).hasSize(codes.size());
      for (int j = 0; j < codes.size(); j++) {
        JsonNode s = d.get("reasons").get(j);
        String feature = codes.get(j).get("feature").asText();
        assertThat(s.get("rank").asInt()).isEqualTo(j + 1);
        assertThat(s.get("feature").asText()).isEqualTo(feature);
        assertThat(features).contains(feature);
        double value = s.get("value").asDouble();
        double reference = mean.get(feature).asDouble();
        String name = Character.toUpperCase(feature.charAt(0)) + feature.substring(1);
        String expected =
            switch (feature) {
              case "pirat" -> "Debt payments too high relative to income";
              case "chist" -> "Delinquent past or present credit obligations";
              default -> name + (value > reference ? " too high" : " too low");
            };
        assertThat(s.get("text").asText()).isEqualTo(expected);
        assertThat(s.get("background_mean").asDouble()).isEqualTo(reference);
        assertThat(s.get("proxy").isNull()).isEqualTo(!flagged.contains(feature));
        assertThat(s.get("sensitive_attribute").asBoolean()).isEqualTo(feature.equals("afam"));
      }
    }
    assertThat(k)
        .isPositive()
        .isEqualTo(denied.size())
        .isEqualTo(reasons.get("denied_rows").asInt());
    assertThat(reasons.get("text_source").asText()).isEqualTo("reasons.csv");

    // text output names the statements and the flags
    CliRun.Outcome text =
        explain(
            "--rows",
            "0-199",
            "--background",
            "50",
            "--repeats",
            "0",
            "--method",
            "linear",
            "--output",
            "logit",
            "--reasons",
            "--proxy-threshold",
            "0.14",
            "--quiet");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("Adverse-action reasons of the " + k + " denied rows")
        .contains("statements derived from the feature names")
        .contains("proxy check against afam: 4 feature-attribute pairs at or above 0.14")
        .contains("PROXY of afam (cramers_v 0.203)");

    Files.writeString(table, "feature,reason\nincome,Income insufficient\n");
    CliRun.Outcome bad = explain("--reasons", "--reason-text", table.toString(), "--quiet");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err().strip())
        .startsWith("assay: reasons.csv line 2: 'income' is not a scored input of the model")
        .doesNotContain("\n");
    CliRun.Outcome lonely = explain("--proxy-threshold", "0.2", "--quiet");
    assertThat(lonely.code()).isEqualTo(2);
    assertThat(lonely.err()).contains("--reason-text and --proxy-threshold go with --reasons");
  }

  private static String sheetText(Path book) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(book))) {
      StringBuilder text = new StringBuilder();
      workbook
          .getSheet("Explanations")
          .forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('|')));
      return text.toString();
    }
  }

  @Test
  void theWorkbookTakesTheNamedExplanationWithItsStabilityAndReasons() throws Exception {
    CliRun.Outcome eval =
        assay(
            "eval",
            "--model",
            model(),
            "--data",
            hmdaPath().toString(),
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(eval.code()).as(eval.err()).isZero();
    String run = eval.json().get("run").get("id").asText();
    String version = eval.json().get("run").get("model").asText();
    CliRun.Outcome chosen =
        assay(
            "explain",
            "--model",
            version,
            "--data",
            hmdaPath().toString(),
            "--rows",
            "0-49",
            "--background",
            "30",
            "--method",
            "linear",
            "--output",
            "logit",
            "--repeats",
            "0",
            "--reasons",
            "--background-stability",
            "--proxy-threshold",
            "0.14",
            "--json",
            "-",
            "--quiet");
    assertThat(chosen.code()).as(chosen.err()).isZero();
    long id = chosen.json().get("explanation_id").asLong();
    CliRun.Outcome newer =
        assay(
            "explain",
            "--model",
            version,
            "--data",
            hmdaPath().toString(),
            "--rows",
            "0-4",
            "--background",
            "10",
            "--repeats",
            "0",
            "--quiet");
    assertThat(newer.code()).as(newer.err()).isZero();

    Path named = dir.resolve("named.xlsx");
    CliRun.Outcome book =
        assay(
            "report",
            "xlsx",
            "--run",
            run,
            "--out",
            named.toString(),
            "--explanation",
            "" + id,
            "--quiet");
    assertThat(book.code()).as(book.err()).isZero();
    JsonNode bg = chosen.json().get("stability").get("backgrounds");
    JsonNode firstDenied = chosen.json().get("reasons").get("adverse_action").get(0);
    assertThat(sheetText(named))
        .contains("Explanation " + id + ":")
        .contains("Second background (same size and rule)")
        .contains(bg.get("second").get("sha256").asText())
        .contains("0 rows shared with the first")
        .contains("Top-4 features by |phi| against two backgrounds, per row")
        .contains("Adverse-action reasons of the")
        .contains(firstDenied.get("reasons").get(0).get("text").asText())
        .contains("proxy of afam (cramers_v 0.203)")
        .contains("Proxy check: correlation ratio eta");
    Path newest = dir.resolve("newest.xlsx");
    assertThat(assay("report", "xlsx", "--run", run, "--out", newest.toString(), "--quiet").code())
        .isZero();
    assertThat(sheetText(newest))
        .contains("Explanation " + (id + 1) + ":")
        .doesNotContain("Second background");
    CliRun.Outcome missing =
        assay(
            "report",
            "xlsx",
            "--run",
            run,
            "--out",
            dir.resolve("x.xlsx").toString(),
            "--explanation",
            "999",
            "--quiet");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip()).isEqualTo("assay: no explanation 999");
  }
}
