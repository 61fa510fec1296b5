package dev.assay.ui.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The beeswarm of an explanation's rows: one line per feature, largest mean |φ| first (the stored
 * global importance; ties in feature order), each explained row a dot at its φ coloured by the
 * feature's value ranked among the rows (0 lowest, 1 highest, ties sharing their mean rank; NaN
 * where the value is not a number: neutral). Beyond {@link #LINES} features the rest are summed per
 * row into one "N other features" line. Dots falling into the same of {@link #BINS} slices of the
 * axis are stacked 0, +1, −1, +2, −2, … in row order, so the picture is the same every time.
 * FX-free.
 *
 * @param space the output space ("log-odds of class 1", ...)
 * @param lines top to bottom
 * @param axis the φ axis holding every dot and zero
 * @param maxLayer the largest |layer| of any dot (the view scales the stacking to fit a line)
 */
record Beeswarm(String space, List<Beeswarm.Line> lines, AxisScale axis, int maxLayer) {

  /** Lines drawn one feature each. */
  static final int LINES = 20;

  /** Slices of the axis within which dots are stacked. */
  static final int BINS = 100;

  /** Low (blue), high (red) and neutral (grey) of the colour scale, as 0xRRGGBB. */
  static final int LOW = 0x008BFB;

  static final int HIGH = 0xFF0052;
  static final int NEUTRAL = 0x9E9E9E;

  /**
   * One explained row on a line.
   *
   * @param row the 0-based data row
   * @param phi its attribution (on the folded line the sum of the folded features')
   * @param colour 0 (lowest value) to 1 (highest), NaN for neutral
   * @param layer the stacking offset, in dots: 0, +1, −1, +2, …
   */
  record Dot(long row, double phi, double colour, int layer) {}

  /**
   * One line.
   *
   * @param feature the feature, or "N other features"
   * @param meanAbs mean |φ| (of the folded features' sum on the folded line)
   * @param dots one per explained row, in row order
   */
  record Line(String feature, double meanAbs, List<Dot> dots) {}

  static Beeswarm of(ExplainedRows rows) {
    return of(rows, LINES, BINS);
  }

  static Beeswarm of(ExplainedRows rows, int lines, int bins) {
    int m = rows.features().size();
    int n = rows.rows().size();
    double[] importance = new double[m];
    for (int i = 0; i < m; i++) {
      double stored = rows.meanAbs()[i];
      importance[i] = Double.isNaN(stored) ? meanAbs(rows, i) : stored;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -importance[i]).thenComparing(i -> i));
    int shown = m > lines + 1 ? lines : m;
    List<double[]> phis = new ArrayList<>();
    List<double[]> colours = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < shown; k++) {
      int i = order.get(k);
      double[] phi = new double[n];
      double[] values = new double[n];
      for (int r = 0; r < n; r++) {
        phi[r] = rows.rows().get(r).phi()[i];
        values[r] = rows.rows().get(r).values()[i];
      }
      names.add(rows.features().get(i));
      phis.add(phi);
      colours.add(ranks(values));
    }
    if (shown < m) {
      double[] sum = new double[n];
      for (int k = shown; k < m; k++) {
        for (int r = 0; r < n; r++) {
          sum[r] += rows.rows().get(r).phi()[order.get(k)];
        }
      }
      double[] neutral = new double[n];
      Arrays.fill(neutral, Double.NaN);
      names.add((m - shown) + " other features");
      phis.add(sum);
      colours.add(neutral);
    }
    double low = 0;
    double high = 0;
    for (double[] phi : phis) {
      for (double p : phi) {
        if (Double.isFinite(p)) {
          low = Math.min(low, p);
          high = Math.max(high, p);
        }
      }
    }
    AxisScale axis = AxisScale.of(low, high);
    List<Line> out = new ArrayList<>();
    int maxLayer = 0;
    for (int k = 0; k < phis.size(); k++) {
      int[] layers = layers(phis.get(k), axis.low(), axis.high(), bins);
      List<Dot> dots = new ArrayList<>();
      double abs = 0;
      for (int r = 0; r < n; r++) {
        dots.add(new Dot(rows.rows().get(r).row(), phis.get(k)[r], colours.get(k)[r], layers[r]));
        abs += Math.abs(phis.get(k)[r]);
        maxLayer = Math.max(maxLayer, Math.abs(layers[r]));
      }
      out.add(new Line(names.get(k), n == 0 ? 0 : abs / n, List.copyOf(dots)));
    }
    return new Beeswarm(rows.space(), List.copyOf(out), axis, maxLayer);
  }

  private static double meanAbs(ExplainedRows rows, int feature) {
    double sum = 0;
    for (ExplainedRows.Row r : rows.rows()) {
      sum += Math.abs(r.phi()[feature]);
    }
    return rows.rows().isEmpty() ? 0 : sum / rows.rows().size();
  }

  /**
   * Each value's place among the distinct numbers in {@code values}, scaled to 0 (lowest) .. 1
   * (highest): a dense rank, so a 0/1 feature reads blue and red however many rows hold each, and
   * one outlier does not push the rest to one end; 0.5 when all numbers are equal; NaN stays NaN
   * (not a number).
   */
  static double[] ranks(double[] values) {
    double[] distinct =
        Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().distinct().toArray();
    double[] out = new double[values.length];
    for (int r = 0; r < values.length; r++) {
      if (Double.isNaN(values[r])) {
        out[r] = Double.NaN;
      } else if (distinct.length < 2) {
        out[r] = 0.5;
      } else {
        out[r] = (double) Arrays.binarySearch(distinct, values[r]) / (distinct.length - 1);
      }
    }
    return out;
  }

  /**
   * The stacking layer of each φ: the axis {@code low..high} cut into {@code bins} slices; within a
   * slice the dots in row order get 0, +1, −1, +2, −2, …
   */
  static int[] layers(double[] phi, double low, double high, int bins) {
    int n = phi.length;
    int[] bin = new int[n];
    for (int r = 0; r < n; r++) {
      bin[r] = (int) Math.round(bins * (phi[r] - low) / (high - low));
    }
    int[] seen = new int[bins + 1];
    int[] out = new int[n];
    for (int r = 0; r < n; r++) {
      int b = Math.max(0, Math.min(bins, bin[r]));
      int j = seen[b]++;
      out[r] = (j + 1) / 2 * (j % 2 == 1 ? 1 : -1);
    }
    return out;
  }

  /** The colour of {@code t} (0 low .. 1 high; NaN neutral) as 0xRRGGBB, blue through to red. */
  static int rgb(double t) {
    if (Double.isNaN(t)) {
      return NEUTRAL;
    }
    double u = Math.max(0, Math.min(1, t));
    int r = (int) Math.round(((LOW >> 16) & 0xff) * (1 - u) + ((HIGH >> 16) & 0xff) * u);
    int g = (int) Math.round(((LOW >> 8) & 0xff) * (1 - u) + ((HIGH >> 8) & 0xff) * u);
    int b = (int) Math.round((LOW & 0xff) * (1 - u) + (HIGH & 0xff) * u);
    return (r << 16) | (g << 8) | b;
  }
}
