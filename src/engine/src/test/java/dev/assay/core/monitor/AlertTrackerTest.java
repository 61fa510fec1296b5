package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alert rules against their definition: fire at the N-th consecutive window that holds. */
class AlertTrackerTest {
  private static final AlertRule LOW_ACCURACY = new AlertRule(1, "low", "accuracy", "<", 0.8, 3);
  private static final AlertRule PSI = new AlertRule(2, "psi", "psi:x", ">=", 0.25, 1);

  @Test
  void firesAtTheNthConsecutiveWindowAndAgainOnlyAfterTheConditionBroke() {
    // accuracy per window; null = no labels (breaks a run)
    Double[] accuracy = {0.9, 0.7, 0.7, 0.7, 0.6, 0.9, 0.5, 0.5, null, 0.5, 0.5, 0.5, 0.8};
    double[] psi = {0, 0.3, 0.25, 0.1, 0, 0, 0, 0.24, 0, 0, 0, 0, 0.5};
    List<WindowResult> windows = new ArrayList<>();
    for (int i = 0; i < accuracy.length; i++) {
      windows.add(window(i, accuracy[i], psi[i]));
    }
    AlertTracker t = new AlertTracker(List.of(LOW_ACCURACY, PSI));
    List<String> fired =
        t.accept(windows).stream().map(f -> f.rule().name() + "@" + f.windowIndex()).toList();
    // by hand: accuracy < 0.8 holds in 1-4 (fires at 3), 6-7 (2 only), 9-11 (fires at 11);
    // 0.8 is not < 0.8. psi >= 0.25 in 1, 2 (a run: fires once, at 1) and 12.
    assertThat(fired).containsExactly("psi@1", "low@3", "low@11", "psi@12");
    assertThat(t.fired(0)).isEqualTo(2);
    assertThat(t.firing(0)).isFalse(); // window 12 broke the run
    assertThat(t.firing(1)).isTrue();
  }

  @Test
  void aTrackerReplayingTheNewestStoredWindowsFiresAsAnUninterruptedOne() {
    List<WindowResult> windows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      windows.add(window(i, (i * 7 % 5) < 3 ? 0.5 : 0.95, (i % 6) < 2 ? 0.3 : 0));
    }
    List<AlertRule> rules = List.of(LOW_ACCURACY, PSI, new AlertRule(3, "d", "psi:x", ">", 0.2, 2));
    List<AlertTracker.Fired> whole = new AlertTracker(rules).accept(windows);
    for (int cut = 0; cut <= windows.size(); cut++) {
      AlertTracker first = new AlertTracker(rules);
      List<AlertTracker.Fired> fired = new ArrayList<>(first.accept(windows.subList(0, cut)));
      AlertTracker resumed = new AlertTracker(rules);
      resumed.replay(windows.subList(Math.max(0, cut - resumed.memory()), cut));
      fired.addAll(resumed.accept(windows.subList(cut, windows.size())));
      assertThat(fired).as("cut at %d", cut).isEqualTo(whole);
    }
  }

  @Test
  void aRuleWithAnUnknownMetricOrComparisonIsRefused() {
    assertThatThrownBy(() -> new AlertRule(0, "a", "speed", ">", 1, 1))
        .hasMessageStartingWith("metric 'speed' is not one of accuracy");
    assertThatThrownBy(() -> new AlertRule(0, "a", "accuracy", "=", 1, 1))
        .hasMessage("comparison '=' is not one of > >= < <=");
    assertThatThrownBy(() -> new AlertRule(0, "a", "accuracy", "<", 1, 0))
        .hasMessage("--for must be at least 1 window");
  }

  private static WindowResult window(long index, Double accuracy, double psi) {
    Instant t = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(index);
    WindowResult.FeatureWindow x =
        new WindowResult.FeatureWindow(
            "x", "numeric", 100, 0.5, 0.5, 0.1, 0.2, psi, 0.01, psi > 0.2, 0);
    return new WindowResult(
        index,
        index * 100,
        index * 100 + 99,
        t,
        t,
        100,
        accuracy == null ? 0 : 100,
        accuracy,
        0,
        0,
        0,
        0,
        0,
        List.of(x),
        List.of(),
        null,
        List.of());
  }
}
