package dev.assay.core.data;

import java.util.List;

/**
 * A data-quality finding about a dataset.
 *
 * @param severity how serious it is
 * @param kind a stable machine-readable kind: {@code missing_values}, {@code non_numeric}, {@code
 *     wrong_field_count}, {@code duplicate_column}, {@code constant_column}, {@code empty_column},
 *     {@code infinite_values}
 * @param column the column it is about, or {@code null} when it is about rows or the file
 * @param message a sentence a user understands, naming the column and counts
 * @param rows up to {@value DatasetProfiler#MAX_EXAMPLE_ROWS} example 1-based data-row numbers, in
 *     file order (empty when rows do not apply)
 * @param count how many cells, rows or columns are affected in total
 */
public record DataFinding(
    DataSeverity severity,
    String kind,
    String column,
    String message,
    List<Long> rows,
    long count) {

  public DataFinding {
    rows = List.copyOf(rows);
  }
}
