package dev.assay.core.eval;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.inference.OutputChoice;
import dev.assay.core.inference.TargetMap;
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
 * @param outputs outputs the user chose ({@code --probabilities-output}, {@code --label-output});
 *     what it leaves open is remembered for the model version or chosen by Assay
 * @param targetMap target values written in another encoding than the model's classes ({@code
 *     --target-map}); empty: remembered for the model version and dataset, else model metadata
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
    OutputChoice outputs,
    TargetMap targetMap,
    boolean allowNonFinite) {

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
    if (outputs == null) {
      outputs = OutputChoice.AUTOMATIC;
    }
    if (targetMap == null) {
      targetMap = TargetMap.NONE;
    }
  }

  /** A request whose outputs and target values are read as remembered or chosen by Assay. */
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
        OutputChoice.AUTOMATIC,
        TargetMap.NONE,
        false);
  }

  /**
   * Whether the run reads a target column. A request without one ({@code target} null, {@code assay
   * eval --no-target}) only scores: it stores per-row predictions and output statistics but no
   * label metrics, and analyses that need labels (compare, fairness, the workbook) refuse it.
   */
  public boolean labelled() {
    return target != null;
  }

  /**
   * A builder for {@code model} on {@code dataset} with target column {@code target} (null: score
   * without labels, see {@link #labelled()}).
   */
  public static Builder builder(ModelVersion model, DatasetVersion dataset, String target) {
    return new Builder(model, dataset, target);
  }

  /** This request with another choice of outputs and target map. */
  public EvaluationRequest withOutputs(OutputChoice outputs, TargetMap targetMap) {
    return new EvaluationRequest(
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
        outputs,
        targetMap,
        allowNonFinite);
  }

  /** Builds an {@link EvaluationRequest}; unset fields take the record's defaults. */
  public static final class Builder {
    private final ModelVersion model;
    private final DatasetVersion dataset;
    private final String target;
    private List<String> features;
    private String positiveLabel;
    private List<String> sensitive;
    private ExecutionProvider provider;
    private int batchSize;
    private int threads;
    private LabelSource labelSource;
    private boolean softmax;
    private OutputChoice outputs;
    private TargetMap targetMap;
    private boolean allowNonFinite;

    private Builder(ModelVersion model, DatasetVersion dataset, String target) {
      this.model = model;
      this.dataset = dataset;
      this.target = target;
    }

    public Builder features(List<String> value) {
      features = value;
      return this;
    }

    public Builder positiveLabel(String value) {
      positiveLabel = value;
      return this;
    }

    public Builder sensitive(List<String> value) {
      sensitive = value;
      return this;
    }

    public Builder provider(ExecutionProvider value) {
      provider = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public Builder labelSource(LabelSource value) {
      labelSource = value;
      return this;
    }

    public Builder softmax(boolean value) {
      softmax = value;
      return this;
    }

    public Builder outputs(OutputChoice value) {
      outputs = value;
      return this;
    }

    public Builder targetMap(TargetMap value) {
      targetMap = value;
      return this;
    }

    public Builder allowNonFinite(boolean value) {
      allowNonFinite = value;
      return this;
    }

    public EvaluationRequest build() {
      return new EvaluationRequest(
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
          outputs,
          targetMap,
          allowNonFinite);
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
