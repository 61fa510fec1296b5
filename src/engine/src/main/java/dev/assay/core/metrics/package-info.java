/**
 * Mergeable metric accumulators: {@code add(batch)}, {@code merge(other)}, {@code snapshot()}.
 * Workers each fill their own accumulator; merging gives the same result as one accumulator over
 * all rows (counts and curves exactly, sums to within a rounding).
 *
 * <p>Definitions are scikit-learn's, checked against scikit-learn 1.2.1 by golden tests ({@code
 * src/engine/src/test/resources/golden/make_golden.py}):
 *
 * <ul>
 *   <li>{@code accuracy_score}; {@code balanced_accuracy_score} (mean recall over the classes
 *       present in the true labels); {@code precision_recall_fscore_support} with {@code
 *       zero_division=0}, binary for the positive class and macro, micro and weighted over all
 *       declared classes; {@code confusion_matrix} with rows = true class.
 *   <li>ROC AUC exact (trapezoid over distinct thresholds, ties count one half); multiclass
 *       one-vs-rest macro (NaN when a class is absent from the true labels, where scikit-learn
 *       raises) and one-vs-one macro after Hand &amp; Till over the classes present. Binary ROC AUC
 *       is NaN when only one class is present (scikit-learn raises).
 *   <li>{@code average_precision_score}: {@code sum_n (R_n - R_{n-1}) P_n}, no interpolation; 0
 *       when there are no positives (as scikit-learn). Multiclass: macro mean of one-vs-rest AP
 *       (scikit-learn 1.3+), NaN when a class is absent from the true labels.
 *   <li>{@code log_loss}: probabilities clipped to [1e-15, 1 - 1e-15] (scikit-learn 1.2's {@code
 *       eps}), then each row renormalised to sum 1. Later scikit-learn versions clip at the float
 *       dtype's eps and do not renormalise; results differ only for rows that do not sum to 1 or
 *       hold probabilities under 1e-15.
 *   <li>Brier: binary {@code brier_score_loss} on the positive-class probability; multiclass the
 *       mean over rows of {@code sum_c (p_c - y_c)^2} (which is twice the binary value for two
 *       classes).
 *   <li>Curves: {@code roc_curve(drop_intermediate=True)} whose first threshold is max score + 1
 *       (scikit-learn 1.2; 1.3+ uses +inf), {@code precision_recall_curve}, and {@code
 *       calibration_curve(n_bins=10, strategy='uniform')} with expected calibration error {@code
 *       sum(count / n * |prob_true - prob_pred|)}; multiclass calibration is top-label.
 *   <li>Regression: {@code mean_absolute_error}, {@code mean_squared_error}, RMSE = sqrt(MSE),
 *       {@code r2_score}, {@code median_absolute_error}, {@code max_error}, {@code
 *       mean_absolute_percentage_error}.
 * </ul>
 *
 * Probabilities arrive as float (what ONNX models return) and are computed on as double.
 */
package dev.assay.core.metrics;
