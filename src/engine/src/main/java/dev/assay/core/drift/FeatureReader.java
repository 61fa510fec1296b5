package dev.assay.core.drift;

import dev.assay.core.AssayException;
import dev.assay.core.data.Cells;
import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnChunk;
import dev.assay.core.data.CsvSource;
import dev.assay.core.data.DatasetVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Reads the drift features of a dataset, one column at a time, from the column cache written at
 * import (row groups decoded chunk by chunk, numbers copied in bulk, dictionary codes counted) or,
 * when there is no intact cache, from the CSV in one pass. Columns are read in parallel; only the
 * features' values are held, never whole rows.
 */
public final class FeatureReader {
  /** How a feature is compared. */
  public enum Kind {
    NUMERIC,
    CATEGORICAL
  }

  /** A column to read and how to compare it. */
  public record Feature(String name, Kind kind) {}

  private FeatureReader() {}

  /**
   * Reads {@code features} of {@code dataset} from its verified column cache when there is one,
   * else from its CSV file.
   *
   * @param cache the dataset's column cache, or empty to read the CSV
   * @param csv the dataset's stored CSV file
   * @throws AssayException when a column is not in the dataset or the data cannot be read
   */
  public static List<FeatureSample> read(
      Optional<ColumnCache> cache, Path csv, DatasetVersion dataset, List<Feature> features) {
    if (cache.isPresent()) {
      ColumnCache c = cache.get();
      int[] index = indexes(c.header(), features, dataset);
      return IntStream.range(0, features.size())
          .parallel()
          .mapToObj(i -> readCached(c, index[i], features.get(i)))
          .toList();
    }
    return readCsv(csv, features, dataset);
  }

  private static int[] indexes(List<String> header, List<Feature> features, DatasetVersion data) {
    int[] index = new int[features.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = header.indexOf(features.get(i).name());
      if (index[i] < 0) {
        throw new AssayException(
            "column '" + features.get(i).name() + "' is not in dataset " + data.ref());
      }
    }
    return index;
  }

  /**
   * Reads one feature from a column cache.
   *
   * @throws AssayException when the column is not in the dataset
   */
  public static FeatureSample read(ColumnCache cache, DatasetVersion dataset, Feature feature) {
    return readCached(cache, indexes(cache.header(), List.of(feature), dataset)[0], feature);
  }

  private static FeatureSample readCached(ColumnCache cache, int column, Feature feature) {
    ColumnChunk chunk = new ColumnChunk();
    if (feature.kind() == Kind.NUMERIC) {
      NumericCollector values = new NumericCollector(cache.rows());
      for (int g = 0; g < cache.groupCount(); g++) {
        values.add(cache.group(g).column(column, chunk));
      }
      return values.sample(feature.name());
    }
    CategoryCollector counts = new CategoryCollector();
    for (int g = 0; g < cache.groupCount(); g++) {
      counts.add(cache.group(g).column(column, chunk));
    }
    return counts.sample(feature.name());
  }

  private static List<FeatureSample> readCsv(
      Path file, List<Feature> features, DatasetVersion dataset) {
    try (CsvSource csv = CsvSource.open(file)) {
      int[] index = indexes(csv.header(), features, dataset);
      int width = csv.header().size();
      Object[] collectors = new Object[features.size()];
      for (int i = 0; i < collectors.length; i++) {
        collectors[i] =
            features.get(i).kind() == Kind.NUMERIC
                ? new NumericCollector(dataset.rows())
                : new CategoryCollector();
      }
      String[] record;
      while ((record = csv.next()) != null) {
        if (record.length != width) {
          continue;
        }
        for (int i = 0; i < index.length; i++) {
          String cell = record[index[i]];
          if (collectors[i] instanceof NumericCollector n) {
            n.add(Cells.parseOrNaN(cell));
          } else {
            ((CategoryCollector) collectors[i]).add(cell);
          }
        }
      }
      List<FeatureSample> samples = new ArrayList<>();
      for (int i = 0; i < collectors.length; i++) {
        String name = features.get(i).name();
        samples.add(
            collectors[i] instanceof NumericCollector n
                ? n.sample(name)
                : ((CategoryCollector) collectors[i]).sample(name));
      }
      return samples;
    }
  }
}
