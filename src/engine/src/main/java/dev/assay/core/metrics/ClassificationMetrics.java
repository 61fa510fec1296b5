package dev.assay.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of classification metrics, with scikit-learn's definitions (see the package
 * documentation for the exact conventions). A metric that is undefined for the data is NaN; score
 * metrics are NaN and curves null when the model gave no probabilities.
 *
 * @param classOrder class labels in model output order; the order of the confusion matrix
 * @param positiveLabel the positive class for binary metrics; null for multiclass
 * @param rows rows accumulated
 * @param accuracy {@code accuracy_score}
 * @param balancedAccuracy mean recall over the classes present in the true labels
 * @param precision positive-class precision (binary); NaN for multiclass
 * @param recall positive-class recall (binary); NaN for multiclass
 * @param f1 positive-class F1 (binary); NaN for multiclass
 * @param precisionMacro unweighted mean of per-class precision over all classes
 * @param recallMacro unweighted mean of per-class recall over all classes
 * @param f1Macro unweighted mean of per-class F1 over all classes
 * @param f1Micro F1 of the pooled counts (equals accuracy)
 * @param f1Weighted per-class F1 weighted by support
 * @param rocAuc binary ROC AUC (NaN when only one class is present, and for multiclass)
 * @param rocAucOvrMacro multiclass one-vs-rest macro AUC (NaN when a class is absent); binary:
 *     equals rocAuc
 * @param rocAucOvoMacro multiclass one-vs-one macro AUC over the classes present; binary: equals
 *     rocAuc
 * @param averagePrecision {@code average_precision_score}; multiclass: macro over one-vs-rest
 * @param logLoss {@code log_loss}, probabilities clipped to [1e-15, 1 - 1e-15] and rows
 *     renormalised
 * @param brier binary: {@code brier_score_loss} on the positive class; multiclass: mean over rows
 *     of {@code sum_c (p_c - y_c)^2}
 * @param confusionMatrix counts, rows = true class, columns = predicted class, in classOrder
 * @param perClass precision, recall, F1 and support for each class in classOrder
 * @param roc ROC curve (binary; null for multiclass or without probabilities)
 * @param precisionRecall precision-recall curve (binary; null for multiclass or without
 *     probabilities)
 * @param calibration reliability curve and expected calibration error (null without probabilities)
 */
public record ClassificationMetrics(
    List<String> classOrder,
    String positiveLabel,
    long rows,
    double accuracy,
    double balancedAccuracy,
    double precision,
    double recall,
    double f1,
    double precisionMacro,
    double recallMacro,
    double f1Macro,
    double f1Micro,
    double f1Weighted,
    double rocAuc,
    double rocAucOvrMacro,
    double rocAucOvoMacro,
    double averagePrecision,
    double logLoss,
    double brier,
    long[][] confusionMatrix,
    List<PerClass> perClass,
    Curve roc,
    Curve precisionRecall,
    Calibration calibration) {

  /** The same metrics with ROC and PR curves thinned to at most {@code max} points each. */
  public ClassificationMetrics withThinnedCurves(int max) {
    return new ClassificationMetrics(
        classOrder,
        positiveLabel,
        rows,
        accuracy,
        balancedAccuracy,
        precision,
        recall,
        f1,
        precisionMacro,
        recallMacro,
        f1Macro,
        f1Micro,
        f1Weighted,
        rocAuc,
        rocAucOvrMacro,
        rocAucOvoMacro,
        averagePrecision,
        logLoss,
        brier,
        confusionMatrix,
        perClass,
        roc == null ? null : roc.thinned(max),
        precisionRecall == null ? null : precisionRecall.thinned(max),
        calibration);
  }

  /** Expected calibration error, NaN without probabilities. */
  public double expectedCalibrationError() {
    return calibration == null ? Double.NaN : calibration.expectedCalibrationError();
  }

  /**
   * The {@code metrics} object of {@code assay eval --json}: keys {@code accuracy,
   * balanced_accuracy, precision, recall, f1, precision_macro, recall_macro, f1_macro, f1_micro,
   * f1_weighted, roc_auc, roc_auc_ovr_macro, roc_auc_ovo_macro, average_precision, log_loss, brier,
   * ece, confusion_matrix, class_order, positive_label}, in that order. NaN becomes null.
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accuracy", finite(accuracy));
    m.put("balanced_accuracy", finite(balancedAccuracy));
    m.put("precision", finite(precision));
    m.put("recall", finite(recall));
    m.put("f1", finite(f1));
    m.put("precision_macro", finite(precisionMacro));
    m.put("recall_macro", finite(recallMacro));
    m.put("f1_macro", finite(f1Macro));
    m.put("f1_micro", finite(f1Micro));
    m.put("f1_weighted", finite(f1Weighted));
    m.put("roc_auc", finite(rocAuc));
    m.put("roc_auc_ovr_macro", finite(rocAucOvrMacro));
    m.put("roc_auc_ovo_macro", finite(rocAucOvoMacro));
    m.put("average_precision", finite(averagePrecision));
    m.put("log_loss", finite(logLoss));
    m.put("brier", finite(brier));
    m.put("ece", finite(expectedCalibrationError()));
    List<List<Long>> matrix = new ArrayList<>();
    for (long[] row : confusionMatrix) {
      matrix.add(Arrays.stream(row).boxed().toList());
    }
    m.put("confusion_matrix", matrix);
    m.put("class_order", classOrder);
    m.put("positive_label", positiveLabel);
    return m;
  }

  static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
