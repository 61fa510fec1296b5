package dev.assay.core.drift;

import java.util.Comparator;
import java.util.stream.IntStream;

/** A multiplicity adjustment of p-values across the hypotheses of one drift report. */
public enum Correction {
  /** Holm's step-down adjustment: controls the family-wise error rate. */
  HOLM,
  /** Benjamini-Hochberg's step-up adjustment: controls the false discovery rate. */
  BH;

  /**
   * Adjusted p-values, in the order given (ties ordered by position).
   *
   * @throws IllegalArgumentException when a p-value is NaN
   */
  public double[] adjust(double[] p) {
    int m = p.length;
    for (double v : p) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("a p-value is NaN");
      }
    }
    Integer[] order =
        IntStream.range(0, m)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> p[i]))
            .toArray(Integer[]::new);
    double[] adjusted = new double[m];
    if (this == HOLM) {
      double running = 0;
      for (int rank = 0; rank < m; rank++) {
        int i = order[rank];
        running = Math.max(running, Math.min(1.0, (m - rank) * p[i]));
        adjusted[i] = running;
      }
    } else {
      double running = 1;
      for (int rank = m - 1; rank >= 0; rank--) {
        int i = order[rank];
        running = Math.min(running, Math.min(1.0, m * p[i] / (rank + 1)));
        adjusted[i] = running;
      }
    }
    return adjusted;
  }

  /** The option spelling: holm or bh. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
