package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.AssayException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.OutputChoice;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.OutputModels;
import dev.assay.testing.OutputModels.Output;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which output a run reads as probabilities, for the layouts exporters write: logits only, logits
 * and probabilities in either order, "probabilities" that are not distributions, a {@code [N, 1]}
 * sigmoid score. Expected values are computed here from the weights, independently of Assay.
 */
class ProbabilityOutputsTest {
  /** Weights of {@code logits = x . W}: two features, three classes. */
  private static final float[][] W = {{1f, 0f, -1f}, {0f, 1.5f, 0.5f}};

  private static final double[][] X = {
    {2, 0}, {0, 2}, {-1, 1}, {1, 1}, {0.5, -0.5}, {-2, 0.5}, {0, 0.25}, {1.5, 1.5}
  };
  private static final int[] Y = {0, 1, 2, 1, 0, 2, 0, 1};

  @TempDir Path dir;
  private TestWorkbench bench;
  private DatasetVersion data;

  @BeforeEach
  void open() throws Exception {
    bench = TestWorkbench.open(dir);
    String[] lines = new String[X.length + 1];
    lines[0] = "x0,x1,y";
    for (int i = 0; i < X.length; i++) {
      lines[i + 1] = X[i][0] + "," + X[i][1] + "," + Y[i];
    }
    data = bench.importCsv("three.csv", lines);
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private ModelVersion model(String name, Map<String, String> metadata, Output... outputs)
      throws Exception {
    return bench.importModel(
        TestModels.write(
            dir.resolve("models").resolve(name + ".onnx"),
            OutputModels.linear(W, metadata, outputs)),
        name);
  }

  private EvaluationResult run(ModelVersion model, boolean softmax) {
    return bench.run(
        EvaluationRequest.builder(model, data, "y").threads(1).softmax(softmax).build());
  }

  private static double[] logits(double[] x) {
    double[] z = new double[3];
    for (int j = 0; j < 3; j++) {
      z[j] = x[0] * W[0][j] + x[1] * W[1][j];
    }
    return z;
  }

  /** Mean log loss of the softmax of the logits, as scikit-learn computes it. */
  private static double softmaxLogLoss() {
    double sum = 0;
    for (int i = 0; i < X.length; i++) {
      double[] z = logits(X[i]);
      double norm = 0;
      for (double v : z) {
        norm += Math.exp(v);
      }
      sum -= Math.log(Math.exp(z[Y[i]]) / norm);
    }
    return sum / X.length;
  }

  private static double argmaxAccuracy() {
    int right = 0;
    for (int i = 0; i < X.length; i++) {
      double[] z = logits(X[i]);
      int best = 0;
      for (int j = 1; j < 3; j++) {
        if (z[j] > z[best]) {
          best = j;
        }
      }
      right += best == Y[i] ? 1 : 0;
    }
    return (double) right / X.length;
  }

  private static void assertNoProbabilityMetrics(EvaluationResult result) {
    for (String key : new String[] {"log_loss", "brier", "ece", "roc_auc_ovr_macro"}) {
      assertThat(result.metrics().get(key)).as(key).isNull();
    }
    assertThat(result.classification().calibration()).isNull();
  }

  @Test
  void logitsAloneAreNeverReadAsProbabilitiesAndTheWarningNamesTheOutput() throws Exception {
    EvaluationResult result = run(model("logits", Map.of(), Output.LOGITS), false);

    assertNoProbabilityMetrics(result);
    assertThat((Double) result.metrics().get("accuracy")).isEqualTo(argmaxAccuracy());
    assertThat(result.labelSource()).isEqualTo("scores");
    assertThat(result.warnings().getFirst())
        .contains("output 'logits' is not a probability distribution")
        .contains("log loss")
        .contains("--softmax");
    assertThat(result.reading().outputs().scoresOnly()).isTrue();
  }

  @Test
  void logitsAloneWithSoftmaxGiveTheSoftmaxMetrics() throws Exception {
    EvaluationResult result = run(model("logits", Map.of(), Output.LOGITS), true);

    assertThat((Double) result.metrics().get("log_loss")).isCloseTo(softmaxLogLoss(), within(1e-6));
    assertThat(result.reading().outputs().softmax()).isTrue();
  }

  @Test
  void logitsAloneWithSoftmaxInTheModelMetadataGiveTheSoftmaxMetrics() throws Exception {
    EvaluationResult result =
        run(model("logits", Map.of("assay.softmax", "true"), Output.LOGITS), false);

    assertThat((Double) result.metrics().get("log_loss")).isCloseTo(softmaxLogLoss(), within(1e-6));
    assertThat(result.reading().outputs().probabilitiesReason()).contains("metadata");
  }

  @Test
  void theProbabilitiesAreReadWhicheverOrderTheOutputsAreDeclaredIn() throws Exception {
    for (Output[] order :
        new Output[][] {
          {Output.LOGITS, Output.PROBABILITIES},
          {Output.PROBABILITIES, Output.LOGITS},
          {Output.LOGITS, Output.PROBABILITIES, Output.LABEL},
          {Output.LABEL, Output.LOGITS, Output.PROBABILITIES}
        }) {
      EvaluationResult result =
          run(model("both" + order.length + order[0], Map.of(), order), false);

      assertThat((Double) result.metrics().get("log_loss"))
          .as(java.util.Arrays.toString(order))
          .isCloseTo(softmaxLogLoss(), within(1e-6));
      assertThat(result.reading().outputs().probabilities()).isEqualTo("probabilities");
      assertThat(result.warnings()).noneMatch(w -> w.contains("not a probability"));
    }
  }

  @Test
  void probabilitiesThatDoNotSumToOneLeaveTheProbabilityMetricsOut() throws Exception {
    EvaluationResult result =
        run(model("sigmoids", Map.of(), Output.LABEL, Output.SIGMOID_COLUMNS), false);

    assertNoProbabilityMetrics(result);
    assertThat((Double) result.metrics().get("accuracy")).isEqualTo(argmaxAccuracy());
    assertThat(result.labelSource()).isEqualTo("label_output");
    assertThat(result.warnings().getFirst())
        .contains("output 'probabilities' is not a probability distribution")
        .contains("sums to");
  }

  @Test
  void softmaxIsNotAppliedToAnOutputThatHoldsProbabilities() throws Exception {
    EvaluationResult result =
        run(model("both", Map.of(), Output.LOGITS, Output.PROBABILITIES), true);

    assertThat((Double) result.metrics().get("log_loss")).isCloseTo(softmaxLogLoss(), within(1e-6));
    assertThat(result.reading().outputs().softmax()).isFalse();
  }

  @Test
  void aNamedOutputIsReadEvenWhenAnotherHoldsProbabilitiesAndIsRemembered() throws Exception {
    ModelVersion model = model("named", Map.of(), Output.PROBABILITIES, Output.LOGITS);
    EvaluationRequest named =
        EvaluationRequest.builder(model, data, "y")
            .threads(1)
            .outputs(new OutputChoice("logits", null))
            .build();

    EvaluationResult first = bench.run(named);
    EvaluationResult again = run(model, false);

    assertNoProbabilityMetrics(first);
    assertThat(first.reading().outputsSource()).isEqualTo("option");
    assertThat(again.reading().outputs().probabilities()).isEqualTo("logits");
    assertThat(again.reading().outputsSource()).isEqualTo("remembered");
    assertThat(bench.workbench().models().choices().outputs(model))
        .isEqualTo(new OutputChoice("logits", null));
  }

  @Test
  void aNamedOutputThatTheModelLacksIsRefusedNamingItsOutputs() throws Exception {
    ModelVersion model = model("lacks", Map.of(), Output.LOGITS, Output.PROBABILITIES);
    EvaluationRequest named =
        EvaluationRequest.builder(model, data, "y")
            .outputs(new OutputChoice("proba", null))
            .build();

    assertThatThrownBy(() -> bench.run(named))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("--probabilities-output 'proba' is not an output of the model")
        .hasMessageContaining("[logits, probabilities]");
  }

  @Test
  void aSigmoidScoreOfShapeNByOneIsReadAsTheBinaryProbability() throws Exception {
    DatasetVersion binary =
        bench.importCsv(
            "binary.csv", "x0,x1,y", "2,0,1", "-1,0,0", "0.5,3,1", "-0.25,1,0", "0.1,0,0");
    ModelVersion model = model("score", Map.of(), Output.SIGMOID_SCORE);
    double[] x0 = {2, -1, 0.5, -0.25, 0.1};
    int[] y = {1, 0, 1, 0, 0};
    double logLoss = 0;
    double brier = 0;
    int right = 0;
    for (int i = 0; i < 5; i++) {
      double p = 1 / (1 + Math.exp(-x0[i]));
      logLoss -= Math.log(y[i] == 1 ? p : 1 - p) / 5;
      brier += (p - y[i]) * (p - y[i]) / 5;
      right += (p > 0.5 ? 1 : 0) == y[i] ? 1 : 0;
    }

    EvaluationResult result =
        bench.run(EvaluationRequest.builder(model, binary, "y").threads(1).build());

    assertThat(result.task()).isEqualTo("classification");
    assertThat(result.classOrder()).containsExactly("0", "1");
    assertThat((Double) result.metrics().get("log_loss")).isCloseTo(logLoss, within(1e-6));
    assertThat((Double) result.metrics().get("brier")).isCloseTo(brier, within(1e-6));
    assertThat((Double) result.metrics().get("accuracy")).isEqualTo(right / 5.0);
  }

  @Test
  void everyBatchIsCheckedAndRowsThatAreNotDistributionsAreCountedWithExamples() throws Exception {
    // probabilities = x itself: rows 1-2 (the first batch) sum to 1, rows 4 and 5 do not.
    DatasetVersion rows =
        bench.importCsv(
            "later.csv",
            "x0,x1,y",
            "0.2,0.8,1",
            "0.9,0.1,0",
            "0.4,0.6,1",
            "0.7,0.7,0",
            "1.5,-0.5,0",
            "0.5,0.5,1");
    ModelVersion model =
        bench.importModel(
            TestModels.write(
                dir.resolve("models/identity.onnx"),
                OutputModels.linear(new float[][] {{1f, 0f}, {0f, 1f}}, Map.of(), Output.IDENTITY)),
            "identity");

    EvaluationResult result =
        bench.run(EvaluationRequest.builder(model, rows, "y").threads(1).batchSize(2).build());

    assertThat(result.metrics().get("log_loss")).isNull();
    assertThat(result.metrics().get("brier")).isNull();
    assertThat(result.reading().probabilityCheck().checked()).isEqualTo(6);
    assertThat(result.reading().probabilityCheck().invalid()).isEqualTo(2);
    assertThat(result.reading().probabilityCheck().examples())
        .extracting(dev.assay.core.inference.ProbabilityCheck.Example::row)
        .containsExactly(4L, 5L);
    assertThat(result.warnings().getFirst())
        .contains("output 'probabilities' is not a probability distribution on 2 of 6 rows")
        .contains("row 4 sums to 1.40000");
  }

  @Test
  void aComparisonReadsEachModelAsAnEvaluationDoesWithTheRememberedTargetMap() throws Exception {
    ModelVersion logitsFirst = model("lf", Map.of(), Output.LOGITS, Output.PROBABILITIES);
    ModelVersion logitsOnly = model("lo", Map.of(), Output.LOGITS);
    String[] lines = new String[X.length + 1];
    lines[0] = "x0,x1,y";
    String[] names = {"a", "b", "c"};
    for (int i = 0; i < X.length; i++) {
      lines[i + 1] = X[i][0] + "," + X[i][1] + "," + names[Y[i]];
    }
    DatasetVersion abc = bench.importCsv("abc.csv", lines);
    var choices = bench.workbench().models().choices();
    for (ModelVersion m : java.util.List.of(logitsFirst, logitsOnly)) {
      choices.remember(m, abc.name(), dev.assay.core.inference.TargetMap.parse("a=0,b=1,c=2"));
    }

    var comparison =
        bench
            .workbench()
            .comparisons()
            .run(
                dev.assay.core.compare.ComparisonRequest.of(
                    java.util.List.of(
                        new dev.assay.core.compare.Contender(logitsFirst, null),
                        new dev.assay.core.compare.Contender(logitsOnly, null)),
                    abc,
                    "y",
                    null),
                dev.assay.core.Progress.NONE,
                snapshot -> {},
                dev.assay.core.Cancellation.NONE);

    EvaluationResult first = comparison.results().get(0);
    EvaluationResult second = comparison.results().get(1);
    assertThat((Double) first.metrics().get("log_loss")).isCloseTo(softmaxLogLoss(), within(1e-6));
    assertThat(first.reading().targetMapSource()).isEqualTo("remembered");
    assertNoProbabilityMetrics(second);
    assertThat((Double) second.metrics().get("accuracy")).isEqualTo(argmaxAccuracy());
    assertThat(second.warnings().getFirst()).contains("output 'logits' is not a probability");
  }
}
