package dev.assay.core.metrics;

/**
 * One class's row of {@code precision_recall_fscore_support(average=None, zero_division=0)}.
 *
 * @param label the class label
 * @param precision tp / (tp + fp), 0 when nothing was predicted as this class
 * @param recall tp / (tp + fn), 0 when the class has no true rows
 * @param f1 2tp / (2tp + fp + fn), 0 when that is 0/0
 * @param support number of rows whose true class is this class
 */
public record PerClass(String label, double precision, double recall, double f1, long support) {}
