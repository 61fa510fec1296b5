package dev.assay.core.data;

/** How serious a data-quality {@link DataFinding} is. */
public enum DataSeverity {
  /** Worth knowing; results are not affected much. */
  INFO,
  /** Results may be affected: look before running. */
  WARNING,
  /** The dataset is ambiguous or broken in a way that must be fixed. */
  ERROR
}
