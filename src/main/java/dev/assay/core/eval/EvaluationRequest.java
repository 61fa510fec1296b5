package dev.assay.core.eval;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import java.util.List;

/**
 * What to evaluate and how.
 *
 * @param features features the user named for a single {@code [N, F]} input, or null
 * @param positiveLabel the positive class for binary metrics, or null for the second class
 * @param sensitive columns never used as features by default
 * @param batchSize rows per ONNX Runtime call (a model's fixed batch size wins)
 * @param threads ONNX Runtime intra-op threads; 0 for its default
 * @param softmax apply softmax to a score output (logits)
 * @param allowNonFinite give infinite feature cells to the model instead of refusing them (see
 *     {@link CellPolicy})
 */
public record EvaluationRequest(
    ModelVersion model,
    DatasetVersion dataset,
    String target,
    List<String> features,
    String positiveLabel,
    List<String> sensitive,
    ExecutionProvider provider,
    int batchSize,
    int threads,
    LabelSource labelSource,
    boolean softmax,
    boolean allowNonFinite) {

  /** A request that refuses infinite feature cells. */
  public EvaluationRequest(
      ModelVersion model,
      DatasetVersion dataset,
      String target,
      List<String> features,
      String positiveLabel,
      List<String> sensitive,
      ExecutionProvider provider,
      int batchSize,
      int threads,
      LabelSource labelSource,
      boolean softmax) {
    this(
        model,
        dataset,
        target,
        features,
        positiveLabel,
        sensitive,
        provider,
        batchSize,
        threads,
        labelSource,
        softmax,
        false);
  }

  /**
   * Default rows per batch: large enough to amortise per-call overhead, small enough for live
   * progress.
   */
  public static final int DEFAULT_BATCH = 4096;

  public EvaluationRequest {
    sensitive = sensitive == null ? List.of() : List.copyOf(sensitive);
    features = features == null || features.isEmpty() ? null : List.copyOf(features);
    if (batchSize <= 0) {
      batchSize = DEFAULT_BATCH;
    }
    if (provider == null) {
      provider = ExecutionProvider.AUTO;
    }
    if (labelSource == null) {
      labelSource = LabelSource.LABEL_OUTPUT;
    }
  }

  /** Which output the predicted labels come from. */
  public enum LabelSource {
    /**
     * The model's label output when it has one (what a deployment reads), else the probabilities.
     */
    LABEL_OUTPUT,
    /**
     * Argmax of the probabilities (for binary: the positive class when its probability is over
     * 0.5).
     */
    PROBABILITIES;

    public String id() {
      return this == LABEL_OUTPUT ? "label_output" : "probabilities";
    }
  }
}
