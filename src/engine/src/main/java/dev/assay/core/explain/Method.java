package dev.assay.core.explain;

/** How attributions are computed. */
public enum Method {
  /** Linear closed form when the output is log-odds of a linear model, else exact, else kernel. */
  AUTO("auto"),
  /** Enumeration of all coalitions. */
  EXACT("exact"),
  /** KernelSHAP with paired sampling. */
  KERNEL("kernel"),
  /** The log-odds closed form of a linear model. */
  LINEAR("linear");

  private final String id;

  Method(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
