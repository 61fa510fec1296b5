package dev.assay.ui.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The waterfall of one explained row: bars from the base value through each feature's attribution
 * to the row's f(x), largest |φ| first (ties in feature order), the smallest folded into one "N
 * other features" bar when more than {@link #TOP} + 1 features are explained. Each bar starts where
 * the previous one ended; the last ends at base + Σφ, which equals the stored f(x) to within the
 * row's efficiency error. FX-free: the view only draws what this computes.
 *
 * @param row the 0-based data row
 * @param space the output space ("log-odds of class 1", ...)
 * @param base the base value, where the first bar starts
 * @param end base + Σφ, where the last bar ends
 * @param prediction f(x) as stored
 * @param efficiencyError the row's stored efficiency error
 * @param bars top to bottom
 * @param axis the value axis holding the base, f(x) and every bar
 */
record Waterfall(
    long row,
    String space,
    double base,
    double end,
    double prediction,
    double efficiencyError,
    List<Waterfall.Bar> bars,
    AxisScale axis) {

  /** Features shown one bar each before the rest are folded into one. */
  static final int TOP = 10;

  /**
   * One bar.
   *
   * @param label the feature, or "N other features"
   * @param value the feature's value as text, "" for the folded bar
   * @param phi the attribution (the folded features' sum)
   * @param start where the bar starts (the running sum before it)
   * @param end start + φ
   * @param folded how many features the bar holds: 1, or N for the folded bar
   */
  record Bar(String label, String value, double phi, double start, double end, int folded) {
    /** The bar's left and right ends in values. */
    double left() {
      return Math.min(start, end);
    }

    double right() {
      return Math.max(start, end);
    }
  }

  /** The waterfall of {@code rows.rows().get(index)}, at most {@code top} features one by one. */
  static Waterfall of(ExplainedRows rows, int index, int top) {
    ExplainedRows.Row r = rows.rows().get(index);
    int m = rows.features().size();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingDouble((Integer i) -> -Math.abs(r.phi()[i])).thenComparing(i -> i));
    // folding a single feature saves nothing: fold only two or more
    int shown = m > top + 1 ? top : m;
    List<Bar> bars = new ArrayList<>();
    double running = rows.baseValue();
    double low = running;
    double high = running;
    for (int k = 0; k < shown; k++) {
      int i = order.get(k);
      double next = running + r.phi()[i];
      bars.add(new Bar(rows.features().get(i), r.shown()[i], r.phi()[i], running, next, 1));
      running = next;
      low = Math.min(low, running);
      high = Math.max(high, running);
    }
    if (shown < m) {
      double start = running;
      double rest = 0;
      for (int k = shown; k < m; k++) {
        rest += r.phi()[order.get(k)];
        running += r.phi()[order.get(k)];
      }
      bars.add(new Bar((m - shown) + " other features", "", rest, start, running, m - shown));
      low = Math.min(low, running);
      high = Math.max(high, running);
    }
    low = Math.min(low, r.prediction());
    high = Math.max(high, r.prediction());
    return new Waterfall(
        r.row(),
        rows.space(),
        rows.baseValue(),
        running,
        r.prediction(),
        r.efficiencyError(),
        List.copyOf(bars),
        AxisScale.of(low, high));
  }

  /** The bar's name as the chart shows it: {@code feature = value}, or the folded bar's label. */
  static String name(Bar bar) {
    return bar.folded() > 1 || bar.value().isEmpty()
        ? bar.label()
        : bar.label() + " = " + bar.value();
  }

  /** A signed attribution, as beside each bar. */
  static String signed(double v) {
    return String.format(Locale.ROOT, "%+.4f", v);
  }

  /** One line on what the waterfall shows. */
  String caption() {
    int features = bars.stream().mapToInt(Bar::folded).sum();
    int folded = bars.isEmpty() ? 0 : bars.getLast().folded();
    return String.format(
        Locale.ROOT,
        "Row %d, in %s: base value (mean f over the background) %.4f, plus each feature's φ,"
            + " largest |φ| first, ends at f(x) = %.4f (stored %.4f, efficiency error %.1e)%s.",
        row,
        space,
        base,
        end,
        prediction,
        efficiencyError,
        folded > 1
            ? String.format(
                Locale.ROOT,
                "; the %d smallest of %d features folded into one bar",
                folded,
                features)
            : "");
  }
}
