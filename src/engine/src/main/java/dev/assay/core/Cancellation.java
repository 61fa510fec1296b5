package dev.assay.core;

/** Cooperative cancellation: long-running core work polls it between steps. */
@FunctionalInterface
public interface Cancellation {
  /** Never cancelled. */
  Cancellation NONE = () -> false;

  boolean isCancelled();

  /** Throws {@link CancelledException} when cancellation was requested. */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancelledException();
    }
  }

  /** Thrown by core work that stopped because it was cancelled. */
  final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
      super("cancelled");
    }
  }
}
