package dev.assay.ui.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * A value axis of the waterfall and beeswarm: a range widened to round tick steps (1, 2 or 5 times
 * a power of ten, about five ticks) and the mapping of a value to a pixel. FX-free.
 *
 * @param low the axis' left end
 * @param high the axis' right end
 * @param step the tick step
 */
record AxisScale(double low, double high, double step) {

  /** An axis holding {@code min..max}, widened to whole tick steps. */
  static AxisScale of(double min, double max) {
    if (!(Double.isFinite(min) && Double.isFinite(max))) {
      min = 0;
      max = 1;
    }
    if (!(max > min)) {
      double pad = min == 0 ? 0.5 : Math.abs(min) * 0.1;
      min -= pad;
      max += pad;
    }
    double raw = (max - min) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double mantissa = raw / magnitude;
    double step = (mantissa < 1.5 ? 1 : mantissa < 3.5 ? 2 : mantissa < 7.5 ? 5 : 10) * magnitude;
    return new AxisScale(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
  }

  /** The pixel of {@code v} on an axis drawn from {@code left} over {@code width} pixels. */
  double px(double v, double left, double width) {
    return left + (v - low) / (high - low) * width;
  }

  /** The tick values, low to high. */
  List<Double> ticks() {
    List<Double> out = new ArrayList<>();
    long n = Math.round((high - low) / step);
    for (long k = 0; k <= n; k++) {
      double t = low + k * step;
      // -0.0 and 1e-17 read as 0
      out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return out;
  }
}
