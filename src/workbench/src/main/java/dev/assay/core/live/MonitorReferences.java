package dev.assay.core.live;

import dev.assay.core.AssayException;
import dev.assay.core.NotFoundException;
import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.ColumnType;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.CategoricalSample;
import dev.assay.core.drift.Cbpe;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.drift.FeatureSample;
import dev.assay.core.driftreports.RunOutputs;
import dev.assay.core.eval.PredictionsFile;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunStore;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.monitor.MonitorReference;
import dev.assay.core.registry.DatasetRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a monitor's reference from a registered dataset as {@code assay drift} does (the column
 * cache when intact, else the CSV; numeric or categorical by the dataset's profile), and the
 * model's predicted labels on it from the newest completed evaluation run of that model on that
 * dataset, when there is one.
 */
public final class MonitorReferences {
  /** The reference and where its parts came from. */
  public record Built(
      MonitorReference reference, List<String> features, Long runId, String target) {}

  private final DatasetRegistry datasets;
  private final RunStore runs;
  private final Path tmp;

  public MonitorReferences(DatasetRegistry datasets, RunStore runs, Path tmp) {
    this.datasets = datasets;
    this.runs = runs;
    this.tmp = tmp;
  }

  /**
   * @param features columns to monitor, or null for every column but the target
   * @param target the label column to leave out, or null for the run's target (if any)
   * @throws AssayException when a named column is not in the dataset
   */
  public Built build(
      ModelVersion model,
      DatasetVersion dataset,
      List<String> features,
      String target,
      DriftSettings settings) {
    Optional<RunSummary> run =
        runs.list(model.id()).stream()
            .filter(r -> r.datasetId() == dataset.id() && r.status() == RunStatus.COMPLETED)
            .findFirst();
    String excluded = target != null ? target : run.map(RunSummary::target).orElse(null);
    List<FeatureReader.Feature> columns = new ArrayList<>();
    if (features != null && !features.isEmpty()) {
      for (String f : features) {
        ColumnProfile c =
            dataset
                .profile()
                .column(f.strip())
                .orElseThrow(
                    () ->
                        new AssayException(
                            "column '" + f.strip() + "' is not in reference " + dataset.ref()));
        columns.add(feature(c));
      }
    } else {
      for (ColumnProfile c : dataset.profile().columns()) {
        if (!c.name().equals(excluded)) {
          columns.add(feature(c));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new AssayException("reference " + dataset.ref() + " has no feature column to monitor");
    }
    Optional<ColumnCache> cache;
    try {
      cache = datasets.columnCache(dataset);
    } catch (ColumnCache.DamagedException e) {
      cache = Optional.empty();
    }
    List<FeatureSample> samples =
        FeatureReader.read(cache, datasets.file(dataset), dataset, columns);
    CategoricalSample predictions = run.map(r -> predictions(r.id())).orElse(null);
    Cbpe.Fitted cbpe = null;
    String positive = null;
    if (run.isPresent()) {
      Optional<RunOutputs.Loaded> outputs = new RunOutputs(runs, tmp).newest(model, dataset);
      if (outputs.isPresent()
          && outputs.get().truth() != null
          && outputs.get().outputs().score() != null) {
        cbpe = fit(outputs.get().outputs().score(), outputs.get().truth());
        positive = cbpe == null ? null : spelling(outputs.get().positiveLabel());
      }
    }
    return new Built(
        new MonitorReference(samples, predictions, settings, cbpe, positive),
        columns.stream().map(FeatureReader.Feature::name).toList(),
        run.map(RunSummary::id).orElse(null),
        excluded);
  }

  /**
   * CBPE fitted as {@code assay drift} fits it (threshold 0.5) on the reference run's rows that
   * have a score; null when it cannot be fitted (too few rows, one class).
   */
  private static Cbpe.Fitted fit(double[] score, int[] truth) {
    int n = 0;
    double[] s = new double[score.length];
    int[] t = new int[score.length];
    for (int i = 0; i < score.length; i++) {
      if (Double.isFinite(score[i])) {
        s[n] = score[i];
        t[n++] = truth[i];
      }
    }
    try {
      return Cbpe.fit(Arrays.copyOf(s, n), Arrays.copyOf(t, n), 0.5);
    } catch (IllegalArgumentException unfit) {
      return null;
    }
  }

  private static FeatureReader.Feature feature(ColumnProfile c) {
    return new FeatureReader.Feature(
        c.name(),
        c.type() == ColumnType.CATEGORICAL
            ? FeatureReader.Kind.CATEGORICAL
            : FeatureReader.Kind.NUMERIC);
  }

  /** The run's predicted labels, or null for a regression run or one without predictions. */
  private CategoricalSample predictions(long runId) {
    Path file = tmp.resolve("monitor-reference-" + runId + ".pred");
    try {
      runs.copyPredictions(runId, file);
      Map<Integer, Long> byClass = new HashMap<>();
      List<String> labels =
          PredictionsFile.read(file, row -> byClass.merge(row.predictedClass(), 1L, Long::sum));
      if (labels.isEmpty()) {
        return null;
      }
      Map<String, Long> counts = new HashMap<>();
      byClass.forEach(
          (c, n) -> {
            if (c >= 0 && c < labels.size()) {
              counts.merge(spelling(labels.get(c)), n, Long::sum);
            }
          });
      return new CategoricalSample("prediction", counts, 0);
    } catch (NotFoundException e) {
      return null;
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A class label as events spell it: a whole number without decimals. */
  private static String spelling(String label) {
    try {
      double v = Double.parseDouble(label.strip());
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : label.strip();
    } catch (NumberFormatException e) {
      return label.strip();
    }
  }
}
