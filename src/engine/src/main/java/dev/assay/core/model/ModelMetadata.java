package dev.assay.core.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The one reader of the {@code assay.*} metadata a model may declare (issue 16): its task and its
 * class labels. The runners (evaluation, comparison, robustness, the Spark job, explanations) read
 * these keys here rather than each parsing them.
 */
public final class ModelMetadata {
  /** The task: {@code classification} or {@code regression}. */
  public static final String TASK = "assay.task";

  /** The class labels in the order of the model's probability columns, as a JSON array. */
  public static final String CLASS_LABELS = "assay.class_labels";

  private ModelMetadata() {}

  /** Whether the model declares itself a regression ({@code assay.task}, any case). */
  public static boolean isRegression(ModelInspection model) {
    return isRegression(model.metadata());
  }

  /** Whether {@code metadata} declares a regression ({@code assay.task}, any case). */
  public static boolean isRegression(Map<String, String> metadata) {
    return "regression".equalsIgnoreCase(metadata.get(TASK));
  }

  /**
   * The class labels the model declares ({@code assay.class_labels}), or null when it declares none
   * or they are not a JSON array of strings (the outputs then say what they can).
   */
  public static List<String> classLabels(ModelInspection model, ObjectMapper json) {
    String labels = model.metadata().get(CLASS_LABELS);
    if (labels == null) {
      return null;
    }
    try {
      return json.readValue(labels, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      return null;
    }
  }
}
