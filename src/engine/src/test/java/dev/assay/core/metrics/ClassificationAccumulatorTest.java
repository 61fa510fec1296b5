package dev.assay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationAccumulatorTest {

  @Test
  void classIndexOutOfRangeIsRejectedNamingTheRowAndNothingIsCounted() {
    ClassificationAccumulator acc = new ClassificationAccumulator(List.of("no", "yes"), 1);
    assertThatThrownBy(() -> acc.add(new int[] {0, 2}, new int[] {0, 0}, null, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1")
        .hasMessageContaining("2");
    assertThat(acc.snapshot().rows()).isZero();
  }

  @Test
  void nanProbabilityIsRejectedNamingTheRowAndClass() {
    ClassificationAccumulator acc = new ClassificationAccumulator(List.of("no", "yes"), 1);
    assertThatThrownBy(
            () -> acc.add(new int[] {0, 1}, new int[] {0, 1}, new float[] {1, 0, Float.NaN, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1")
        .hasMessageContaining("no");
  }

  @Test
  void accumulatorsOfDifferentClassesDoNotMerge() {
    ClassificationAccumulator a = new ClassificationAccumulator(List.of("no", "yes"), 1);
    ClassificationAccumulator b = new ClassificationAccumulator(List.of("no", "yes"), 0);
    assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBatchWithoutProbabilitiesMakesScoreMetricsAbsent() {
    ClassificationAccumulator acc = new ClassificationAccumulator(List.of("no", "yes"), 1);
    acc.add(new int[] {0, 1}, new int[] {0, 1}, new float[] {0.9f, 0.1f, 0.2f, 0.8f}, 2);
    acc.add(new int[] {1}, new int[] {1}, null, 1);
    ClassificationMetrics m = acc.snapshot();
    assertThat(m.accuracy()).isEqualTo(1.0);
    assertThat(m.rocAuc()).isNaN();
    assertThat(m.logLoss()).isNaN();
    assertThat(m.roc()).isNull();
    assertThat(m.calibration()).isNull();
  }

  @Test
  void jsonMapHasTheEvalKeysWithNullForUndefined() {
    ClassificationAccumulator acc = new ClassificationAccumulator(List.of("a", "b", "c"), 0);
    acc.add(new int[] {0, 1, 2}, new int[] {0, 1, 1}, null, 3);
    Map<String, Object> json = acc.snapshot().toJsonMap();
    assertThat(json.keySet())
        .containsExactly(
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
            "ece",
            "confusion_matrix",
            "class_order",
            "positive_label");
    assertThat(json.get("precision")).isNull();
    assertThat(json.get("roc_auc_ovr_macro")).isNull();
    assertThat(json.get("positive_label")).isNull();
    assertThat(json.get("class_order")).isEqualTo(List.of("a", "b", "c"));
    assertThat(json.get("confusion_matrix"))
        .isEqualTo(List.of(List.of(1L, 0L, 0L), List.of(0L, 1L, 0L), List.of(0L, 1L, 0L)));
  }

  @Test
  void emptyAccumulatorGivesNaNMetrics() {
    ClassificationMetrics m = new ClassificationAccumulator(List.of("no", "yes"), 1).snapshot();
    assertThat(m.rows()).isZero();
    assertThat(m.accuracy()).isNaN();
    assertThat(m.rocAuc()).isNaN();
  }

  @Test
  void snapshotIsIndependentOfLaterAdds() {
    ClassificationAccumulator acc = new ClassificationAccumulator(List.of("no", "yes"), 1);
    acc.add(new int[] {1}, new int[] {1}, null, 1);
    ClassificationMetrics first = acc.snapshot();
    acc.add(new int[] {1}, new int[] {0}, null, 1);
    assertThat(first.confusionMatrix()[1][1]).isEqualTo(1);
    assertThat(first.confusionMatrix()[1][0]).isZero();
  }
}
