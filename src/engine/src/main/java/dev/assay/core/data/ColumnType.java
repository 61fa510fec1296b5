package dev.assay.core.data;

/** The detected type of a dataset column. */
public enum ColumnType {
  /** At least 90% of the non-missing cells are numbers (or infinities). */
  NUMERIC,
  /** Text values: fewer than 90% of the non-missing cells are numbers. */
  CATEGORICAL,
  /** Every cell is missing. */
  EMPTY
}
