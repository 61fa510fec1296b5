package dev.assay.core.compare;

/**
 * Receives live snapshots of a running comparison, from the worker thread, at most once per {@link
 * ComparisonRequest#snapshotMillis()} (plus a final one). Must be cheap and thread-safe.
 */
@FunctionalInterface
public interface ComparisonListener {
  ComparisonListener NONE = snapshot -> {};

  void onSnapshot(LiveSnapshot snapshot);
}
