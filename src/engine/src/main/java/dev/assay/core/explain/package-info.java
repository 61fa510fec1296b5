/**
 * Explanations: interventional Shapley attributions of a model's output over a background set.
 *
 * <p>A model is a batched function f(X) ({@link dev.assay.core.explain.ModelFunction}); a feature
 * is one of the user's columns. The value of a coalition S is {@code v(S) = mean_b f(x_S, b_notS)}
 * ({@link dev.assay.core.explain.CoalitionGame}), evaluated for many coalitions in one batch.
 * Attributions come from exact enumeration ({@link dev.assay.core.explain.ExactShapley}),
 * KernelSHAP with paired sampling and standard errors ({@link dev.assay.core.explain.KernelShap})
 * or, for a model linear before a final sigmoid or softmax, the closed form in log-odds {@code w_i
 * (x_i − mean_i)} ({@link dev.assay.core.explain.LinearLogit}). Efficiency {@code Σφ = f(x) − mean
 * f(B)} is checked on every row. No JavaFX, database, workbook or command-line types here.
 */
package dev.assay.core.explain;
