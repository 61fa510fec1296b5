package dev.assay.ui.common;

/** The screens of the main window, in navigation order. */
public enum ScreenKind {
  OVERVIEW(
      "Overview",
      true,
      "Per model version: evaluated, compared, fairness, security, drift, explained, signed off."),
  MODELS("Models", true, "Import, version and inspect ONNX models."),
  DATASETS(
      "Datasets",
      true,
      "Import test datasets (CSV, gzip), see their profile and data-quality findings before a run."),
  EVALUATIONS(
      "Evaluations",
      true,
      "Run a dataset through a model version on CPU or GPU and see metrics, confusion matrix, ROC and PR curves."),
  COMPARE(
      "Compare",
      true,
      "Compare model versions side by side in live charts, with significance tests."),
  FAIRNESS(
      "Fairness",
      true,
      "Group fairness of a model version: per-group rates, disparities and verdicts."),
  SECURITY(
      "Security",
      true,
      "Scan model files before they are trusted: structure, external data, secrets, signature,"
          + " isolated loading."),
  DRIFT(
      "Drift",
      true,
      "Stored drift reports: per-feature tests, effect sizes and verdicts, reference against"
          + " current data."),
  EXPLANATIONS(
      "Explanations",
      true,
      "Stored explanations: global importance (mean |phi|), efficiency check and reason codes."),
  REPORTS("Reports", true, "Compliance workbooks (XLSX), audit trail and reviewer sign-off."),
  MONITORING(
      "Monitoring",
      true,
      "Monitored streams of deployed versions: per window accuracy, drift and alerts, updated while"
          + " a monitor runs.");

  private final String title;
  private final boolean available;
  private final String purpose;

  ScreenKind(String title, boolean available, String purpose) {
    this.title = title;
    this.available = available;
    this.purpose = purpose;
  }

  public String title() {
    return title;
  }

  public boolean available() {
    return available;
  }

  public String purpose() {
    return purpose;
  }
}
