package dev.assay.ui.common;

import java.util.Map;

/**
 * Metric names as people say them, with the definition the number follows (scikit-learn's), for
 * screens that would otherwise show JSON keys such as {@code roc_auc_ovr_macro}.
 */
public final class MetricNames {
  /** A metric's name for people and its definition. */
  public record Name(String display, String definition) {}

  private static final Map<String, Name> NAMES =
      Map.ofEntries(
          entry("accuracy", "Accuracy", "Share of rows predicted correctly (accuracy_score)."),
          entry(
              "balanced_accuracy",
              "Balanced accuracy",
              "Mean recall over the classes present (balanced_accuracy_score)."),
          entry(
              "precision",
              "Precision",
              "Of the rows predicted positive, the share truly positive (precision_score)."),
          entry(
              "recall",
              "Recall",
              "Of the truly positive rows, the share predicted positive (recall_score)."),
          entry("f1", "F1", "Harmonic mean of precision and recall, positive class (f1_score)."),
          entry("precision_macro", "Precision (macro)", "Mean precision over the classes."),
          entry("recall_macro", "Recall (macro)", "Mean recall over the classes."),
          entry("f1_macro", "F1 (macro)", "Mean F1 over the classes (f1_score, average='macro')."),
          entry(
              "f1_micro",
              "F1 (micro)",
              "F1 of the pooled counts over the classes (f1_score, average='micro')."),
          entry(
              "f1_weighted",
              "F1 (weighted)",
              "F1 per class weighted by its support (f1_score, average='weighted')."),
          entry(
              "roc_auc",
              "ROC AUC",
              "Area under the ROC curve: the chance that a random positive row is ranked above a"
                  + " random negative one (roc_auc_score)."),
          entry(
              "roc_auc_ovr_macro",
              "ROC AUC (one-vs-rest, macro)",
              "ROC AUC of each class against the rest, averaged over classes"
                  + " (roc_auc_score, multi_class='ovr', average='macro')."),
          entry(
              "roc_auc_ovo_macro",
              "ROC AUC (one-vs-one, macro)",
              "ROC AUC of each pair of classes, averaged (Hand & Till; multi_class='ovo')."),
          entry(
              "average_precision",
              "Average precision",
              "Area under the precision-recall curve, step-wise (average_precision_score)."),
          entry(
              "log_loss",
              "Log loss",
              "Cross-entropy of the predicted probabilities, lower is better (log_loss)."),
          entry(
              "brier",
              "Brier score",
              "Mean squared error of the predicted probabilities, lower is better"
                  + " (brier_score_loss)."),
          entry(
              "ece",
              "Expected calibration error",
              "Row-weighted gap between mean predicted probability and observed fraction over 10"
                  + " uniform bins, lower is better."),
          entry(
              "mae", "Mean absolute error", "Mean of |prediction − actual| (mean_absolute_error)."),
          entry(
              "mse", "Mean squared error", "Mean of (prediction − actual)² (mean_squared_error)."),
          entry("rmse", "Root mean squared error", "Square root of the mean squared error."),
          entry("r2", "R²", "Coefficient of determination (r2_score)."),
          entry(
              "median_absolute_error",
              "Median absolute error",
              "Median of |prediction − actual| (median_absolute_error)."),
          entry("max_error", "Largest error", "Largest |prediction − actual| (max_error)."),
          entry(
              "mape",
              "Mean absolute percentage error",
              "Mean of |prediction − actual| / |actual|, as a fraction"
                  + " (mean_absolute_percentage_error)."),
          entry("base_rate", "Base rate", "Share of the group whose actual outcome is positive."),
          entry(
              "selection_rate",
              "Selection rate",
              "Share of the group predicted the positive class (Fairlearn selection_rate)."),
          entry(
              "favorable_rate",
              "Favourable rate",
              "Share of the group predicted the favourable outcome."),
          entry("tpr", "True-positive rate", "Recall within the group: TP / (TP + FN)."),
          entry("fpr", "False-positive rate", "FP / (FP + TN) within the group."),
          entry("mean_prediction", "Mean prediction", "Mean predicted value within the group."));

  private MetricNames() {}

  private static Map.Entry<String, Name> entry(String key, String display, String definition) {
    return Map.entry(key, new Name(display, definition));
  }

  /** The metric's name for people, or the key with spaces for one not listed. */
  public static String display(String key) {
    Name name = NAMES.get(key);
    return name != null ? name.display() : key == null ? "" : key.replace('_', ' ');
  }

  /** The metric's definition, or an empty text for one not listed. */
  public static String definition(String key) {
    Name name = NAMES.get(key);
    return name != null ? name.definition() : "";
  }
}
