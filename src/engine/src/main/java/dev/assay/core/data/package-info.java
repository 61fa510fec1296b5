/**
 * Datasets: streaming CSV reading with dialect sniffing ({@link dev.assay.core.data.CsvSource}),
 * cell conventions ({@link dev.assay.core.data.Cells}) and a one-pass profiler with data-quality
 * findings ({@link dev.assay.core.data.DatasetProfiler}).
 */
package dev.assay.core.data;
