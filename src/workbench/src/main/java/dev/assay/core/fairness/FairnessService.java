package dev.assay.core.fairness;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunStore;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.registry.DatasetRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Bias reports on stored runs: computes a report from a completed run's stored predictions and its
 * dataset (no inference again), stores it with an audit entry, and compares reports across model
 * versions.
 */
public final class FairnessService {
  private final RunStore runs;
  private final DatasetRegistry datasets;
  private final FairnessStore store;
  private final FairnessAnalyzer analyzer = new FairnessAnalyzer();
  private final Clock clock;
  private final String osUser;
  private final Path scratch;

  public FairnessService(
      RunStore runs,
      DatasetRegistry datasets,
      FairnessStore store,
      Clock clock,
      String osUser,
      Path scratch) {
    this.runs = runs;
    this.datasets = datasets;
    this.store = store;
    this.clock = clock;
    this.osUser = osUser;
    this.scratch = scratch;
  }

  /**
   * Computes and stores the fairness report of a completed run.
   *
   * @throws AssayException when the run is not completed, or a column, class or group named in
   *     {@code settings} does not exist
   */
  public StoredFairnessReport report(
      long runId, FairnessSettings settings, Progress progress, Cancellation cancel) {
    RunSummary run = runs.get(runId);
    if (run.status() != RunStatus.COMPLETED) {
      throw new AssayException(
          "run " + runId + " is " + run.status().id() + "; only a completed run has predictions");
    }
    run.requireLabels("a fairness report");
    EvaluationResult result = runs.result(runId);
    DatasetVersion dataset = datasets.get(run.datasetId());
    Path predictions = null;
    try {
      Files.createDirectories(scratch);
      predictions = Files.createTempFile(scratch, "fairness-" + runId + "-", ".pred");
      runs.copyPredictions(runId, predictions);
      FairnessReport report =
          analyzer.analyse(
              new FairnessAnalyzer.RunInputs(
                  runId,
                  run.model(),
                  run.dataset(),
                  run.target(),
                  result.task(),
                  result.classOrder(),
                  result.positiveLabel(),
                  result.labelSource(),
                  predictions,
                  datasets.file(dataset)),
              settings,
              clock.instant(),
              osUser,
              progress,
              cancel);
      long id = store.save(report);
      return new StoredFairnessReport(id, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (predictions != null) {
        try {
          Files.deleteIfExists(predictions);
        } catch (IOException ignored) {
          // a leftover scratch file is harmless
        }
      }
    }
  }

  /**
   * Stores a report computed elsewhere (a Spark job's, from the run's tallies) as the report of run
   * {@code runId}, made now by this user, with its audit entry.
   */
  public StoredFairnessReport store(FairnessReport computed, long runId) {
    FairnessReport report =
        new FairnessReport(
            runId,
            computed.model(),
            computed.dataset(),
            computed.target(),
            computed.task(),
            computed.classOrder(),
            computed.positiveLabel(),
            computed.favorableLabel(),
            computed.labelSource(),
            computed.rows(),
            computed.settings(),
            clock.instant(),
            osUser,
            computed.attributes(),
            computed.warnings(),
            computed.verdict());
    return new StoredFairnessReport(store.save(report), report);
  }

  /** Several reports side by side, in the given order. */
  public VersionComparison compare(List<StoredFairnessReport> reports) {
    return VersionComparison.of(reports);
  }

  /** The stored reports. */
  public FairnessStore reports() {
    return store;
  }
}
