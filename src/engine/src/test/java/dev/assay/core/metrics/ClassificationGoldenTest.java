package dev.assay.core.metrics;

import static dev.assay.core.metrics.Golden.assertClose;
import static dev.assay.core.metrics.Golden.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Classification metrics equal scikit-learn's on the cases in golden/classification.json. */
class ClassificationGoldenTest {
  private static final String FILE = "classification.json";
  private static final List<String> SCALARS =
      List.of(
          "accuracy",
          "balanced_accuracy",
          "precision",
          "recall",
          "f1",
          "precision_macro",
          "recall_macro",
          "f1_macro",
          "f1_micro",
          "f1_weighted",
          "roc_auc",
          "roc_auc_ovr_macro",
          "roc_auc_ovo_macro",
          "average_precision",
          "log_loss",
          "brier",
          "ece");

  static Stream<String> cases() {
    return StreamSupport.stream(Golden.load(FILE).get("cases").spliterator(), false)
        .map(c -> c.get("name").asText());
  }

  /** The inputs of one golden case, as the accumulator takes them. */
  record Inputs(List<String> labels, int positive, int[] truth, int[] predicted, float[] proba) {
    int rows() {
      return truth.length;
    }

    ClassificationAccumulator newAccumulator() {
      return new ClassificationAccumulator(labels, positive);
    }

    static Inputs of(JsonNode c) {
      List<String> labels = new ArrayList<>();
      c.get("class_labels").forEach(l -> labels.add(l.asText()));
      JsonNode in = c.get("inputs");
      int n = in.get("y_true").size();
      int[] truth = new int[n];
      int[] predicted = new int[n];
      for (int i = 0; i < n; i++) {
        truth[i] = in.get("y_true").get(i).asInt();
        predicted[i] = in.get("y_pred").get(i).asInt();
      }
      float[] proba = null;
      if (!in.get("proba").isNull()) {
        proba = new float[n * labels.size()];
        for (int i = 0; i < n; i++) {
          for (int k = 0; k < labels.size(); k++) {
            proba[i * labels.size() + k] = (float) in.get("proba").get(i).get(k).asDouble();
          }
        }
      }
      return new Inputs(labels, c.get("positive_index").asInt(), truth, predicted, proba);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneAccumulatorMatchesScikitLearn(String name) {
    JsonNode c = Golden.namedCase(FILE, name);
    Inputs in = Inputs.of(c);
    ClassificationAccumulator acc = in.newAccumulator();
    acc.add(in.truth(), in.predicted(), in.proba(), in.rows());
    assertMatchesGolden(c.get("expected"), acc.snapshot(), in.rows());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void randomBatchesMergedMatchScikitLearnAndOnePass(String name) {
    JsonNode c = Golden.namedCase(FILE, name);
    Inputs in = Inputs.of(c);
    ClassificationAccumulator single = in.newAccumulator();
    single.add(in.truth(), in.predicted(), in.proba(), in.rows());
    ClassificationMetrics onePass = single.snapshot();

    Random random = new Random(name.hashCode());
    List<ClassificationAccumulator> workers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      workers.add(in.newAccumulator());
    }
    int c0 = in.labels().size();
    for (int start = 0; start < in.rows(); ) {
      int size = Math.min(in.rows() - start, 1 + random.nextInt(97));
      int[] t = java.util.Arrays.copyOfRange(in.truth(), start, start + size);
      int[] p = java.util.Arrays.copyOfRange(in.predicted(), start, start + size);
      float[] s =
          in.proba() == null
              ? null
              : java.util.Arrays.copyOfRange(in.proba(), start * c0, (start + size) * c0);
      workers.get(random.nextInt(workers.size())).add(t, p, s, size);
      start += size;
    }
    ClassificationAccumulator merged = in.newAccumulator();
    workers.forEach(merged::merge);
    ClassificationMetrics m = merged.snapshot();

    assertMatchesGolden(c.get("expected"), m, in.rows());
    assertThat(m.confusionMatrix()).isDeepEqualTo(onePass.confusionMatrix());
    assertThat(m.perClass()).isEqualTo(onePass.perClass());
    assertThat(m.roc()).isEqualTo(onePass.roc());
    assertThat(m.precisionRecall()).isEqualTo(onePass.precisionRecall());
    assertThat(m.calibration() == null).isEqualTo(onePass.calibration() == null);
    if (m.calibration() != null) {
      assertThat(m.calibration().counts()).isEqualTo(onePass.calibration().counts());
      assertThat(m.calibration().probTrue()).isEqualTo(onePass.calibration().probTrue());
    }
    Map<String, Object> a = m.toJsonMap();
    Map<String, Object> b = onePass.toJsonMap();
    for (String key : SCALARS) {
      assertClose("merged vs one pass " + key, asDouble(b.get(key)), asDouble(a.get(key)));
    }
  }

  private static double asDouble(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }

  static void assertMatchesGolden(JsonNode e, ClassificationMetrics m, int rows) {
    assertThat(m.rows()).isEqualTo(rows);
    Map<String, Object> json = m.toJsonMap();
    for (String key : SCALARS) {
      assertThat(json).containsKey(key);
      assertClose(key, number(e.get(key)), asDouble(json.get(key)));
    }
    List<String> order = new ArrayList<>();
    e.get("class_order").forEach(l -> order.add(l.asText()));
    assertThat(m.classOrder()).isEqualTo(order).isEqualTo(json.get("class_order"));
    assertThat(m.positiveLabel())
        .isEqualTo(e.get("positive_label").isNull() ? null : e.get("positive_label").asText());
    JsonNode cm = e.get("confusion_matrix");
    for (int t = 0; t < cm.size(); t++) {
      for (int p = 0; p < cm.size(); p++) {
        assertThat(m.confusionMatrix()[t][p])
            .as("confusion[%d][%d]", t, p)
            .isEqualTo(cm.get(t).get(p).asLong());
      }
    }
    assertThat(json.get("confusion_matrix").toString()).isEqualTo(cm.toString().replace(",", ", "));
    for (int k = 0; k < m.perClass().size(); k++) {
      JsonNode g = e.get("per_class").get(k);
      PerClass pc = m.perClass().get(k);
      assertThat(pc.label()).isEqualTo(g.get("label").asText());
      assertThat(pc.support()).isEqualTo(g.get("support").asLong());
      assertClose("precision of " + pc.label(), number(g.get("precision")), pc.precision());
      assertClose("recall of " + pc.label(), number(g.get("recall")), pc.recall());
      assertClose("f1 of " + pc.label(), number(g.get("f1")), pc.f1());
    }
    assertCurve(e.get("roc_curve"), "fpr", "tpr", m.roc());
    assertCurve(e.get("pr_curve"), "recall", "precision", m.precisionRecall());
    JsonNode cal = e.get("calibration");
    if (cal == null || cal.isNull()) {
      assertThat(m.calibration()).isNull();
    } else {
      assertClose("calibration prob_true", cal.get("prob_true"), m.calibration().probTrue());
      assertClose("calibration prob_pred", cal.get("prob_pred"), m.calibration().probPred());
      long[] counts = new long[cal.get("counts").size()];
      for (int i = 0; i < counts.length; i++) {
        counts[i] = cal.get("counts").get(i).asLong();
      }
      assertThat(m.calibration().counts()).isEqualTo(counts);
    }
  }

  private static void assertCurve(JsonNode g, String x, String y, Curve curve) {
    if (g == null || g.isNull()) {
      assertThat(curve).isNull();
      return;
    }
    assertClose(x, g.get(x), curve.x());
    assertClose(y, g.get(y), curve.y());
    assertClose(x + "/" + y + " thresholds", g.get("thresholds"), curve.thresholds());
  }
}
