package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.metrics.ClassificationAccumulator;
import dev.assay.ui.common.MetricNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric names for people, with the scikit-learn definition they follow. */
class MetricNamesTest {
  @Test
  void jsonKeysBecomeNamesPeopleUseWithTheirDefinition() {
    assertThat(MetricNames.display("roc_auc_ovr_macro")).isEqualTo("ROC AUC (one-vs-rest, macro)");
    assertThat(MetricNames.definition("roc_auc_ovr_macro"))
        .contains("multi_class='ovr'")
        .contains("average='macro'");
    assertThat(MetricNames.display("f1_weighted")).isEqualTo("F1 (weighted)");
    assertThat(MetricNames.display("ece")).isEqualTo("Expected calibration error");
  }

  @Test
  void everyMetricAClassificationRunStoresHasANameAndADefinition() {
    try (ClassificationAccumulator acc = new ClassificationAccumulator(List.of("a", "b", "c"), 0)) {
      acc.add(new int[] {0, 1, 2}, new int[] {0, 1, 1}, null, 3);
      for (Map.Entry<String, Object> e : acc.snapshot().toJsonMap().entrySet()) {
        if (!List.of("confusion_matrix", "class_order", "positive_label").contains(e.getKey())) {
          assertThat(MetricNames.definition(e.getKey())).as(e.getKey()).isNotEmpty();
          assertThat(MetricNames.display(e.getKey()))
              .as(e.getKey())
              .isNotEqualTo(e.getKey().replace('_', ' '));
        }
      }
    }
  }

  @Test
  void anUnlistedKeyIsShownWithSpacesAndNoDefinition() {
    assertThat(MetricNames.display("some_new_metric")).isEqualTo("some new metric");
    assertThat(MetricNames.definition("some_new_metric")).isEmpty();
  }
}
