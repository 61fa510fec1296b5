package dev.assay.core.security;

import java.util.List;

/**
 * What one attack did to each attacked row, or the worst case of several attacks run one after the
 * other (a row is fooled when any of them fooled it; its queries add up).
 *
 * @param traces per row, for a single attack; null for a worst case
 * @param used queries spent per row
 * @param seconds wall time
 * @param parts the attacks of a worst case, in the order they ran (empty for a single attack)
 */
record AttackOutcome(AttackTrace[] traces, int[] used, double seconds, List<AttackOutcome> parts) {
  AttackOutcome(AttackTrace[] traces, int[] used, double seconds) {
    this(traces, used, seconds, List.of());
  }

  static AttackOutcome worstCase(List<AttackOutcome> parts) {
    int n = parts.getFirst().used.length;
    int[] used = new int[n];
    double seconds = 0;
    for (AttackOutcome p : parts) {
      seconds += p.seconds;
      for (int r = 0; r < n; r++) {
        used[r] += p.used[r];
      }
    }
    return new AttackOutcome(null, used, seconds, List.copyOf(parts));
  }

  /** The smallest perturbation found for row {@code row}, or infinity. */
  double best(int row) {
    if (traces != null) {
      return traces[row].best();
    }
    return parts.stream().mapToDouble(p -> p.best(row)).min().orElse(Double.POSITIVE_INFINITY);
  }

  boolean within(int row, double epsilon) {
    return best(row) <= epsilon * (1 + 1e-9);
  }

  /** Queries until row {@code row} was fooled within epsilon, else all of them. */
  int queriesFor(int row, double epsilon) {
    if (traces != null) {
      return traces[row].queriesFor(epsilon, used[row]);
    }
    int spent = 0;
    for (AttackOutcome p : parts) {
      if (p.within(row, epsilon)) {
        return spent + p.queriesFor(row, epsilon);
      }
      spent += p.used[row];
    }
    return spent;
  }
}
