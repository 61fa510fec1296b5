package dev.assay.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Quantile bins of a column given as distinct values with counts (as a Spark job's merged {@link
 * FairnessTally} holds it) have the edges of the same rows spelled out, missing values included.
 */
class NumericBinsWeightedTest {
  @Test
  void countedValuesGiveTheEdgesOfTheRowsSpelledOut() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int distinct = 1 + random.nextInt(30);
      double[] values = new double[distinct];
      long[] weights = new long[distinct];
      List<Double> rows = new ArrayList<>();
      for (int i = 0; i < distinct; i++) {
        values[i] =
            random.nextInt(8) == 0 ? Double.NaN : Math.round(random.nextGaussian() * 1e4) / 1e3;
        weights[i] = 1 + random.nextInt(trial % 3 == 0 ? 1 : 50);
        for (long w = 0; w < weights[i]; w++) {
          rows.add(values[i]);
        }
      }
      java.util.Collections.shuffle(rows, random);
      int bins = 2 + random.nextInt(6);
      double[] spelled = rows.stream().mapToDouble(Double::doubleValue).toArray();
      assertThat(NumericBins.quantiles(values, weights, bins).edges())
          .as("trial %d", trial)
          .containsExactly(NumericBins.quantiles(spelled, bins).edges());
    }
  }
}
