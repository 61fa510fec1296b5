package dev.assay.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.eval.PredictionsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyzer on small synthetic runs whose figures can be worked out by hand. */
class FairnessAnalyzerTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path dir;

  /** One synthetic row: group value, true class, predicted class, positive-class probability. */
  record Row(String group, int truth, int predicted, float score) {}

  private FairnessAnalyzer.RunInputs binaryRun(List<Row> rows, String header, List<String> extra)
      throws IOException {
    Path predictions = dir.resolve("run.pred");
    try (PredictionsFile.Writer w = new PredictionsFile.Writer(predictions, List.of("0", "1"))) {
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        float[] probs = Float.isNaN(r.score()) ? null : new float[] {1 - r.score(), r.score()};
        w.classification(i + 1, r.truth(), r.predicted(), probs, 0);
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(header);
    for (int i = 0; i < rows.size(); i++) {
      lines.add(
          rows.get(i).group()
              + (extra == null ? "" : "," + extra.get(i))
              + ","
              + rows.get(i).truth());
    }
    Path csv = dir.resolve("data.csv");
    Files.write(csv, lines);
    return new FairnessAnalyzer.RunInputs(
        7,
        "m:1",
        "d:1",
        "y",
        "classification",
        List.of("0", "1"),
        "1",
        "probabilities",
        predictions,
        csv);
  }

  private static FairnessReport analyse(FairnessAnalyzer.RunInputs run, FairnessSettings settings) {
    return new FairnessAnalyzer()
        .analyse(run, settings, NOW, "tester", Progress.NONE, Cancellation.NONE);
  }

  /** {@code n} rows of a group with the given confusion counts, scores spread below/above 0.5. */
  private static List<Row> group(String g, int tp, int fp, int fn, int tn) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < tp; i++) {
      rows.add(new Row(g, 1, 1, 0.6f + 0.3f * i / Math.max(1, tp)));
    }
    for (int i = 0; i < fp; i++) {
      rows.add(new Row(g, 0, 1, 0.55f + 0.3f * i / Math.max(1, fp)));
    }
    for (int i = 0; i < fn; i++) {
      rows.add(new Row(g, 1, 0, 0.45f - 0.3f * i / Math.max(1, fn)));
    }
    for (int i = 0; i < tn; i++) {
      rows.add(new Row(g, 0, 0, 0.4f - 0.3f * i / Math.max(1, tn)));
    }
    return rows;
  }

  @Test
  void groupsUnderTwentyRowsAreShownFlaggedAndLeftOutOfEveryDisparity() throws IOException {
    List<Row> rows = new ArrayList<>();
    rows.addAll(group("a", 10, 5, 5, 30)); // selection 15/50
    rows.addAll(group("b", 4, 2, 6, 28)); // selection 6/40
    rows.addAll(group("c", 9, 0, 0, 1)); // 10 rows, selection 0.9: would dominate every gap
    FairnessReport report =
        analyse(binaryRun(rows, "g,y", null), FairnessSettings.of(List.of("g")));

    AttributeReport g = report.attribute("g");
    GroupReport small = g.group("c");
    assertThat(small.n()).isEqualTo(10);
    assertThat(small.judged()).isFalse();
    assertThat(small.note()).isEqualTo("too small to judge (10 rows, under 20)");
    assertThat(small.metric("selection_rate")).as("still shown").isCloseTo(0.9, within(1e-12));
    Disparity dpd = g.disparity(Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE);
    assertThat(dpd.value()).isCloseTo(15.0 / 50 - 6.0 / 40, within(1e-12));
    assertThat(dpd.groups()).containsExactly("a", "b");
    assertThat(g.disparity(Disparity.DEMOGRAPHIC_PARITY_RATIO).value())
        .isCloseTo((6.0 / 40) / (15.0 / 50), within(1e-12));
    assertThat(g.disparity(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE).value())
        .isCloseTo(10.0 / 15 - 4.0 / 10, within(1e-12));
    assertThat(g.reference()).isEqualTo("a");
    assertThat(g.disparity(Disparity.DISPARATE_IMPACT).perGroup())
        .extracting(GroupComparison::group)
        .containsExactly("b");
    assertThat(dpd.ciLow()).isLessThan(dpd.value());
    assertThat(dpd.ciHigh()).isGreaterThan(dpd.value());
  }

  @Test
  void withFewerThanTwoJudgedGroupsNothingIsJudged() throws IOException {
    List<Row> rows = new ArrayList<>(group("a", 10, 5, 5, 30));
    rows.addAll(group("b", 2, 1, 1, 5));
    FairnessReport report =
        analyse(binaryRun(rows, "g,y", null), FairnessSettings.of(List.of("g")));
    assertThat(report.attribute("g").disparities())
        .filteredOn(d -> !d.metric().contains("theil"))
        .allSatisfy(d -> assertThat(d.verdict()).isEqualTo(Disparity.NOT_JUDGED));
    assertThat(report.verdict()).isEqualTo(Disparity.NOT_JUDGED);
  }

  @Test
  void favourableRateIsTheShareOfTheOtherClassWhenItIsNotThePositiveOne() throws IOException {
    List<Row> rows = new ArrayList<>(group("a", 10, 5, 5, 30));
    rows.addAll(group("b", 4, 2, 6, 28));
    FairnessReport report =
        analyse(binaryRun(rows, "g,y", null), FairnessSettings.of(List.of("g")).withFavorable("0"));
    AttributeReport g = report.attribute("g");
    assertThat(g.group("b").metric("favorable_rate")).isCloseTo(34.0 / 40, within(1e-12));
    assertThat(g.group("b").metric("selection_rate")).isCloseTo(6.0 / 40, within(1e-12));
    assertThat(g.disparity(Disparity.DISPARATE_IMPACT).value())
        .isCloseTo((34.0 / 40) / (35.0 / 50), within(1e-12));
    // AIF360 benefits with favourable = 0: b = y - yhat + 1 -> FN get 2, FP get 0
    double mu = (90.0 - 7 + 11) / 90;
    double expected = (11 * (2 / mu) * Math.log(2 / mu) + 72 * (1 / mu) * Math.log(1 / mu)) / 90;
    assertThat(g.disparity(Disparity.THEIL_INDEX).value()).isCloseTo(expected, within(1e-12));
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void withoutAFavourableOutcomeThePositiveClassIsTakenAndSaidSo() throws IOException {
    List<Row> rows = new ArrayList<>(group("a", 10, 5, 5, 30));
    rows.addAll(group("b", 4, 2, 6, 28));
    FairnessReport report =
        analyse(binaryRun(rows, "g,y", null), FairnessSettings.of(List.of("g")));
    assertThat(report.favorableLabel()).isEqualTo("1");
    assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("favourable"));
    assertThat(report.attribute("g").group("a").metric("favorable_rate"))
        .isCloseTo(0.3, within(1e-12));
  }

  @Test
  void missingSensitiveValuesFormTheirOwnGroupLast() throws IOException {
    List<Row> rows = new ArrayList<>(group("x", 10, 5, 5, 30));
    rows.addAll(group("", 4, 2, 6, 28));
    rows.addAll(group("NA", 1, 1, 1, 1));
    FairnessReport report =
        analyse(binaryRun(rows, "g,y", null), FairnessSettings.of(List.of("g")));
    assertThat(report.attribute("g").groups())
        .extracting(GroupReport::value, GroupReport::n)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("x", 50L),
            org.assertj.core.groups.Tuple.tuple("(missing)", 44L));
  }

  @Test
  void numericColumnsAreBinnedAtQuantilesOrAtTheGivenEdges() throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> ages = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(new Row("m", i % 3 == 0 ? 1 : 0, i % 4 == 0 ? 1 : 0, (i % 10) / 10f));
      ages.add(Integer.toString(18 + i % 60));
    }
    FairnessAnalyzer.RunInputs run = binaryRun(rows, "sex,age,y", ages);
    FairnessReport quantiles =
        analyse(run, FairnessSettings.of(List.of("age")).withBootstrap(50, 1));
    AttributeReport age = quantiles.attribute("age");
    assertThat(age.groups())
        .extracting(GroupReport::value)
        .containsExactly("< 30", "[30, 44)", "[44, 61)", ">= 61");
    assertThat(age.binning()).containsExactly("age: quantile bins at 30, 44, 61");

    FairnessReport edges =
        analyse(
            run,
            FairnessSettings.of(List.of("age", "sex"))
                .withBins("age", List.of(30.0, 50.0))
                .withBootstrap(50, 1));
    assertThat(edges.attribute("age").groups())
        .extracting(GroupReport::value)
        .containsExactly("< 30", "[30, 50)", ">= 50");
    assertThat(edges.attribute("age").group("< 30").n())
        .isEqualTo(ages.stream().filter(a -> Integer.parseInt(a) < 30).count());
    assertThat(edges.attributes())
        .extracting(AttributeReport::name)
        .as("each column, then the intersection")
        .containsExactly("age", "sex", "age & sex");
    assertThat(edges.attribute("age & sex").groups())
        .extracting(GroupReport::value)
        .containsExactly("< 30 & m", "[30, 50) & m", ">= 50 & m");
  }

  @Test
  void binsOnATextColumnAreRefusedNamingTheRow() throws IOException {
    FairnessAnalyzer.RunInputs run = binaryRun(group("a", 3, 3, 3, 3), "g,y", null);
    assertThatThrownBy(
            () -> analyse(run, FairnessSettings.of(List.of("g")).withBins("g", List.of(1.0))))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("'g' has text values (first at data row 1)");
  }

  @Test
  void anUnknownColumnOrReferenceGroupIsRefusedNamingWhatExists() throws IOException {
    FairnessAnalyzer.RunInputs run = binaryRun(group("a", 3, 3, 3, 3), "g,y", null);
    assertThatThrownBy(() -> analyse(run, FairnessSettings.of(List.of("race"))))
        .isInstanceOf(AssayException.class)
        .hasMessage("the dataset d:1 has no column 'race'; columns: g, y");
    assertThatThrownBy(
            () -> analyse(run, FairnessSettings.of(List.of("g")).withReference("g", "z")))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("'z' is not a group of g; groups: g: a");
    assertThatThrownBy(() -> analyse(run, FairnessSettings.of(List.of("g")).withPositive("maybe")))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("positive class 'maybe' is not one of the model's classes [0, 1]");
  }

  @Test
  void aChosenReferenceTooSmallToJudgeLeavesFiguresAgainstItUnjudged() throws IOException {
    List<Row> rows = new ArrayList<>(group("a", 10, 5, 5, 30));
    rows.addAll(group("b", 4, 2, 6, 28));
    rows.addAll(group("c", 1, 1, 1, 1));
    FairnessReport report =
        analyse(
            binaryRun(rows, "g,y", null),
            FairnessSettings.of(List.of("g")).withReference("g", "c"));
    AttributeReport g = report.attribute("g");
    assertThat(g.reference()).isNull();
    assertThat(g.disparity(Disparity.DISPARATE_IMPACT).verdict()).isEqualTo(Disparity.NOT_JUDGED);
    assertThat(g.disparity(Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE).verdict())
        .isNotEqualTo(Disparity.NOT_JUDGED);
    assertThat(report.warnings())
        .anySatisfy(w -> assertThat(w).contains("reference group 'c' has only 4 rows"));
  }

  @Test
  void theSameSeedGivesTheSameIntervalsAndAnotherSeedOthers() throws IOException {
    List<Row> rows = new ArrayList<>(group("a", 10, 5, 5, 30));
    rows.addAll(group("b", 4, 2, 6, 28));
    FairnessAnalyzer.RunInputs run = binaryRun(rows, "g,y", null);
    Disparity first =
        analyse(run, FairnessSettings.of(List.of("g")))
            .attribute("g")
            .disparity(Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE);
    Disparity again =
        analyse(run, FairnessSettings.of(List.of("g")))
            .attribute("g")
            .disparity(Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE);
    Disparity other =
        analyse(run, FairnessSettings.of(List.of("g")).withBootstrap(1000, 7))
            .attribute("g")
            .disparity(Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE);
    assertThat(again.ciLow()).isEqualTo(first.ciLow());
    assertThat(again.ciHigh()).isEqualTo(first.ciHigh());
    assertThat(other.ciLow()).isNotEqualTo(first.ciLow());
  }

  @Test
  void aRunWithoutProbabilitiesHasNoAucAndNoThresholdAnalysis() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Row r : group("a", 10, 5, 5, 30)) {
      rows.add(new Row(r.group(), r.truth(), r.predicted(), Float.NaN));
    }
    for (Row r : group("b", 4, 2, 6, 28)) {
      rows.add(new Row(r.group(), r.truth(), r.predicted(), Float.NaN));
    }
    FairnessReport report =
        analyse(binaryRun(rows, "g,y", null), FairnessSettings.of(List.of("g")));
    assertThat(report.attribute("g").thresholds()).isNull();
    assertThat(report.attribute("g").group("a").metrics()).doesNotContainKey("roc_auc");
    assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("no probabilities"));
  }

  @Test
  void predictionsJoinTheDatasetByDataRowNumberSkippingRowsTheRunSkipped() throws IOException {
    Path predictions = dir.resolve("run.pred");
    try (PredictionsFile.Writer w = new PredictionsFile.Writer(predictions, List.of("0", "1"))) {
      w.classification(1, 1, 1, null, 0);
      w.classification(3, 0, 1, null, 0);
    }
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "g,y\na,1\nb,0,extra\nb,0\n");
    FairnessReport report =
        analyse(
            new FairnessAnalyzer.RunInputs(
                1,
                "m:1",
                "d:1",
                "y",
                "classification",
                List.of("0", "1"),
                "1",
                "label_output",
                predictions,
                csv),
            FairnessSettings.of(List.of("g")).withGrouping(true, 4, 1));
    AttributeReport g = report.attribute("g");
    assertThat(g.group("a").counts()).isEqualTo(Map.of("tp", 1L, "fp", 0L, "fn", 0L, "tn", 0L));
    assertThat(g.group("b").counts()).isEqualTo(Map.of("tp", 0L, "fp", 1L, "fn", 0L, "tn", 0L));
  }

  @Test
  void multiclassRunsNeedAPositiveClassAndKeepExactAccuracy() throws IOException {
    Path predictions = dir.resolve("run.pred");
    List<String> lines = new ArrayList<>(List.of("g,y"));
    try (PredictionsFile.Writer w =
        new PredictionsFile.Writer(predictions, List.of("a", "b", "c"))) {
      int[][] pairs = {{0, 0}, {1, 1}, {2, 2}, {2, 1}, {1, 2}, {0, 1}};
      for (int i = 0; i < 60; i++) {
        int[] p = pairs[i % pairs.length];
        w.classification(i + 1, p[0], p[1], null, 0);
        lines.add((i < 30 ? "u" : "v") + "," + p[0]);
      }
    }
    Path csv = dir.resolve("m.csv");
    Files.write(csv, lines);
    FairnessAnalyzer.RunInputs run =
        new FairnessAnalyzer.RunInputs(
            1,
            "m:1",
            "d:1",
            "y",
            "classification",
            List.of("a", "b", "c"),
            null,
            "label_output",
            predictions,
            csv);
    assertThatThrownBy(() -> analyse(run, FairnessSettings.of(List.of("g"))))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("the run has 3 classes: name the positive class");

    FairnessReport report =
        analyse(run, FairnessSettings.of(List.of("g")).withPositive("b").withFavorable("c"));
    GroupReport u = report.attribute("g").group("u");
    assertThat(u.metric("accuracy")).isCloseTo(3.0 / 6, within(1e-12));
    // one-vs-rest for 'b' (index 1); favourable 'c' (index 2)
    assertThat(u.metric("selection_rate")).isCloseTo(3.0 / 6, within(1e-12));
    assertThat(u.metric("favorable_rate")).isCloseTo(2.0 / 6, within(1e-12));
    assertThat(u.metric("tpr")).isCloseTo(1.0 / 2, within(1e-12));
    assertThat(report.attribute("g").thresholds()).as("binary only").isNull();
  }

  @Test
  void regressionReportsGroupMeansAndErrorGapsForInformation() throws IOException {
    Path predictions = dir.resolve("r.pred");
    List<String> lines = new ArrayList<>(List.of("g,y"));
    try (PredictionsFile.Writer w = new PredictionsFile.Writer(predictions, List.of())) {
      for (int i = 0; i < 40; i++) {
        double actual = i;
        double predicted = i < 20 ? i + 1 : i - 3;
        w.regression(i + 1, actual, predicted);
        lines.add((i < 20 ? "p" : "q") + "," + actual);
      }
    }
    Path csv = dir.resolve("r.csv");
    Files.write(csv, lines);
    FairnessReport report =
        analyse(
            new FairnessAnalyzer.RunInputs(
                1, "m:1", "d:1", "y", "regression", List.of(), null, null, predictions, csv),
            FairnessSettings.of(List.of("g")).withBootstrap(200, 1));
    AttributeReport g = report.attribute("g");
    assertThat(g.group("p").metric("mean_error")).isCloseTo(1, within(1e-12));
    assertThat(g.group("q").metric("mae")).isCloseTo(3, within(1e-12));
    assertThat(g.group("q").metric("mean_prediction")).isCloseTo(26.5, within(1e-12));
    Disparity mae = g.disparity(Disparity.MAE_DIFFERENCE);
    assertThat(mae.value()).isCloseTo(2, within(1e-12));
    assertThat(mae.verdict()).isEqualTo(Disparity.INFO);
    assertThat(g.disparity(Disparity.MEAN_PREDICTION_DIFFERENCE).pValue()).isLessThan(0.05);
    FairnessReport judged =
        analyse(
            new FairnessAnalyzer.RunInputs(
                1, "m:1", "d:1", "y", "regression", List.of(), null, null, predictions, csv),
            FairnessSettings.of(List.of("g"))
                .withThresholds(FairnessThresholds.DEFAULTS.with(Disparity.MAE_DIFFERENCE, 1.5))
                .withBootstrap(200, 1));
    assertThat(judged.attribute("g").disparity(Disparity.MAE_DIFFERENCE).verdict())
        .isEqualTo(Disparity.UNFAIR);
    assertThat(judged.verdict()).isEqualTo(Disparity.UNFAIR);
  }

  @Test
  void largeRegressionGroupsTakeResampledMeansFromTheirNormalLimit() throws IOException {
    Path predictions = dir.resolve("big.pred");
    List<String> lines = new ArrayList<>(List.of("g,y"));
    java.util.Random random = new java.util.Random(3);
    double sum = 0;
    double sumSquares = 0;
    int big = RegressionAnalysis.EXACT_ROWS + 1000;
    try (PredictionsFile.Writer w = new PredictionsFile.Writer(predictions, List.of())) {
      for (int i = 0; i < big + 40; i++) {
        double error = random.nextGaussian() * 2;
        w.regression(i + 1, 10, 10 + error);
        lines.add((i < big ? "big" : "small") + ",10");
        if (i < big) {
          sum += error;
          sumSquares += error * error;
        }
      }
    }
    Path csv = dir.resolve("big.csv");
    Files.write(csv, lines);
    FairnessReport report =
        analyse(
            new FairnessAnalyzer.RunInputs(
                1, "m:1", "d:1", "y", "regression", List.of(), null, null, predictions, csv),
            FairnessSettings.of(List.of("g")).withBootstrap(2000, 5));
    GroupReport large = report.attribute("g").group("big");
    Interval ci = large.intervals().get("mean_error");
    assertThat(ci.method()).isEqualTo("bootstrap (normal limit)");
    assertThat(report.attribute("g").group("small").intervals().get("mean_error").method())
        .isEqualTo("bootstrap");
    double mean = sum / big;
    double se = Math.sqrt(sumSquares / big - mean * mean) / Math.sqrt(big);
    assertThat(large.metric("mean_error")).isCloseTo(mean, within(1e-12));
    assertThat(ci.low()).isCloseTo(mean - 1.96 * se, within(0.1 * se));
    assertThat(ci.high()).isCloseTo(mean + 1.96 * se, within(0.1 * se));
  }
}
