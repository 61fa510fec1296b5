package dev.assay.core.report;

import dev.assay.core.AssayException;
import java.util.Locale;

/**
 * The kinds of evidence a compliance workbook can hold, named as in the crosswalk data ({@code
 * reports/crosswalk.csv}, column {@code evidence}).
 */
public enum Evidence {
  /** The model card: owner, intended use, out-of-scope uses, limitations. */
  CARD("Model card", "Summary"),
  /** Model identity: name, version and SHA-256 of the file. */
  ID("Model identity and SHA-256", "Summary"),
  /** Test-set performance with bootstrap confidence intervals. */
  PERF("Performance with 95% CIs", "Performance"),
  /** Version comparison with significance tests. */
  CMP("Version comparison", "Comparison"),
  /** Group fairness metrics and four-fifths indicators. */
  FAIR("Group fairness", "Fairness"),
  /** Explanations: Shapley attributions, global importance, reason codes. */
  XAI("Explanations", "Explanations"),
  /**
   * Adverse-action reasons: each denied row's principal reasons as statements, with proxy flags
   * against the sensitive attributes ({@code assay explain --reasons}).
   */
  REASONS("Adverse-action reasons", "Explanations"),
  /** Security scan of the model file. */
  SEC("Security scan", "Security"),
  /** Adversarial and perturbation robustness. */
  ADV("Robustness", "Security"),
  /** Dataset profile and data-quality findings of the test data. */
  DQ("Data profile and findings", "Data"),
  /** Hashes and versions needed to reproduce the run. */
  PROV("Provenance", "Provenance"),
  /** The tamper-evident audit trail of the model version. */
  AUDIT("Audit trail", "Audit trail"),
  /** Reviewer sign-off. */
  SIGN("Reviewer sign-off", "Sign-off"),
  /** Data drift of current data against the model version's reference (a stored drift report). */
  DRIFT("Data drift", "Drift"),
  /** Live monitoring of the deployed version: stored windows and fired alerts. */
  MON("Live monitoring", "Monitoring");

  private final String label;
  private final String sheet;

  Evidence(String label, String sheet) {
    this.label = label;
    this.sheet = sheet;
  }

  /** Words for a link to this evidence. */
  public String label() {
    return label;
  }

  /** The sheet that holds it, or null when no sheet can. */
  public String sheet() {
    return sheet;
  }

  /** Parses a key of the crosswalk data ({@code PERF}, {@code fair}...). */
  public static Evidence of(String key) {
    try {
      return valueOf(key.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new AssayException(
          "unknown evidence key '"
              + key
              + "' (known: CARD, ID, PERF, CMP, FAIR, XAI, REASONS, SEC, ADV, DQ, PROV, AUDIT, SIGN, DRIFT, MON)");
    }
  }
}
