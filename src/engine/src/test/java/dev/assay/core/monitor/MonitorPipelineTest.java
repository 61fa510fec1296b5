package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.drift.CategoricalSample;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.NumericSample;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-window drift against SciPy ({@code ks_2samp}, {@code chi2_contingency}) goldens, realised
 * accuracy from joined labels, and a pipeline restored from its stored state.
 */
class MonitorPipelineTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static JsonNode golden;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        MonitorPipelineTest.class.getResourceAsStream("/golden/monitor/monitor_golden.json")) {
      golden = new ObjectMapper().readTree(in);
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] d = new double[array.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = array.get(i).asDouble();
    }
    return d;
  }

  private static MonitorReference reference() {
    double[] ref = doubles(golden.at("/ks/reference"));
    Map<String, Long> cats = new HashMap<>();
    golden
        .at("/chi2/reference")
        .fields()
        .forEachRemaining(e -> cats.put(e.getKey(), e.getValue().asLong()));
    return new MonitorReference(
        List.of(NumericSample.of("x", ref, ref.length, 0, 0), new CategoricalSample("c", cats, 0)),
        new CategoricalSample("prediction", Map.of("0", 250L, "1", 250L), 0),
        DriftSettings.DEFAULTS);
  }

  /** Window events: x from the golden window, c as the golden window's counts, prediction 1. */
  private static List<MonitorEvent> window(String which, int offset) {
    double[] x = doubles(golden.at("/ks/" + which));
    List<String> cs = new ArrayList<>();
    golden
        .at("/chi2/window")
        .fields()
        .forEachRemaining(
            e -> {
              for (int i = 0; i < e.getValue().asInt(); i++) {
                cs.add(e.getKey());
              }
            });
    List<MonitorEvent> events = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      Map<String, Object> f = new HashMap<>();
      f.put("x", x[i]);
      f.put("c", cs.get(i));
      events.add(
          new MonitorEvent.Prediction(
              "p" + (offset + i),
              "m:1",
              null,
              T0.plusSeconds(offset + i),
              f,
              i % 2 == 0 ? "1" : "0",
              Map.of()));
    }
    return events;
  }

  @Test
  void aWindowsDriftIsScipysKsAndChiSquareOfTheWindowAgainstTheReference() {
    MonitorPipeline pipeline =
        new MonitorPipeline(
            new MonitorPipeline.Settings("m:1", WindowSpec.parse("200", Duration.ZERO), 10_000),
            reference());
    List<WindowResult> results = new ArrayList<>();
    for (MonitorEvent e : window("same", 0)) {
      results.addAll(pipeline.accept(e));
    }
    for (MonitorEvent e : window("shift", 200)) {
      results.addAll(pipeline.accept(e));
    }
    assertThat(results).hasSize(2);
    WindowResult same = results.get(0);
    WindowResult shift = results.get(1);
    assertThat(same.features().get(0).pValue())
        .isCloseTo(golden.at("/ks/same_p").asDouble(), within(1e-9));
    assertThat(same.features().get(0).effect())
        .isCloseTo(golden.at("/ks/same_d").asDouble(), within(1e-12));
    assertThat(shift.features().get(0).pValue() / golden.at("/ks/shift_p").asDouble())
        .isCloseTo(1.0, within(1e-6));
    assertThat(same.features().get(1).pValue())
        .isCloseTo(golden.at("/chi2/p").asDouble(), within(1e-12));
    assertThat(shift.drifted()).contains("x");
    assertThat(same.drifted()).doesNotContain("x");
    assertThat(same.predictions()).isEqualTo(200);
    assertThat(same.prediction().drift()).isFalse();
    assertThat(shift.index()).isEqualTo(1);
    assertThat(shift.first()).isEqualTo(200);
  }

  @Test
  void realisedAccuracyCountsTheLabelsKnownWhenTheWindowClosesAndErrorsFeedTheDetectors() {
    MonitorPipeline pipeline =
        new MonitorPipeline(
            new MonitorPipeline.Settings("m:1", WindowSpec.parse("200", Duration.ZERO), 10_000),
            reference());
    List<MonitorEvent> events = window("same", 0);
    List<WindowResult> results = new ArrayList<>();
    // labels for the first 100: the true label is "1" (so even rows are right); one label early
    results.addAll(pipeline.accept(new MonitorEvent.Label("p150", T0, "0")));
    for (int i = 0; i < 200; i++) {
      results.addAll(pipeline.accept(events.get(i)));
      if (i < 100) {
        results.addAll(pipeline.accept(new MonitorEvent.Label("p" + i, T0, "1")));
      }
    }
    results.addAll(pipeline.accept(new MonitorEvent.Label("unknown", T0, "1")));
    assertThat(results).hasSize(1);
    WindowResult w = results.get(0);
    assertThat(w.labelled()).isEqualTo(101);
    // of the first 100, the 50 even ones predict 1 (right); p150 predicts 1, label 0 (wrong)
    assertThat(w.accuracy()).isCloseTo(50.0 / 101, within(1e-12));
    assertThat(w.labels()).isEqualTo(101);
    assertThat(w.unmatchedLabels()).isEqualTo(1);
    assertThat(pipeline.state().matches()).isEqualTo(101);
  }

  @Test
  void aPipelineRestoredFromItsStoredStateGivesTheSameWindowsAsOneThatNeverStopped()
      throws Exception {
    ObjectMapper json = Json.newMapper();
    MonitorPipeline.Settings settings =
        new MonitorPipeline.Settings("m:1", WindowSpec.parse("150/50", Duration.ZERO), 10_000);
    List<MonitorEvent> events = new ArrayList<>(window("same", 0));
    events.addAll(window("shift", 200));
    for (int i = 0; i < 400; i += 3) {
      events.add(i + 1, new MonitorEvent.Label("p" + i, T0, i % 5 == 0 ? "0" : "1"));
    }
    MonitorPipeline whole = new MonitorPipeline(settings, reference());
    List<WindowResult> expected = new ArrayList<>();
    events.forEach(e -> expected.addAll(whole.accept(e)));
    MonitorPipeline first = new MonitorPipeline(settings, reference());
    List<WindowResult> got = new ArrayList<>();
    int cut = 237;
    events.subList(0, cut).forEach(e -> got.addAll(first.accept(e)));
    MonitorPipeline.State state =
        json.readValue(json.writeValueAsString(first.state()), MonitorPipeline.State.class);
    MonitorPipeline second = MonitorPipeline.restore(settings, reference(), state);
    events.subList(cut, events.size()).forEach(e -> got.addAll(second.accept(e)));
    assertThat(json.writeValueAsString(got)).isEqualTo(json.writeValueAsString(expected));
    assertThat(expected).hasSizeGreaterThan(4);
  }
}
