package dev.assay.core.compare;

import dev.assay.core.eval.EvaluationResult;
import java.util.List;

/**
 * A finished (or reopened) comparison: its report and each model's evaluation result, in model
 * order.
 */
public record Comparison(ComparisonReport report, List<EvaluationResult> results) {}
