package dev.assay.core.eval;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.registry.DatasetRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

/**
 * The evaluation of a dataset file that is likely a registered version already ({@link
 * DatasetRegistry#likelyVersionOf}: imported from the same path, same size, not modified since):
 * the version is evaluated from its column cache while the file is hashed on a second thread, and
 * the run is stored only once the hash shows that the file holds exactly that version's bytes (the
 * version {@link DatasetRegistry#findBySha} gives for it), before anything is written (issue 14).
 * Otherwise (the file changed, or the pass ends without a result) what the pass wrote is dropped
 * and the file is evaluated the usual way: hashed, then imported or matched by its hash.
 *
 * <p>The stored run, metrics and predictions are those of the usual path for that version; only the
 * run's row is written after the scoring instead of before it, as for a new file.
 */
final class VerifiedEvaluation {
  private final EvaluationRunner runner;
  private final DatasetRegistry datasets;

  VerifiedEvaluation(EvaluationRunner runner, DatasetRegistry datasets) {
    this.runner = runner;
    this.datasets = datasets;
  }

  /** Thrown at registration when the file is not the likely version's bytes. */
  private static final class OtherBytes extends IOException {
    OtherBytes() {
      super("the file is not the registered version it looked like", null);
    }
  }

  EvaluationResult run(
      Path file,
      DatasetVersion likely,
      Function<DatasetVersion, EvaluationRequest> requests,
      Progress progress,
      Cancellation cancel) {
    FutureTask<String> hash =
        new FutureTask<>(() -> Sha256.ofFile(file, Progress.NONE, Cancellation.NONE));
    Thread hashing = new Thread(hash, "assay-hash");
    hashing.setDaemon(true);
    hashing.start();
    EvaluationRequest request = requests.apply(likely);
    long[] runId = {-1};
    Path predictions = null;
    try {
      DatasetInput input = DatasetInput.open(datasets, likely);
      EvaluationRunner.Plan plan = runner.plan(request, input.header());
      Files.createDirectories(runner.scratch());
      predictions = Files.createTempFile(runner.scratch(), "run-", ".pred");
      EvaluationResult result =
          runner.execute(
              request,
              plan,
              input,
              predictions,
              progress,
              cancel,
              () -> {
                if (!holds(hash, likely)) {
                  throw new OtherBytes();
                }
                runId[0] = runner.runs().start(request, plan.config(), runner.environment());
                return new EvaluationRunner.Registered(runId[0], request);
              });
      runner.complete(runId[0], request, plan, result, predictions);
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
      hash.cancel(false);
      if (predictions != null) {
        try {
          Files.deleteIfExists(predictions);
        } catch (IOException ignored) {
          // a leftover scratch file is harmless
        }
      }
    }
    // no result, or not these bytes: the usual path, which hashes the file first
    return runner.run(
        datasets.prepare(file, null, Progress.NONE, cancel), requests, progress, cancel);
  }

  /** Whether the file's hash names {@code likely} as the version holding its bytes. */
  private boolean holds(FutureTask<String> hash, DatasetVersion likely) throws IOException {
    String sha256;
    try {
      sha256 = hash.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing the data file", e);
    } catch (ExecutionException e) {
      throw new IOException("cannot hash the data file", e.getCause());
    }
    if (!sha256.equals(likely.sha256())) {
      return false;
    }
    Optional<DatasetVersion> version = datasets.findBySha(sha256);
    return version.isPresent() && version.get().id() == likely.id();
  }
}
