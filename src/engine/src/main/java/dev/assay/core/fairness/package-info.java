/**
 * Group fairness of a stored evaluation run: per-group figures, disparities with bootstrap
 * intervals, significance tests and verdicts, threshold analysis, and comparison across versions.
 *
 * <p>Definitions follow Fairlearn and Aequitas (selection rate = share predicted the positive
 * class; demographic parity difference = max - min selection rate, ratio = min / max; equal
 * opportunity difference = max - min TPR; equalized odds difference = the larger of the TPR and FPR
 * gaps) and AIF360 (disparate impact = favourable-rate ratio to the reference group, judged by the
 * four-fifths rule; average odds difference = mean of the FPR and TPR differences to the reference
 * group; Theil index = generalised entropy index with alpha 1 on benefits {@code yhat - y + 1} in
 * favourable terms). Rates with a zero denominator are undefined (NaN) and left out of the gaps.
 * Groups under the minimum size are shown and flagged, never judged. Checked against an independent
 * numpy/scipy implementation ({@code
 * src/engine/src/test/resources/golden/make_fairness_golden.py}).
 */
package dev.assay.core.fairness;
