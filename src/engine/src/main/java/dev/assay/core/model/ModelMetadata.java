package dev.assay.core.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The one reader of the {@code assay.*} metadata a model may declare (issue 16): its task, class
 * labels, target column, target map, sensitive columns, feature columns and softmax. Every other
 * class reads these keys here (an {@code ArchitectureTest} rule fails on a key literal elsewhere).
 */
public final class ModelMetadata {
  /** The task: {@code classification} or {@code regression}. */
  public static final String TASK = "assay.task";

  /** The class labels in the order of the model's probability columns, as a JSON array. */
  public static final String CLASS_LABELS = "assay.class_labels";

  /** The name of the dataset column that holds the target. */
  public static final String TARGET = "assay.target";

  /** How target values map onto the model's classes, as a JSON object. */
  public static final String TARGET_MAP = "assay.target_map";

  /** The sensitive columns (fairness, robustness), as a JSON array. */
  public static final String SENSITIVE = "assay.sensitive";

  /** The feature columns in the order of the model's input, as a JSON array. */
  public static final String FEATURES = "assay.features";

  /** {@code true} when the model's scores need a softmax to become probabilities. */
  public static final String SOFTMAX = "assay.softmax";

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private ModelMetadata() {}

  /** Whether the model declares itself a regression ({@code assay.task}, any case). */
  public static boolean isRegression(ModelInspection model) {
    return isRegression(model.metadata());
  }

  /** Whether {@code metadata} declares a regression ({@code assay.task}, any case). */
  public static boolean isRegression(Map<String, String> metadata) {
    return "regression".equalsIgnoreCase(metadata.get(TASK));
  }

  /** Whether {@code metadata} declares a classifier ({@code assay.task}, any case). */
  public static boolean isClassifier(Map<String, String> metadata) {
    return "classification".equalsIgnoreCase(metadata.get(TASK));
  }

  /** Whether {@code metadata} asks for a softmax over the scores ({@code assay.softmax=true}). */
  public static boolean declaresSoftmax(Map<String, String> metadata) {
    return "true".equalsIgnoreCase(metadata.get(SOFTMAX));
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
      return json.readValue(labels, STRINGS);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether the model declares class labels at all ({@code assay.class_labels}, even unreadable).
   */
  public static boolean declaresClassLabels(ModelInspection model) {
    return model.metadata().get(CLASS_LABELS) != null;
  }

  /** The target column the model names ({@code assay.target}), or null. */
  public static String target(ModelInspection model) {
    return model.metadata().get(TARGET);
  }

  /** The target map's JSON text ({@code assay.target_map}), or null. */
  public static String targetMapJson(ModelInspection model) {
    return model.metadata().get(TARGET_MAP);
  }

  /** The feature columns' JSON text ({@code assay.features}), or null. */
  public static String featuresJson(ModelInspection model) {
    return model.metadata().get(FEATURES);
  }

  /** The sensitive columns' JSON text ({@code assay.sensitive}), or null. */
  public static String sensitiveJson(ModelInspection model) {
    return model.metadata().get(SENSITIVE);
  }

  /**
   * The sensitive columns the model declares ({@code assay.sensitive}); empty when it declares none
   * or they are not a JSON array of strings.
   */
  public static List<String> sensitive(ModelInspection model, ObjectMapper json) {
    return list(model, SENSITIVE, json);
  }

  /**
   * A JSON array of strings under {@code key}; empty when the key is missing, blank or not such an
   * array.
   */
  public static List<String> list(ModelInspection model, String key, ObjectMapper json) {
    String text = model.metadata().get(key);
    if (text == null) {
      return List.of();
    }
    try {
      return json.readValue(text, STRINGS);
    } catch (IOException e) {
      return List.of();
    }
  }
}
