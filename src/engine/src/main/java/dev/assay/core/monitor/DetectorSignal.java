package dev.assay.core.monitor;

/** What a concept-drift detector says after an element. */
public enum DetectorSignal {
  /** In control. */
  NONE,
  /** The warning level is reached (DDM only). */
  WARNING,
  /** A change is detected; the detector has restarted on what follows (or shrunk its window). */
  DRIFT
}
