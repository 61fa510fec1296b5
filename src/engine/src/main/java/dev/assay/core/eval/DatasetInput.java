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

  /** A new file's CSV, open after its header, read once for both the batches and its import. */
  private CsvSource importing;

  private RecordTap importTap;

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

  /**
   * A new file read once for its evaluation and its import: {@code tap} (an {@link ImportPass})
   * sees every record on the reading thread. Closes {@code csv} and {@code tap} when its batches
   * are closed, or at once when {@link #batches} fails.
   */
  static DatasetInput importing(CsvSource csv, RecordTap tap) {
    DatasetInput input = new DatasetInput(null, null, null, null, csv.header());
    input.importing = csv;
    input.importTap = tap;
    return input;
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
    if (importing != null) {
      try {
        return new BatchReader(
            importing, header, targetIndex, columnIndex, binding, batchSize, importTap, cells);
      } catch (RuntimeException e) {
        importing.close();
        importTap.close();
        throw e;
      }
    }
    // a scoring without a target reads the CSV: the cache reader decodes a target column
    if (cache != null
        && targetIndex >= 0
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
          csv,
          header,
          targetIndex,
          columnIndex,
          binding,
          batchSize,
          writer == null ? null : new CacheTap(writer),
          cells);
    } catch (RuntimeException e) {
      csv.close();
      if (writer != null) {
        writer.close();
      }
      throw e;
    }
  }

  /** Builds the column cache of a dataset that has none, published once the whole CSV was read. */
  private final class CacheTap implements RecordTap {
    private final ColumnCacheWriter writer;

    CacheTap(ColumnCacheWriter writer) {
      this.writer = writer;
      writer.header(header);
    }

    @Override
    public void record(String[] record, long row, long line) {
      writer.record(record, row, line);
    }

    @Override
    public void ended(CsvSource csv) {
      try {
        datasets.publishColumnCache(dataset, writer);
      } catch (java.io.IOException | RuntimeException e) {
        // the cache is an optimisation: the next evaluation reads the CSV and tries again
      }
    }

    @Override
    public void close() {
      writer.close();
    }
  }
}
