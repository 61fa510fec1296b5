package dev.assay.core.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs alert rules over a stream's windows in order. A rule fires at the window where its condition
 * has held for {@code forWindows} consecutive windows, and again only after the condition broke.
 * The run lengths follow from the windows themselves, so a restarted monitor rebuilds them from the
 * stored windows ({@link #replay}) and fires exactly as an uninterrupted one.
 */
public final class AlertTracker {
  /** A rule that fired at a window, with the metric's value there. */
  public record Fired(AlertRule rule, long windowIndex, double value) {}

  private final List<AlertRule> rules;
  private final int[] runs;
  private final long[] fired;

  public AlertTracker(List<AlertRule> rules) {
    this.rules = List.copyOf(rules);
    this.runs = new int[this.rules.size()];
    this.fired = new long[this.rules.size()];
  }

  public List<AlertRule> rules() {
    return rules;
  }

  /** Whether rule {@code i}'s condition has held for at least its window count up to now. */
  public boolean firing(int i) {
    return runs[i] >= rules.get(i).forWindows();
  }

  /** Counts {@code count} earlier firings of rule {@code i} (stored before this tracker ran). */
  public void firedBefore(int i, long count) {
    fired[i] += count;
  }

  /**
   * How often rule {@code i} fired: in windows fed to {@link #accept} (not replayed ones), plus
   * {@link #firedBefore}.
   */
  public long fired(int i) {
    return fired[i];
  }

  /** The longest {@code forWindows} of the rules: how many past windows {@link #replay} needs. */
  public int memory() {
    return rules.stream().mapToInt(AlertRule::forWindows).max().orElse(0);
  }

  /** Feeds windows already handled (stored) without reporting what fired. */
  public void replay(List<WindowResult> windows) {
    feed(windows);
  }

  /** Feeds windows in order; the rules that fired, in window then rule order. */
  public List<Fired> accept(List<WindowResult> windows) {
    List<Fired> list = feed(windows);
    for (Fired f : list) {
      fired[rules.indexOf(f.rule())]++;
    }
    return list;
  }

  private List<Fired> feed(List<WindowResult> windows) {
    List<Fired> fired = new ArrayList<>();
    for (WindowResult w : windows) {
      for (int i = 0; i < rules.size(); i++) {
        AlertRule r = rules.get(i);
        Double v = r.value(w);
        if (r.holds(v)) {
          runs[i]++;
          if (runs[i] == r.forWindows()) {
            fired.add(new Fired(r, w.index(), v));
          }
        } else {
          runs[i] = 0;
        }
      }
    }
    return fired;
  }
}
