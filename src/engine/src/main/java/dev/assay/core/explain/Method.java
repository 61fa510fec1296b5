package dev.assay.core.explain;

/** How attributions are computed. */
public enum Method {
  /** Linear closed form when the output is log-odds of a linear model, else exact, else kernel. */
  AUTO("auto", "chosen per model"),
  /** Enumeration of all coalitions. */
  EXACT("exact", "exact enumeration of all coalitions, v(S) = mean_b f(x_S, b_notS)"),
  /** KernelSHAP with paired sampling. */
  KERNEL(
      "kernel",
      "KernelSHAP: paired (antithetic) coalition sampling, weighted least squares, seeded, stopped"
          + " at the standard-error tolerance"),
  /** The log-odds closed form of a linear model. */
  LINEAR("linear", "closed form w_i (x_i - mean_i) of a model linear in log-odds, exact"),
  /** Interventional TreeSHAP of an ONNX tree ensemble. */
  TREE(
      "tree",
      "interventional TreeSHAP, exact, on the trees read from the graph's ai.onnx.ml"
          + " TreeEnsemble node, against every background row"),
  /** Path-dependent TreeSHAP of an ONNX tree ensemble, by its node covers. */
  TREE_PATH(
      "tree_path",
      "path-dependent TreeSHAP (tree_path_dependent), exact: v(S) = E[f(x) | x_S] under the trees'"
          + " node covers, base value E[f]");

  private final String id;
  private final String algorithm;

  Method(String id, String algorithm) {
    this.id = id;
    this.algorithm = algorithm;
  }

  /** What the method computes, in a sentence for reports. */
  public String algorithm() {
    return algorithm;
  }

  public String id() {
    return id;
  }
}
