package dev.assay.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact binomial sampler behind the bootstrap follows the binomial distribution. */
class MultinomialSamplerTest {

  @ParameterizedTest(name = "Binomial({0}, {1})")
  @CsvSource({
    "10, 0.3",
    "33, 0.1",
    "59, 0.1",
    "381, 0.0131",
    "1000, 0.5",
    "100000, 0.07",
    "1000000, 0.0001"
  })
  void binomialDrawsFitTheBinomialDistribution(int n, double p) {
    MultinomialSampler sampler = new MultinomialSampler(11);
    BinomialDistribution binomial = new BinomialDistribution(n, p);
    int draws = 40_000;
    int lo = binomial.inverseCumulativeProbability(0.0005);
    int hi = binomial.inverseCumulativeProbability(0.9995);
    long[] counts = new long[hi - lo + 1];
    for (int i = 0; i < draws; i++) {
      int x = sampler.binomial(n, p);
      assertThat(x).isBetween(0, n);
      counts[Math.min(Math.max(x, lo), hi) - lo]++;
    }
    // consecutive values pooled until each bin expects at least 20 draws; tails in the end bins
    List<Double> expected = new ArrayList<>();
    List<Long> observed = new ArrayList<>();
    double e = 0;
    long o = 0;
    for (int x = lo; x <= hi; x++) {
      double below = x == lo ? 0 : binomial.cumulativeProbability(x - 1);
      double upTo = x == hi ? 1 : binomial.cumulativeProbability(x);
      e += (upTo - below) * draws;
      o += counts[x - lo];
      if (e >= 20 && x < hi) {
        expected.add(e);
        observed.add(o);
        e = 0;
        o = 0;
      }
    }
    if (expected.isEmpty() || e >= 20) {
      expected.add(e);
      observed.add(o);
    } else {
      int last = expected.size() - 1;
      expected.set(last, expected.get(last) + e);
      observed.set(last, observed.get(last) + o);
    }
    assertThat(expected).hasSizeGreaterThan(1);
    double pValue =
        new ChiSquareTest()
            .chiSquareTest(
                expected.stream().mapToDouble(Double::doubleValue).toArray(),
                observed.stream().mapToLong(Long::longValue).toArray());
    assertThat(pValue).as("goodness of fit").isGreaterThan(1e-4);
  }

  @Test
  void multinomialDrawsKeepTheTotalAndTheProportions() {
    MultinomialSampler sampler = new MultinomialSampler(3);
    long[] counts = {6, 4, 0, 12, 37, 0, 0, 0, 0, 0};
    long[] out = new long[counts.length];
    double[] sums = new double[counts.length];
    int draws = 50_000;
    for (int i = 0; i < draws; i++) {
      sampler.multinomial(counts, 59, out);
      long total = 0;
      for (int c = 0; c < out.length; c++) {
        total += out[c];
        sums[c] += out[c];
      }
      assertThat(total).isEqualTo(59);
      assertThat(out[2]).isZero();
    }
    for (int c = 0; c < counts.length; c++) {
      assertThat(sums[c] / draws).isCloseTo(counts[c], org.assertj.core.api.Assertions.within(0.1));
    }
  }
}
