package dev.assay.core.drift;

import java.util.Arrays;

/**
 * A numeric feature's finite values, sorted ascending, and its counts of other cells.
 *
 * @param sorted finite values ascending in {@code [0, count)}; the array may be longer
 * @param count how many finite values
 * @param missing missing cells and text cells that are not numbers
 * @param nonFinite cells holding an infinity
 */
public record NumericSample(String name, double[] sorted, int count, long missing, long nonFinite)
    implements FeatureSample {

  /**
   * Sorts the first {@code count} values in place and wraps them.
   *
   * @throws IllegalArgumentException when a value is not finite or a count is negative
   */
  public static NumericSample of(
      String name, double[] values, int count, long missing, long nonFinite) {
    if (count < 0 || missing < 0 || nonFinite < 0 || count > values.length) {
      throw new IllegalArgumentException("bad counts for " + name);
    }
    for (int i = 0; i < count; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("a value of " + name + " is not finite");
      }
    }
    Arrays.sort(values, 0, count);
    return new NumericSample(name, values, count, missing, nonFinite);
  }

  @Override
  public long rows() {
    return count + missing + nonFinite;
  }
}
