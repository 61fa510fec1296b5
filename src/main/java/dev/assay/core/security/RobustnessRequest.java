package dev.assay.core.security;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import java.util.List;

/**
 * What to test for robustness.
 *
 * @param features feature columns in model input order, or null for the remembered binding or the
 *     model's metadata (as in an evaluation)
 * @param immutable columns never perturbed (a sensitive attribute, an identifier)
 * @param maxRows rows of the dataset used (the first ones)
 * @param seed seed of the Gaussian noise, so a report can be reproduced
 */
public record RobustnessRequest(
    ModelVersion model,
    DatasetVersion dataset,
    String target,
    List<String> features,
    List<String> immutable,
    int maxRows,
    long seed) {
  /** Rows used when none are given. */
  public static final int DEFAULT_ROWS = 2000;

  public RobustnessRequest {
    features = features == null ? null : List.copyOf(features);
    immutable = immutable == null ? List.of() : List.copyOf(immutable);
    if (maxRows <= 0) {
      maxRows = DEFAULT_ROWS;
    }
  }
}
