package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationRunnerTest {
  /**
   * Eight rows for {@link TestModels#perColumnClassifier}: p1 = sigmoid(a + b). Columns in another
   * order than the model's inputs, plus one the model does not use. With the 0.5 threshold the
   * labels are 0,0,1,1,0,1,0,0 (accuracy 5/8); with 0.3 they are 0,1,1,1,1,1,0,1 (4/8): rows 2, 5
   * and 8 (p1 = 0.378, 0.354, 0.475) disagree with the probabilities.
   */
  private static final String[] PER_COLUMN = {
    "id,b,a,y",
    "r1,0,-2,0",
    "r2,-0.25,-0.25,0",
    "r3,0,0.5,1",
    "r4,1,1,1",
    "r5,-0.3,-0.3,1",
    "r6,0,0.25,0",
    "r7,0,-3,1",
    "r8,-0.1,0,0"
  };

  @TempDir Path dir;
  private TestWorkbench bench;

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(dir);
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private ModelVersion perColumnModel(float threshold, String name) throws Exception {
    return bench.importModel(
        TestModels.write(
            dir.resolve("models").resolve(name + ".onnx"),
            TestModels.perColumnClassifier(threshold)),
        name);
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static EvaluationRequest withBatch(EvaluationRequest r, int batch) {
    return new EvaluationRequest(
        r.model(),
        r.dataset(),
        r.target(),
        r.features(),
        r.positiveLabel(),
        r.sensitive(),
        r.provider(),
        batch,
        r.threads(),
        r.labelSource(),
        r.softmax());
  }

  @Test
  void metricsAndAgreementDoNotDependOnTheBatchSize() throws Exception {
    ModelVersion flipped = perColumnModel(0.3f, "flipped");
    DatasetVersion small = bench.importCsv("pc.csv", PER_COLUMN);
    ModelVersion hmda = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), "hmda");
    DatasetVersion large =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));

    EvaluationRequest smallRequest = TestWorkbench.request(flipped, small, "y", null);
    EvaluationResult whole = bench.run(smallRequest);
    EvaluationResult inThrees = bench.run(withBatch(smallRequest, 3));
    EvaluationRequest largeRequest = TestWorkbench.request(hmda, large, "deny", null);
    EvaluationResult oneBatch = bench.run(largeRequest);
    EvaluationResult inSevens = bench.run(withBatch(largeRequest, 7));

    assertThat(inThrees.run().batchSize()).isEqualTo(3);
    assertThat(inThrees.metrics()).isEqualTo(whole.metrics());
    assertThat(inThrees.agreement()).isEqualTo(whole.agreement());
    assertThat(inSevens.rows()).isEqualTo(714);
    assertThat(inSevens.metrics().get("confusion_matrix"))
        .isEqualTo(oneBatch.metrics().get("confusion_matrix"));
    for (String key : List.of("accuracy", "roc_auc", "average_precision", "log_loss", "brier")) {
      assertThat((Double) inSevens.metrics().get(key))
          .as(key)
          .isCloseTo((Double) oneBatch.metrics().get(key), within(1e-12));
    }
  }

  @Test
  void batchesScoredAtOnceGiveTheSamePredictionsInDataOrderAsOneBatchAtATime() throws Exception {
    ModelVersion hmda = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), "hmda");
    DatasetVersion data =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    EvaluationRequest base = withBatch(TestWorkbench.request(hmda, data, "deny", null), 7);
    EvaluationRequest oneAtATime = withThreads(base, 1);
    EvaluationRequest parallel = withThreads(base, 0);
    // On one core the "parallel" run is the same as the other; this test needs two.
    assumeTrue(bench.workbench().evaluations().inFlight(parallel) > 1);
    assertThat(bench.workbench().evaluations().inFlight(oneAtATime)).isEqualTo(1);

    EvaluationResult sequential = bench.run(oneAtATime);
    EvaluationResult inParallel = bench.run(parallel);

    assertThat(inParallel.metrics()).isEqualTo(sequential.metrics());
    assertThat(inParallel.rows()).isEqualTo(714);
    assertThat(predictions(inParallel)).isEqualTo(predictions(sequential));
  }

  private List<String> predictions(EvaluationResult result) throws Exception {
    Path file = dir.resolve("predictions-" + result.run().id());
    bench.workbench().runs().copyPredictions(result.run().id(), file);
    List<String> rows = new java.util.ArrayList<>();
    PredictionsFile.read(
        file,
        r ->
            rows.add(
                r.row()
                    + ":"
                    + r.trueClass()
                    + ":"
                    + r.predictedClass()
                    + ":"
                    + java.util.Arrays.toString(r.probabilities())));
    return rows;
  }

  private static EvaluationRequest withThreads(EvaluationRequest r, int threads) {
    return new EvaluationRequest(
        r.model(),
        r.dataset(),
        r.target(),
        r.features(),
        r.positiveLabel(),
        r.sensitive(),
        r.provider(),
        r.batchSize(),
        threads,
        r.labelSource(),
        r.softmax());
  }

  @Test
  void softmaxOnRequestTurnsALogitOutputIntoProbabilities() throws Exception {
    ModelVersion model =
        bench.importModel(
            TestModels.write(dir.resolve("logits.onnx"), TestModels.identity(8, 13)), "logits");
    DatasetVersion data =
        bench.importCsv("logits.csv", "x0,x1,y", "0,2,1", "1,-1,0", "0.5,0,1", "-1,1,1");
    EvaluationRequest plain = TestWorkbench.request(model, data, "y", null);
    EvaluationRequest softmax =
        new EvaluationRequest(
            model,
            data,
            "y",
            null,
            null,
            List.of(),
            ExecutionProvider.CPU,
            0,
            1,
            EvaluationRequest.LabelSource.LABEL_OUTPUT,
            true);

    EvaluationResult result = bench.run(softmax);

    // p1 = sigmoid(x1 - x0) = sigmoid(2), sigmoid(-2), sigmoid(-0.5), sigmoid(2)
    double[] p1 = {sigmoid(2), sigmoid(-2), sigmoid(-0.5), sigmoid(2)};
    int[] y = {1, 0, 1, 1};
    double logLoss = 0;
    double brier = 0;
    for (int i = 0; i < 4; i++) {
      logLoss -= Math.log(y[i] == 1 ? p1[i] : 1 - p1[i]) / 4;
      brier += (p1[i] - y[i]) * (p1[i] - y[i]) / 4;
    }
    assertThat((Double) result.metrics().get("log_loss")).isCloseTo(logLoss, within(1e-6));
    assertThat((Double) result.metrics().get("brier")).isCloseTo(brier, within(1e-6));
    assertThat((Double) result.metrics().get("accuracy")).isEqualTo(0.75);
    // without softmax the logits are never read as probabilities
    EvaluationResult withoutSoftmax = bench.run(plain);
    assertThat(withoutSoftmax.metrics().get("log_loss")).isNull();
    assertThat(withoutSoftmax.warnings().getFirst())
        .contains("output 'y' is not a probability distribution");
  }

  @Test
  void perColumnInputsAreBoundToColumnsByName() throws Exception {
    ModelVersion model = perColumnModel(0.5f, "pc");
    DatasetVersion data = bench.importCsv("pc.csv", PER_COLUMN);

    EvaluationResult result = bench.run(TestWorkbench.request(model, data, "y", null));

    assertThat(result.bindingSource()).isEqualTo("input names");
    assertThat(result.binding().inputs())
        .extracting(Binding.InputBinding::input, Binding.InputBinding::columns)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", List.of("a")),
            org.assertj.core.groups.Tuple.tuple("b", List.of("b")));
    assertThat(result.rows()).isEqualTo(8);
    assertThat((Double) result.metrics().get("accuracy")).isEqualTo(5 / 8.0);
    assertThat(result.labelSource()).isEqualTo("label_output");
    assertThat(result.agreement().compared()).isEqualTo(8);
    assertThat(result.agreement().disagreements()).isZero();
    // sklearn: precision_score([0,0,1,1,1,0,1,0], [0,0,1,1,0,1,0,0]) = 2/3, recall = 2/4
    assertThat((Double) result.metrics().get("precision")).isCloseTo(2 / 3.0, within(1e-12));
    assertThat((Double) result.metrics().get("recall")).isEqualTo(0.5);
  }

  @Test
  void positiveLabelZeroGivesPrecisionAndRecallOfClassZeroAsScikitLearn() throws Exception {
    ModelVersion model = perColumnModel(0.5f, "pc");
    DatasetVersion data = bench.importCsv("pc.csv", PER_COLUMN);
    EvaluationRequest base = TestWorkbench.request(model, data, "y", null);
    EvaluationRequest zero =
        new EvaluationRequest(
            model,
            data,
            "y",
            null,
            "0",
            List.of(),
            ExecutionProvider.CPU,
            0,
            1,
            EvaluationRequest.LabelSource.LABEL_OUTPUT,
            false);

    EvaluationResult one = bench.run(base);
    EvaluationResult result = bench.run(zero);

    assertThat(result.positiveLabel()).isEqualTo("0");
    // sklearn: precision_score(y, pred, pos_label=0) = 3/5, recall_score(..., pos_label=0) = 3/4
    assertThat((Double) result.metrics().get("precision")).isCloseTo(0.6, within(1e-12));
    assertThat((Double) result.metrics().get("recall")).isEqualTo(0.75);
    assertThat((Double) result.metrics().get("f1")).isCloseTo(2 * 0.6 * 0.75 / 1.35, within(1e-12));
    assertThat(result.metrics().get("accuracy")).isEqualTo(one.metrics().get("accuracy"));
    assertThat(result.metrics().get("f1_macro")).isEqualTo(one.metrics().get("f1_macro"));
    assertThat(result.metrics().get("confusion_matrix"))
        .isEqualTo(one.metrics().get("confusion_matrix"));
  }

  @Test
  void aLabelOutputThatDisagreesWithTheProbabilitiesIsReportedWithCountAndRows() throws Exception {
    ModelVersion model = perColumnModel(0.3f, "flipped");
    DatasetVersion data = bench.importCsv("pc.csv", PER_COLUMN);

    EvaluationResult result = bench.run(TestWorkbench.request(model, data, "y", null));

    EvaluationResult.Agreement agreement = result.agreement();
    assertThat(agreement.compared()).isEqualTo(8);
    assertThat(agreement.disagreements()).isEqualTo(3);
    assertThat(agreement.examples())
        .extracting(
            EvaluationResult.Disagreement::row,
            EvaluationResult.Disagreement::labelOutput,
            EvaluationResult.Disagreement::fromProbabilities)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, "1", "0"),
            org.assertj.core.groups.Tuple.tuple(5L, "1", "0"),
            org.assertj.core.groups.Tuple.tuple(8L, "1", "0"));
    assertThat(agreement.examples().getFirst().probabilities().get(1).doubleValue())
        .isCloseTo(sigmoid(-0.5), within(1e-6));
    assertThat(result.warnings().getFirst()).contains("disagree on 3 of 8 rows");
    assertThat((Double) result.metrics().get("accuracy")).isEqualTo(0.5);
  }

  @Test
  void labelSourceProbabilitiesDerivesLabelsFromTheProbabilities() throws Exception {
    ModelVersion model = perColumnModel(0.3f, "flipped");
    DatasetVersion data = bench.importCsv("pc.csv", PER_COLUMN);
    EvaluationRequest request =
        new EvaluationRequest(
            model,
            data,
            "y",
            null,
            null,
            List.of(),
            ExecutionProvider.CPU,
            0,
            1,
            EvaluationRequest.LabelSource.PROBABILITIES,
            false);

    EvaluationResult result = bench.run(request);

    assertThat(result.labelSource()).isEqualTo("probabilities");
    assertThat((Double) result.metrics().get("accuracy")).isEqualTo(5 / 8.0);
    assertThat(result.agreement().disagreements()).isEqualTo(3);
    assertThat(bench.workbench().runs().get(result.run().id()).status())
        .isEqualTo(RunStatus.COMPLETED);
    assertThat(bench.workbench().runs().result(result.run().id()).labelSource())
        .isEqualTo("probabilities");
  }

  @Test
  void aModelWithItsBatchFixedAtOneGivesTheSameMetricsAsTheDynamicOne() throws Exception {
    Path sample = TestModels.sample("hmda-deny-v2.onnx");
    ModelVersion dynamic = bench.importModel(sample, "hmda");
    ModelVersion fixed =
        bench.importModel(
            TestModels.write(dir.resolve("fixed.onnx"), TestModels.withFixedBatch(sample, 1)),
            "hmda-fixed");
    assertThat(fixed.inspection().inputs().getFirst().shape())
        .extracting(d -> ((Number) d).longValue())
        .containsExactly(1L, 13L);
    DatasetVersion data =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));

    EvaluationResult reference = bench.run(TestWorkbench.request(dynamic, data, "deny", null));
    EvaluationResult result = bench.run(TestWorkbench.request(fixed, data, "deny", null));

    assertThat(result.rows()).isEqualTo(714);
    assertThat(result.run().batchSize()).isEqualTo(1);
    assertThat(result.binding().fixedBatch()).isEqualTo(1);
    assertThat(result.warnings()).anyMatch(w -> w.contains("fixed at 1"));
    assertThat(result.metrics().get("confusion_matrix"))
        .isEqualTo(reference.metrics().get("confusion_matrix"));
    for (String key : List.of("accuracy", "roc_auc", "log_loss", "brier", "average_precision")) {
      assertThat((Double) result.metrics().get(key))
          .as(key)
          .isCloseTo((Double) reference.metrics().get(key), within(1e-9));
    }
  }

  @Test
  void tooFewFeaturesForTheInputNameTheInputItsShapeAndTheColumns() {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), "hmda");
    DatasetVersion data =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    List<String> twelve =
        List.of(
            "chist",
            "condomin",
            "hirat",
            "hschool",
            "insurance",
            "lvrat",
            "mhist",
            "phist",
            "pirat",
            "selfemp",
            "single",
            "unemp");

    assertThatThrownBy(() -> bench.run(TestWorkbench.request(model, data, "deny", twelve)))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("input 'input'")
        .hasMessageContaining("13]")
        .hasMessageContaining("expects 13 features")
        .hasMessageContaining("12 columns")
        .hasMessageContaining(String.join(", ", twelve));
  }

  @Test
  void zipMapProbabilitiesAreDecodedWithTheirKeysAsClasses() throws Exception {
    ModelVersion model =
        bench.importModel(TestModels.write(dir.resolve("zip.onnx"), TestModels.zipMap()), "zipmap");
    DatasetVersion data =
        bench.importCsv("zip.csv", "x0,x1,y", "0.9,0.1,0", "0.2,0.8,1", "0.6,0.4,1", "0.3,0.7,0");

    EvaluationResult result = bench.run(TestWorkbench.request(model, data, "y", null));

    assertThat(result.classOrder()).containsExactly("0", "1");
    assertThat(result.labelSource()).isEqualTo("probabilities");
    assertThat(result.agreement()).isNull();
    assertThat((Double) result.metrics().get("accuracy")).isEqualTo(0.5);
    // p1 = .1, .8, .4, .7 for y = 0, 1, 1, 0: 3 of 4 positive-negative pairs ordered
    assertThat((Double) result.metrics().get("roc_auc")).isEqualTo(0.75);
    assertThat(result.metrics().get("confusion_matrix"))
        .isEqualTo(List.of(List.of(1L, 1L), List.of(1L, 1L)));
    // no metadata names the features: all columns but the target, in file order, with a warning
    assertThat(result.bindingSource()).isEqualTo("default");
    assertThat(result.binding().columns()).containsExactly("x0", "x1");
    assertThat(result.warnings()).anyMatch(w -> w.contains("x0, x1") && w.contains("--features"));
  }

  @Test
  void rowsWithoutATargetAreSkippedWithAWarningAndKeepTheirRowNumbers() throws Exception {
    ModelVersion model = perColumnModel(0.5f, "pc");
    DatasetVersion data =
        bench.importCsv(
            "gaps.csv", "id,b,a,y", "r1,0,-2,0", "r2,0,1,", "r3,0,0.5,1", "r4,0,1,NA", "r5,1,1,1");

    EvaluationResult result = bench.run(TestWorkbench.request(model, data, "y", null));

    assertThat(result.rows()).isEqualTo(3);
    assertThat(result.skippedRows()).isEqualTo(2);
    assertThat(result.warnings()).contains("2 rows without a target value were skipped");
    Path csv = dir.resolve("gaps-predictions.csv");
    new PredictionsExport(bench.workbench().runs(), dir.resolve("scratch"))
        .toCsv(result.run().id(), csv);
    assertThat(Files.readAllLines(csv))
        .extracting(line -> line.split(",")[0])
        .containsExactly("row", "1", "3", "5");
  }

  @Test
  void aNonNumericFeatureCellFailsTheRunNamingRowAndColumn() throws Exception {
    ModelVersion model = perColumnModel(0.5f, "pc");
    DatasetVersion data =
        bench.importCsv("bad.csv", "id,b,a,y", "r1,0,-2,0", "r2,0,1,1", "r3,0,abc,1");

    assertThatThrownBy(() -> bench.run(TestWorkbench.request(model, data, "y", null)))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("row 3")
        .hasMessageContaining("column 'a'")
        .hasMessageContaining("'abc' is not a number");
    RunSummary run = bench.workbench().runs().list(null).getFirst();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).contains("column 'a'");
  }

  @Test
  void predictionsAreStoredPerRowAndExportedWithLabelsAndProbabilities() throws Exception {
    ModelVersion model = perColumnModel(0.5f, "pc");
    DatasetVersion data = bench.importCsv("pc.csv", PER_COLUMN);
    EvaluationResult result = bench.run(TestWorkbench.request(model, data, "y", null));
    Path csv = dir.resolve("predictions.csv");

    new PredictionsExport(bench.workbench().runs(), dir.resolve("scratch"))
        .toCsv(result.run().id(), csv);

    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(9);
    assertThat(lines.getFirst()).isEqualTo("row,actual,predicted,p_0,p_1");
    String[] actual = {"0", "0", "1", "1", "1", "0", "1", "0"};
    String[] predicted = {"0", "0", "1", "1", "0", "1", "0", "0"};
    double[] sums = {-2, -0.5, 0.5, 2, -0.6, 0.25, -3, -0.1};
    for (int i = 0; i < 8; i++) {
      String[] cells = lines.get(i + 1).split(",");
      assertThat(cells).hasSize(5);
      assertThat(cells[0]).isEqualTo(Integer.toString(i + 1));
      assertThat(cells[1]).as("actual of row %d", i + 1).isEqualTo(actual[i]);
      assertThat(cells[2]).as("predicted of row %d", i + 1).isEqualTo(predicted[i]);
      assertThat(Double.parseDouble(cells[4])).isCloseTo(sigmoid(sums[i]), within(1e-6));
      assertThat(Double.parseDouble(cells[3]) + Double.parseDouble(cells[4]))
          .isCloseTo(1, within(1e-6));
    }
  }

  @Test
  void cancellingMidRunStoresTheRunAsCancelled() {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda");
    DatasetVersion data =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    AtomicInteger checks = new AtomicInteger();
    Cancellation afterTwoBatches = () -> checks.incrementAndGet() > 2;
    EvaluationRequest request =
        new EvaluationRequest(
            model, data, "deny", null, null, List.of(), ExecutionProvider.CPU, 100, 1, null, false);

    assertThatThrownBy(
            () -> bench.workbench().evaluations().run(request, Progress.NONE, afterTwoBatches))
        .isInstanceOf(Cancellation.CancelledException.class);

    assertThat(checks.get()).isEqualTo(3);
    List<RunSummary> runs = bench.workbench().runs().list(model.id());
    assertThat(runs).hasSize(1);
    assertThat(runs.getFirst().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(runs.getFirst().endedAt()).isNotNull();
    assertThat(runs.getFirst().resultJson()).isNull();
  }

  @Test
  void cancellingWhileBatchesAreScoredAtOnceStopsCleanlyAndStoresTheRunAsCancelled() {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda");
    DatasetVersion data =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    AtomicInteger checks = new AtomicInteger();
    Cancellation afterThreeBatches = () -> checks.incrementAndGet() > 3;
    EvaluationRequest request =
        new EvaluationRequest(
            model, data, "deny", null, null, List.of(), ExecutionProvider.CPU, 50, 0, null, false);
    assumeTrue(bench.workbench().evaluations().inFlight(request) > 1);

    assertThatThrownBy(
            () -> bench.workbench().evaluations().run(request, Progress.NONE, afterThreeBatches))
        .isInstanceOf(Cancellation.CancelledException.class);

    List<RunSummary> runs = bench.workbench().runs().list(model.id());
    assertThat(runs).hasSize(1);
    assertThat(runs.getFirst().status()).isEqualTo(RunStatus.CANCELLED);
    // the session was closed after the batches in flight: the same model runs again to the end
    assertThat(bench.run(request).rows()).isEqualTo(714);
  }

  @Test
  void theBindingIsRememberedPerModelVersionAndReused() throws Exception {
    ModelVersion v1 =
        bench.importModel(TestModels.write(dir.resolve("zip.onnx"), TestModels.zipMap()), "zip");
    ModelVersion v2 =
        bench.importModel(
            TestModels.write(
                dir.resolve("zip2.onnx"),
                TestModels.zipMap().toBuilder().setDocString("second version").build()),
            "zip");
    assertThat(v2.ref()).isEqualTo("zip:2");
    DatasetVersion data =
        bench.importCsv("zip.csv", "x0,x1,y", "0.9,0.1,0", "0.2,0.8,1", "0.6,0.4,1", "0.3,0.7,0");

    EvaluationResult given = bench.run(TestWorkbench.request(v1, data, "y", List.of("x1", "x0")));
    EvaluationResult again = bench.run(TestWorkbench.request(v1, data, "y", null));
    EvaluationResult other = bench.run(TestWorkbench.request(v2, data, "y", null));

    assertThat(given.bindingSource()).isEqualTo("given");
    assertThat(bench.workbench().models().binding(v1).orElseThrow().columns())
        .containsExactly("x1", "x0");
    assertThat(again.bindingSource()).isEqualTo("remembered");
    assertThat(again.binding().columns()).containsExactly("x1", "x0");
    // x1 read as class 0's probability: every prediction flips
    assertThat(again.metrics().get("accuracy")).isEqualTo(given.metrics().get("accuracy"));
    assertThat((Double) again.metrics().get("accuracy")).isEqualTo(0.5);
    assertThat((Double) again.metrics().get("roc_auc")).isEqualTo(0.25);
    assertThat(other.bindingSource()).isEqualTo("default");
    assertThat(other.binding().columns()).containsExactly("x0", "x1");
  }
}
