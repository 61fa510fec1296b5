package dev.assay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.ui.common.MetricNames;
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
  void anUnlistedKeyIsShownWithSpacesAndNoDefinition() {
    assertThat(MetricNames.display("some_new_metric")).isEqualTo("some new metric");
    assertThat(MetricNames.definition("some_new_metric")).isEmpty();
  }
}
