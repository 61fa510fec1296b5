package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code assay explain --ale}, {@code --background-mode}, notes versus warnings, and options
 * checked before the explanation runs.
 */
class ExplainAleBackgroundCommandTest extends ExplainCommandFixture {
  @Test
  void aleOfTheLinearSampleInLogOddsEqualsTheGoldenAndIsInGlobal() throws Exception {
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
            "--ale",
            "pirat,chist",
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode ale = r.json().get("global").get("ale");
    assertThat(ale.get("min_bin_points").asInt()).isEqualTo(4);
    JsonNode golden =
        JSON.readTree(
                TestModels.repoRoot()
                    .resolve("src/engine/src/test/resources/golden/ale.json")
                    .toFile())
            .get("curves");
    for (int c = 0; c < 2; c++) {
      JsonNode curve = ale.get("curves").get(c);
      String name = curve.get("feature").asText();
      JsonNode expected = golden.get(name);
      assertThat(name).isEqualTo(c == 0 ? "pirat" : "chist");
      assertThat(curve.get("bins").asInt()).isEqualTo(expected.get("grid").size() - 1);
      for (int k = 0; k < expected.get("grid").size(); k++) {
        assertThat(curve.get("grid").get(k).asDouble())
            .isCloseTo(expected.get("grid").get(k).asDouble(), within(1e-12));
        assertThat(curve.get("values").get(k).asDouble())
            .isCloseTo(expected.get("logit").get("values").get(k).asDouble(), within(1e-5));
      }
    }
    // stored with the explanation
    long id = r.json().get("explanation_id").asLong();
    CliRun.Outcome show = assay("explain", "show", Long.toString(id), "--json");
    assertThat(show.json().get("document").get("global").get("ale").get("curves")).hasSize(2);
  }

  @Test
  void anUnknownPdpOrAleFeatureIsOneLineBeforeAnyExplanationRuns() throws Exception {
    for (String option : List.of("--pdp", "--ale")) {
      CliRun.Outcome bad =
          explain(
              "--rows",
              "0-400",
              "--background",
              "50",
              "--method",
              "kernel",
              option,
              "pirat,nosuch");
      assertThat(bad.code()).isEqualTo(1);
      assertThat(bad.err().strip().lines()).hasSize(1);
      assertThat(bad.err())
          .contains(option + " nosuch is not one of the model's features")
          .doesNotContain("explained")
          .doesNotContain("Exception");
    }
    CliRun.Outcome list = assay("explain", "list", "--json");
    assertThat(list.json()).isEmpty();
  }

  @Test
  void informationIsANoteAndAShortfallIsAWarning() {
    CliRun.Outcome linear =
        explain(
            "--rows", "3", "--background", "10", "--output", "logit", "--repeats", "0", "--quiet");
    assertThat(linear.code()).as(linear.err()).isZero();
    assertThat(linear.err())
        .contains("assay: note: linear: slopes read in double precision from the graph")
        .doesNotContain("assay: warning");
    // the first 3 rows of hmda_test.csv are one class: importance skipped, a warning
    CliRun.Outcome skipped =
        explain("--rows", "2", "--background", "10", "--output", "logit", "--quiet");
    assertThat(skipped.err()).contains("assay: warning: the explained rows hold one class");
  }

  @Test
  void aKMeansBackgroundIsWeightedAndStratifiedKeepsShares() throws Exception {
    CliRun.Outcome r =
        explain(
            "--rows",
            "2",
            "--background",
            "12",
            "--background-mode",
            "kmeans",
            "--method",
            "kernel",
            "--repeats",
            "0",
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode background = r.json().get("background");
    assertThat(background.get("mode").asText()).isEqualTo("kmeans");
    assertThat(background.get("weighted").asBoolean()).isTrue();
    assertThat(background.get("rows").asInt()).isBetween(2, 12);
    assertThat(background.get("sha256").asText()).hasSize(64);
    for (JsonNode row : r.json().get("rows")) {
      assertThat(row.get("efficiency_error").asDouble()).isLessThan(1e-6);
    }

    CliRun.Outcome s =
        explain(
            "--rows",
            "1",
            "--background",
            "40",
            "--background-mode",
            "stratified",
            "--output",
            "logit",
            "--repeats",
            "0",
            "--json",
            "-",
            "--quiet");
    assertThat(s.code()).as(s.err()).isZero();
    JsonNode strata = s.json().get("background").get("strata");
    assertThat(s.json().get("background").get("stratified_by").asText()).isEqualTo("deny");
    long denied =
        Files.readAllLines(Path.of(hmdaPath().toString())).stream()
            .skip(1)
            .filter(l -> l.endsWith(",1"))
            .count();
    long all = Files.readAllLines(Path.of(hmdaPath().toString())).size() - 1L;
    double share = 40.0 * denied / all;
    assertThat(strata.get("1").asDouble()).isCloseTo(share, within(1.0));
    assertThat(strata.get("0").asInt() + strata.get("1").asInt()).isEqualTo(40);

    CliRun.Outcome group =
        explain(
            "--rows",
            "1",
            "--background",
            "30",
            "--background-mode",
            "stratified",
            "--sensitive",
            "afam",
            "--output",
            "logit",
            "--repeats",
            "0",
            "--json",
            "-",
            "--quiet");
    assertThat(group.code()).as(group.err()).isZero();
    assertThat(group.json().get("background").get("stratified_by").asText()).isEqualTo("afam");

    CliRun.Outcome bad = explain("--background-mode", "cluster");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--background-mode is random, kmeans, stratified or cutoff");
    CliRun.Outcome noColumn = explain("--background-mode", "stratified", "--sensitive", "nosuch");
    assertThat(noColumn.code()).isEqualTo(2);
    assertThat(noColumn.err()).contains("--sensitive nosuch");
  }
}
