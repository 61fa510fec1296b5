package dev.assay.core.eval;

import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnCacheWriter;
import dev.assay.core.data.CsvSource;
import dev.assay.core.data.DatasetFiles;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.Binding;
import java.nio.file.Path;
import java.util.List;

/**
 * How an evaluation reads its dataset: from the column cache written at import when it is intact
 * and holds what the binding needs, else from the CSV. A dataset without a cache (imported before
 * caches existed) or with a damaged one gets a new cache built in the same pass over the CSV.
 */
final class DatasetInput {
  private final DatasetFiles datasets;
  private final DatasetVersion dataset;
  private final ColumnCache cache;
  private final String cacheProblem;
  private final List<String> header;

  private DatasetInput(
      DatasetFiles datasets,
      DatasetVersion dataset,
      ColumnCache cache,
      String cacheProblem,
      List<String> header) {
    this.datasets = datasets;
    this.dataset = dataset;
    this.cache = cache;
    this.cacheProblem = cacheProblem;
    this.header = header;
  }

  /** Opens (and verifies) the dataset's column cache, or reads the CSV's header without one. */
  static DatasetInput open(DatasetFiles datasets, DatasetVersion dataset) {
    ColumnCache cache = null;
    String problem = null;
    try {
      cache = datasets.columnCache(dataset).orElse(null);
    } catch (ColumnCache.DamagedException e) {
      problem = e.getMessage();
    }
    if (cache != null) {
      return new DatasetInput(datasets, dataset, cache, null, cache.header());
    }
    try (CsvSource csv = CsvSource.open(datasets.file(dataset))) {
      return new DatasetInput(datasets, dataset, null, problem, csv.header());
    }
  }

  List<String> header() {
    return header;
  }

  /**
   * The batches for this evaluation.
   *
   * @param warnings receives a note when a damaged cache is passed over
   * @param cells what to do with infinite and missing numeric cells
   */
  BatchSource batches(
      int targetIndex,
      int[][] columnIndex,
      Binding binding,
      int batchSize,
      boolean regression,
      List<String> warnings,
      CellPolicy cells) {
    if (cache != null
        && CachedBatchReader.canServe(cache, binding, columnIndex, targetIndex, regression)) {
      return new CachedBatchReader(
          cache, targetIndex, columnIndex, binding, batchSize, regression, cells);
    }
    ColumnCacheWriter writer =
        cache == null ? datasets.startColumnCache(dataset).orElse(null) : null;
    if (cacheProblem != null) {
      warnings.add(
          cacheProblem
              + "; the CSV was read instead"
              + (writer != null ? " and the cache is rebuilt from it" : ""));
    }
    Path file = datasets.file(dataset);
    CsvSource csv = CsvSource.open(file);
    try {
      return new BatchReader(
          csv, header, targetIndex, columnIndex, binding, batchSize, writer, this::publish, cells);
    } catch (RuntimeException e) {
      csv.close();
      if (writer != null) {
        writer.close();
      }
      throw e;
    }
  }

  private void publish(ColumnCacheWriter writer) {
    try {
      datasets.publishColumnCache(dataset, writer);
    } catch (java.io.IOException | RuntimeException e) {
      // the cache is an optimisation: the next evaluation reads the CSV and tries again
    }
  }
}
