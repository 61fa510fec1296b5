package dev.assay.core;

/**
 * Receives progress of long-running core work. Implementations must be cheap and thread-safe: the
 * core calls them from worker threads, possibly often. The UI adapts this to a JavaFX task, the CLI
 * to a line on stderr.
 */
@FunctionalInterface
public interface Progress {
  /** A progress sink that ignores every update. */
  Progress NONE = (done, total, message) -> {};

  /**
   * Reports that {@code done} of {@code total} units are finished.
   *
   * @param total the total, or a negative number when unknown
   * @param message a short human-readable description of the current step
   */
  void update(long done, long total, String message);
}
