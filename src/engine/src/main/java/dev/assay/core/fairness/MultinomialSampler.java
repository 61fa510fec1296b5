package dev.assay.core.fairness;

import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;

/**
 * Exact, seeded binomial and multinomial draws, fast for any number of trials.
 *
 * <p>Resampling {@code n} rows with replacement from a group and counting them by cell gives
 * multinomial cell counts with the group's observed cell proportions; drawing those counts directly
 * is the same bootstrap in distribution, at a cost independent of {@code n}.
 *
 * <p>Binomial draws use the order-statistic recursion (Knuth, TAOCP 2, 3.4.1; Devroye, 1986,
 * X.4.3): the {@code i}-th smallest of {@code n} uniforms is Beta({@code i}, {@code n + 1 - i});
 * when it lies above {@code p} the count is Binomial({@code i - 1}, {@code p / B}), otherwise
 * {@code i} plus Binomial({@code n - i}, {@code (p - B) / (1 - B)}). Halving {@code n} each step,
 * about log2(n) Beta draws (Hipparchus) bring {@code n} under 32, where uniforms are counted
 * directly. Not thread-safe: one sampler per thread.
 */
final class MultinomialSampler {
  private static final int DIRECT = 32;

  private final RandomDataGenerator random;

  MultinomialSampler(long seed) {
    this.random = RandomDataGenerator.of(new Well19937c(seed));
  }

  /** One Binomial({@code n}, {@code p}) draw. */
  int binomial(int n, double p) {
    if (n <= 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    int count = 0;
    int trials = n;
    double prob = p;
    while (trials > DIRECT) {
      int i = 1 + trials / 2;
      double b = random.nextBeta(i, trials + 1 - i);
      if (prob < b) {
        trials = i - 1;
        prob = prob / b;
      } else {
        count += i;
        trials -= i;
        prob = (prob - b) / (1 - b);
      }
    }
    for (int k = 0; k < trials; k++) {
      if (random.nextDouble() < prob) {
        count++;
      }
    }
    return count;
  }

  /**
   * Fills {@code out} with a multinomial draw of {@code n} trials over cells with the proportions
   * {@code counts[c] / n} (the observed counts of a group, summing to {@code n}).
   */
  void multinomial(long[] counts, long n, long[] out) {
    long left = n;
    long mass = n;
    for (int c = 0; c < counts.length; c++) {
      if (left == 0 || counts[c] == 0) {
        out[c] = 0;
      } else if (counts[c] == mass) {
        out[c] = left;
        left = 0;
      } else {
        int drawn = binomial(Math.toIntExact(left), (double) counts[c] / mass);
        out[c] = drawn;
        left -= drawn;
      }
      mass -= counts[c];
    }
  }
}
