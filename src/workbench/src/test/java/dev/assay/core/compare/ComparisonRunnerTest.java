package dev.assay.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonRunnerTest {
  /**
   * Eight rows for {@link TestModels#perColumnClassifier}, p1 = sigmoid(a + b) = .12, .38, .55,
   * .60, .65, .73, .88, .57. With the label threshold 0.5 the labels are 0,0,1,1,1,1,1,1; with 0.7
   * they are 0,0,0,0,0,1,1,0: rows 3, 4, 5 and 8 differ. Rows 3 and 4 are 0 (the 0.7 model flips
   * them to correct), rows 5 and 8 are 1 (flipped to wrong).
   */
  private static final String[] HAND_MADE = {
    "a,b,y", "-2,0,0", "-0.5,0,1", "0.2,0,0", "0.4,0,0", "0.6,0,1", "1,0,1", "2,0,1", "0.3,0,1"
  };

  @TempDir Path dir;
  private TestWorkbench bench;
  private Workbench workbench;

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(dir);
    workbench = bench.workbench();
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private ModelVersion threshold(float t, String file) throws Exception {
    return bench.importModel(
        TestModels.write(dir.resolve(file), TestModels.perColumnClassifier(t)), "thr");
  }

  private static ComparisonRequest request(
      List<Contender> contenders, DatasetVersion data, String target, int batch, long snapshot) {
    return new ComparisonRequest(contenders, data, target, null, batch, 1, 1e-5, 200, 7, snapshot);
  }

  @Test
  void handMadeDisagreementsAreCountedListedAndExported() throws Exception {
    ModelVersion low = threshold(0.5f, "low.onnx");
    ModelVersion high = threshold(0.7f, "high.onnx");
    DatasetVersion data = bench.importCsv("hand.csv", HAND_MADE);
    List<LiveSnapshot> snapshots = new CopyOnWriteArrayList<>();
    Comparison c =
        workbench
            .comparisons()
            .run(
                request(
                    List.of(new Contender(low, null), new Contender(high, null)), data, "y", 3, 0),
                Progress.NONE,
                snapshots::add,
                Cancellation.NONE);

    ComparisonReport.Disagreement d = c.report().disagreements().getFirst();
    assertThat(d.rows()).isEqualTo(8);
    assertThat(d.disagreements()).isEqualTo(4);
    assertThat(d.rate()).isEqualTo(0.5);
    assertThat(d.flipsToCorrect()).isEqualTo(2);
    assertThat(d.flipsToWrong()).isEqualTo(2);
    assertThat(d.bothWrong()).isZero();
    assertThat(d.rowsListed())
        .extracting(ComparisonReport.DisagreementRow::row, ComparisonReport.DisagreementRow::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "to_correct"),
            org.assertj.core.groups.Tuple.tuple(4L, "to_correct"),
            org.assertj.core.groups.Tuple.tuple(5L, "to_wrong"),
            org.assertj.core.groups.Tuple.tuple(8L, "to_wrong"));
    assertThat(d.equivalence().maxAbsDifference())
        .as("same probabilities, different label thresholds")
        .isZero();
    assertThat(d.equivalence().pass()).isTrue();

    ComparisonReport.MetricDelta accuracy = c.report().deltas().getFirst();
    assertThat(accuracy.metric()).isEqualTo("accuracy");
    assertThat(accuracy.baselineValue()).isEqualTo(5 / 8.0);
    assertThat(accuracy.value()).isEqualTo(5 / 8.0);
    assertThat(accuracy.test()).isEqualTo("mcnemar_exact");
    assertThat(accuracy.pValue()).isEqualTo(1.0);
    assertThat(accuracy.verdict()).isEqualTo(ComparisonReport.NOISE);

    assertThat(snapshots).hasSize(4); // after each of 3 batches, and the final one
    assertThat(snapshots.getLast().finished()).isTrue();
    assertThat(snapshots.getLast().rows()).isEqualTo(8);
    assertThat(snapshots.getLast().models().getFirst().accuracy()).isEqualTo(5 / 8.0);

    Path csv = dir.resolve("disagreements.csv");
    long written =
        new DisagreementExport(workbench.runs(), dir.resolve("tmp"))
            .toCsv(d.baselineRunId(), d.modelRunId(), csv);
    List<String> lines = Files.readAllLines(csv);
    assertThat(written).isEqualTo(4);
    assertThat(lines.getFirst())
        .isEqualTo(
            "row,actual,baseline,model,change,baseline_p_0,baseline_p_1,model_p_0,model_p_1");
    assertThat(lines.get(1)).startsWith("3,0,1,0,to_correct,");
    assertThat(lines).hasSize(5);
  }

  @Test
  void aComparisonWithoutATargetIsRefusedInOneLine() throws Exception {
    ModelVersion low = threshold(0.5f, "low.onnx");
    ModelVersion high = threshold(0.7f, "high.onnx");
    DatasetVersion data = bench.importCsv("hand.csv", HAND_MADE);
    int before = workbench.runs().list(null).size();

    assertThatThrownBy(
            () ->
                workbench
                    .comparisons()
                    .run(
                        request(
                            List.of(new Contender(low, null), new Contender(high, null)),
                            data,
                            null,
                            3,
                            0),
                        Progress.NONE,
                        snapshot -> {},
                        Cancellation.NONE))
        .isInstanceOf(AssayException.class)
        .hasMessageStartingWith("a comparison needs labels")
        .hasMessageNotContaining("\n");
    assertThat(workbench.runs().list(null)).hasSize(before);
  }

  @Test
  void theDatasetsColumnCacheIsReadInsteadOfTheCsv() throws Exception {
    ModelVersion low = threshold(0.5f, "low.onnx");
    ModelVersion high = threshold(0.7f, "high.onnx");
    DatasetVersion data = bench.importCsv("hand.csv", HAND_MADE);
    Path stored = workbench.datasets().file(data);
    stored.toFile().setWritable(true);
    Files.writeString(stored, "a,b,y\n"); // were the CSV read, it would have no rows

    Comparison c =
        workbench
            .comparisons()
            .run(
                request(
                    List.of(new Contender(low, null), new Contender(high, null)), data, "y", 3, 0),
                Progress.NONE,
                snapshot -> {},
                Cancellation.NONE);

    assertThat(c.report().rows()).isEqualTo(8);
    assertThat(c.report().disagreements().getFirst().disagreements()).isEqualTo(4);
  }

  @Test
  void sampleVersionsAreComparedInOnePassStoredAsRunsAndTheComparisonReopens() {
    ModelVersion v1 = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    ModelVersion v2 = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), "hmda-deny");
    DatasetVersion data =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    Comparison c =
        workbench
            .comparisons()
            .run(
                request(
                    List.of(new Contender(v1, null), new Contender(v2, null)),
                    data,
                    "deny",
                    0,
                    200),
                Progress.NONE,
                ComparisonListener.NONE,
                Cancellation.NONE);

    EvaluationResult alone = bench.run(TestWorkbench.request(v2, data, "deny", null));
    assertThat(c.results().get(1).metrics().toString())
        .as("the comparison's run of v2 equals a plain evaluation of v2")
        .isEqualTo(alone.metrics().toString());
    assertThat(c.report().rows()).isEqualTo(714);
    for (ComparisonReport.ModelRun run : c.report().models()) {
      assertThat(workbench.runs().get(run.runId()).status()).isEqualTo(RunStatus.COMPLETED);
    }
    ComparisonReport.MetricDelta auc =
        c.report().deltas().stream().filter(d -> d.metric().equals("roc_auc")).findFirst().get();
    assertThat(auc.test()).isEqualTo("delong");
    assertThat(auc.value()).isCloseTo((Double) alone.metrics().get("roc_auc"), within(1e-12));
    assertThat(auc.ciLow()).isLessThan(auc.difference()).isLessThan(auc.ciHigh());
    assertThat(c.report().deltas())
        .allSatisfy(
            d -> assertThat(d.verdict()).isIn(ComparisonReport.REAL, ComparisonReport.NOISE));

    for (ComparisonReport.MetricDelta d : c.report().deltas()) {
      assertThat(d.baselineValue())
          .as("the point value of %s is the evaluation's", d.metric())
          .isCloseTo(
              ((Number) c.results().get(0).metrics().get(d.metric())).doubleValue(), within(1e-12));
      assertThat(d.value())
          .isCloseTo(
              ((Number) c.results().get(1).metrics().get(d.metric())).doubleValue(), within(1e-12));
    }

    Comparison reopened = workbench.comparisonStore().open(c.report().id());
    assertThat(reopened.report().deltas()).isEqualTo(c.report().deltas());
    assertThat(reopened.results().get(0).metrics().toString())
        .isEqualTo(c.results().get(0).metrics().toString());
    assertThat(workbench.comparisonStore().list()).hasSize(1);
    assertThat(workbench.auditEntries()).extracting(AuditLog.Entry::action).contains("compare.run");
  }

  @Test
  void oneVersionOnTwoProvidersIsNumericallyEquivalent() {
    ModelVersion v2 = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), "hmda-deny");
    DatasetVersion data =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    Comparison c =
        workbench
            .comparisons()
            .run(
                request(
                    List.of(
                        new Contender(v2, ExecutionProvider.CPU),
                        new Contender(v2, ExecutionProvider.AUTO)),
                    data,
                    "deny",
                    100,
                    200),
                Progress.NONE,
                ComparisonListener.NONE,
                Cancellation.NONE);
    ComparisonReport.Disagreement d = c.report().disagreements().getFirst();
    assertThat(d.baseline()).isEqualTo("hmda-deny:1@cpu");
    assertThat(d.disagreements()).isZero();
    assertThat(d.equivalence().pass()).isTrue();
    assertThat(d.equivalence().valuesCompared()).isEqualTo(714 * 2);
    assertThat(c.report().deltas())
        .allSatisfy(delta -> assertThat(delta.verdict()).isEqualTo(ComparisonReport.NOISE));
  }

  @Test
  void cancellingMarksEveryRunCancelledAndStoresNoComparison() throws Exception {
    ModelVersion low = threshold(0.5f, "low.onnx");
    ModelVersion high = threshold(0.7f, "high.onnx");
    DatasetVersion data = bench.importCsv("hand.csv", HAND_MADE);
    AtomicBoolean cancelled = new AtomicBoolean();
    assertThatThrownBy(
            () ->
                workbench
                    .comparisons()
                    .run(
                        request(
                            List.of(new Contender(low, null), new Contender(high, null)),
                            data,
                            "y",
                            2,
                            0),
                        Progress.NONE,
                        snapshot -> cancelled.set(true),
                        cancelled::get))
        .isInstanceOf(Cancellation.CancelledException.class);
    assertThat(workbench.runs().list(null))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.CANCELLED));
    assertThat(workbench.comparisonStore().list()).isEmpty();
  }

  @Test
  void refusesAVersionListedTwiceAndAMissingTarget() throws Exception {
    ModelVersion low = threshold(0.5f, "low.onnx");
    ModelVersion high = threshold(0.7f, "high.onnx");
    DatasetVersion data = bench.importCsv("hand.csv", HAND_MADE);
    assertThatThrownBy(
            () ->
                workbench
                    .comparisons()
                    .run(
                        request(
                            List.of(new Contender(low, null), new Contender(low, null)),
                            data,
                            "y",
                            0,
                            0),
                        Progress.NONE,
                        ComparisonListener.NONE,
                        Cancellation.NONE))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("listed twice");
    assertThatThrownBy(
            () ->
                workbench
                    .comparisons()
                    .run(
                        request(
                            List.of(new Contender(low, null), new Contender(high, null)),
                            data,
                            "label",
                            0,
                            0),
                        Progress.NONE,
                        ComparisonListener.NONE,
                        Cancellation.NONE))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("no target column 'label'");
    assertThat(workbench.runs().list(null)).isEmpty();
  }
}
