package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped dashboard's structure: a stable uid, no {@code __inputs} (so it imports without the
 * export wizard), one Prometheus datasource variable that every panel and every query names. Its
 * queries are run against a real Prometheus in {@link MonitorPrometheusTest}.
 */
class GrafanaDashboardTest {
  private static final String DS = "${DS_PROMETHEUS}";

  @Test
  void hasAStableUidNoInputsAndEveryPanelUsesTheDatasourceVariable() throws Exception {
    JsonNode d = GrafanaDashboard.read();
    assertThat(d.path("uid").asText()).isEqualTo("assay-monitor");
    assertThat(d.has("__inputs")).isFalse();
    assertThat(d.has("id") && !d.get("id").isNull()).as("no instance id").isFalse();

    JsonNode variable = null;
    for (JsonNode v : d.at("/templating/list")) {
      if (v.path("type").asText().equals("datasource")) {
        assertThat(variable).as("one datasource variable").isNull();
        variable = v;
      }
    }
    assertThat(variable).as("a datasource variable").isNotNull();
    assertThat(variable.path("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");

    List<JsonNode> panels = GrafanaDashboard.panels(d);
    assertThat(panels).isNotEmpty();
    for (JsonNode p : panels) {
      String title = p.path("title").asText();
      assertThat(p.at("/datasource/uid").asText()).as(title).isEqualTo(DS);
      assertThat(p.at("/datasource/type").asText()).as(title).isEqualTo("prometheus");
      assertThat(p.path("targets").size()).as(title + " has queries").isPositive();
      for (JsonNode t : p.path("targets")) {
        assertThat(t.at("/datasource/uid").asText()).as(title).isEqualTo(DS);
        assertThat(t.path("expr").asText()).as(title).isNotBlank();
      }
    }
    for (JsonNode v : d.at("/templating/list")) {
      if (v.path("type").asText().equals("query")) {
        assertThat(v.at("/datasource/uid").asText()).as(v.path("name").asText()).isEqualTo(DS);
      }
    }
    // panel ids are unique (Grafana keys its panel state by id)
    assertThat(panels.stream().map(p -> p.path("id").asInt()).distinct().count())
        .isEqualTo(panels.size());
  }

  @Test
  void coversDriftPerFeaturePerformanceVolumeAndAlerts() throws Exception {
    String all =
        GrafanaDashboard.queries(GrafanaDashboard.read(), "m", "1m").stream()
            .map(GrafanaDashboard.Query::expr)
            .reduce("", (a, b) -> a + "\n" + b);
    assertThat(all)
        .contains("assay_monitor_feature_psi")
        .contains("assay_monitor_feature_drift")
        .contains("assay_monitor_window_accuracy")
        .contains("assay_monitor_window_predictions")
        .contains("assay_monitor_alert_firing")
        .contains("assay_monitor_window_estimated_accuracy")
        .contains("assay_monitor_window_estimated_accuracy_standard_error")
        .contains("assay_monitor_ab_accuracy")
        .contains("assay_monitor_ab_difference")
        .contains("assay_monitor_ab_p_value")
        .contains("assay_monitor_ab_verdict")
        .doesNotContain("$");
  }
}
