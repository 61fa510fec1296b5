package dev.assay.core.data;

import java.util.List;

/**
 * The profile of one column, computed in one pass by {@link DatasetProfiler}.
 *
 * @param name the header name as written
 * @param index the 0-based position in the header
 * @param type the detected type
 * @param missing cells that are empty, {@code NA}, {@code NaN} or {@code null}
 * @param nonNumeric cells that are neither missing nor numbers; in a {@link ColumnType#NUMERIC}
 *     column they are reported as a {@code non_numeric} finding and left out of the statistics
 * @param infinite cells holding {@code inf}, {@code -inf} and the like (left out of the statistics)
 * @param min smallest finite number, or {@code null} when not numeric or no finite number
 * @param max largest finite number, or {@code null}
 * @param mean mean of the finite numbers, or {@code null}
 * @param std sample standard deviation (n - 1) of the finite numbers, or {@code null} below two
 * @param distinct distinct non-missing values (numbers compared by value, text as written), counted
 *     up to {@link DatasetProfiler#DISTINCT_CAP}
 * @param distinctCapped whether {@code distinct} hit the cap, so the real number is larger
 * @param topCategories up to 10 most frequent values, most frequent first, for categorical columns
 *     (empty for other types); counts are exact unless {@code distinctCapped}
 */
public record ColumnProfile(
    String name,
    int index,
    ColumnType type,
    long missing,
    long nonNumeric,
    long infinite,
    Double min,
    Double max,
    Double mean,
    Double std,
    long distinct,
    boolean distinctCapped,
    List<CategoryCount> topCategories) {

  public ColumnProfile {
    topCategories = List.copyOf(topCategories);
  }
}
