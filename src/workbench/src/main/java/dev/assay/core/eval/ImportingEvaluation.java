package dev.assay.core.eval;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.ColumnCacheWriter;
import dev.assay.core.data.CsvSource;
import dev.assay.core.data.DatasetProfile;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.PendingImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The first evaluation of a new dataset file, done in one pass with its import (issue 14): the
 * evaluation's reading thread decompresses and parses the CSV once, and every record goes both to
 * the batches ONNX Runtime scores and to the import's profile and column cache (on a second
 * thread). When every row is scored the file is copied into the store and recorded with that
 * profile and cache, then the run is recorded and completed with its predictions: the same dataset
 * version, cache, run and predictions as an import followed by an evaluation.
 *
 * <p>A pass that does not reach a result (a refusal such as a cell that is not a number, no target
 * column, no rows, ONNX Runtime failing) is dropped with what it wrote, and the file is then
 * imported and evaluated the usual way, which gives the usual refusal and stores the failed run.
 * Only the profile's findings come later: a face shows them after the run instead of before it.
 */
final class ImportingEvaluation {
  private final EvaluationRunner runner;
  private final DatasetRegistry datasets;

  ImportingEvaluation(EvaluationRunner runner, DatasetRegistry datasets) {
    this.runner = runner;
    this.datasets = datasets;
  }

  EvaluationResult run(
      PendingImport pending,
      Function<DatasetVersion, EvaluationRequest> requests,
      Progress progress,
      Cancellation cancel) {
    EvaluationRequest provisional = requests.apply(pending.provisional());
    long[] runId = {-1};
    EvaluationRequest[] stored = {null};
    EvaluationRunner.Plan[] plan = {null};
    Path predictions = null;
    CsvSource csv = null;
    ImportPass pass = null;
    try (ColumnCacheWriter cache = datasets.startCache(pending)) {
      try {
        csv = CsvSource.open(pending.file());
        pass = new ImportPass(csv.header(), cache);
        DatasetInput input = DatasetInput.importing(csv, pass);
        plan[0] = runner.plan(provisional, input.header());
        Files.createDirectories(runner.scratch());
        predictions = Files.createTempFile(runner.scratch(), "run-new-", ".pred");
        ImportPass profiled = pass;
        EvaluationResult result =
            runner.execute(
                provisional,
                plan[0],
                input,
                predictions,
                progress,
                cancel,
                () -> {
                  DatasetProfile profile = profiled.profile();
                  if (profile == null) {
                    throw new IOException("the import's pass stopped before the end of the file");
                  }
                  DatasetVersion dataset =
                      datasets.complete(pending, profile, cache, cancel).dataset();
                  stored[0] = requests.apply(dataset);
                  runId[0] = runner.runs().start(stored[0], plan[0].config(), runner.environment());
                  return new EvaluationRunner.Registered(runId[0], stored[0]);
                });
        runner.complete(runId[0], stored[0], plan[0], result, predictions);
        return result;
      } catch (Cancellation.CancelledException e) {
        if (runId[0] >= 0) {
          runner.runs().finish(runId[0], RunStatus.CANCELLED, null);
        }
        throw e;
      } catch (Exception | OutOfMemoryError e) {
        if (runId[0] >= 0) {
          throw runner.failed(runId[0], e);
        }
      } finally {
        if (pass != null) {
          pass.close();
        }
        if (csv != null) {
          csv.close();
        }
        delete(predictions);
      }
    }
    // the pass gave no result: import, then evaluate, as without it
    DatasetVersion dataset =
        datasets.importDataset(pending.file(), pending.name(), Progress.NONE, cancel).dataset();
    return runner.run(requests.apply(dataset), progress, cancel);
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover scratch file is harmless
      }
    }
  }
}
