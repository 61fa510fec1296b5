package dev.assay.core.inference;

import java.util.Locale;

/**
 * Where inference runs: {@code AUTO} takes CUDA when this build and machine have it, else the CPU.
 */
public enum ExecutionProvider {
  AUTO,
  CPU,
  CUDA;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
