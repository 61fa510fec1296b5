package dev.assay.core.eval;

import ai.onnxruntime.OrtException;
import dev.assay.core.AssayException;

/** How a stored run that went wrong is marked failed, and the one line the user gets. */
final class RunFailures {
  private final RunStore runs;

  RunFailures(RunStore runs) {
    this.runs = runs;
  }

  /** Marks a stored run failed by {@code e}; returns the one-line exception to throw. */
  AssayException failed(long runId, Throwable e) {
    if (e instanceof AssayException refusal) {
      runs.finish(runId, RunStatus.FAILED, refusal.getMessage());
      return refusal;
    }
    if (e instanceof OrtException ort) {
      runs.finish(runId, RunStatus.FAILED, ort.getMessage());
      return new AssayException(
          "ONNX Runtime failed on this model and data: " + ort.getMessage(), ort);
    }
    if (causedByOutOfMemory(e)) {
      String message = outOfMemory();
      try {
        runs.finish(runId, RunStatus.FAILED, message);
      } catch (RuntimeException storeClosed) {
        // H2 closes the database when it runs out of memory; the next start marks the run
      }
      return new AssayException(message);
    }
    runs.finish(runId, RunStatus.FAILED, String.valueOf(e));
    return new AssayException("evaluation failed: " + e, e);
  }

  /** Whether {@code e} reports an out-of-memory error (H2 wraps its own in SQL exceptions). */
  private static boolean causedByOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError
          || t.getMessage() != null && t.getMessage().contains("OutOfMemoryError")) {
        return true;
      }
    }
    return false;
  }

  /** One line for a run that ran out of memory: the heap limit and what to change. */
  static String outOfMemory() {
    long mib = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return "evaluation ran out of memory (Java heap limit "
        + mib
        + " MiB); give it more (ASSAY_JAVA_OPTS=-Xmx...) or use a smaller --batch";
  }
}
