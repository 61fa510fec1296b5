package dev.assay.core.report;

/** How a value is shown in a workbook cell. Numbers stay numbers; only the display differs. */
public enum CellFormat {
  /** Text as given. */
  TEXT,
  /** A whole number with thousands separators. */
  INTEGER,
  /** A number with four decimals. */
  DECIMAL,
  /** A fraction shown as a percentage with two decimals (0.1234 shows as 12.34%). */
  PERCENT,
  /** An instant, shown in UTC as {@code yyyy-mm-dd hh:mm:ss}. */
  TIMESTAMP
}
