package dev.assay.core.security;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The robustness test's checks on a sample, apart from running them: metamorphic perturbations
 * (scaled and noisy features, kept in each feature's domain), the features whose perturbation
 * changed most predictions, determinism (the same input twice; a batch against single rows) and the
 * findings these yield. {@link RobustnessTester} loads the model and data and puts the report
 * together.
 */
final class RobustnessChecks {
  /** A regression prediction "changed" when it moved by more than this share of its value. */
  static final double REGRESSION_CHANGE = 0.05;

  private static final int SINGLE_ROWS = 100;

  private RobustnessChecks() {}

  static double[][] perturb(
      SampleTable sample, List<Integer> columns, double scale, double noise, long seed) {
    Random random = new Random(seed);
    double[][] values = sample.copyValues();
    for (double[] row : values) {
      for (int j : columns) {
        if (noise > 0) {
          row[j] = sample.constrain(j, row[j] + random.nextGaussian() * noise * sample.std[j]);
        } else {
          row[j] = sample.wholeIfIntegral(j, row[j] * scale);
        }
      }
    }
    return values;
  }

  static List<RobustnessReport.FeatureSensitivity> sensitivities(
      SampleTable sample,
      Predictor predictor,
      Predictor.Outputs baseline,
      List<Integer> mutable,
      double noise,
      long seed,
      boolean regression)
      throws OrtException {
    List<RobustnessReport.FeatureSensitivity> all = new ArrayList<>();
    for (int j : mutable) {
      double[][] values = perturb(sample, List.of(j), 1, noise, seed + j);
      int changed = changed(baseline, predictor.predict(values, sample.texts), regression);
      if (changed > 0) {
        all.add(
            new RobustnessReport.FeatureSensitivity(
                sample.columns.get(j), (double) changed / sample.rows()));
      }
    }
    all.sort(
        Comparator.comparingDouble(RobustnessReport.FeatureSensitivity::changedRate).reversed());
    return List.copyOf(all.subList(0, Math.min(5, all.size())));
  }

  /** Rows whose prediction changed: another class, or a value that moved more than 5%. */
  static int changed(Predictor.Outputs before, Predictor.Outputs after, boolean regression) {
    int changed = 0;
    int n = regression ? before.values().length : before.labels().length;
    for (int i = 0; i < n; i++) {
      if (regression) {
        double was = before.values()[i];
        double now = after.values()[i];
        double allowed = REGRESSION_CHANGE * Math.abs(was);
        if (!(Math.abs(now - was) <= allowed) && !(was == now)) {
          changed++;
        }
      } else if (before.labels()[i] != after.labels()[i]) {
        changed++;
      }
    }
    return changed;
  }

  static List<RobustnessReport.DeterminismCheck> determinism(
      SampleTable sample, Predictor predictor, Predictor.Outputs baseline) throws OrtException {
    List<RobustnessReport.DeterminismCheck> checks = new ArrayList<>();
    Predictor.Outputs again = predictor.predict(sample.values, sample.texts);
    double twice = maxDifference(baseline, again, sample.rows());
    checks.add(
        new RobustnessReport.DeterminismCheck(
            "same_input_twice",
            twice == 0 ? "same" : "different",
            twice,
            sample.rows() + " rows scored twice"));
    if (predictor.fixedBatch() > 1) {
      checks.add(
          new RobustnessReport.DeterminismCheck(
              "batch_vs_single_row",
              "skipped",
              0,
              "the model takes batches of exactly " + predictor.fixedBatch() + " rows"));
      return checks;
    }
    int n = Math.min(SINGLE_ROWS, sample.rows());
    double[][] values = java.util.Arrays.copyOf(sample.values, n);
    String[][] texts = java.util.Arrays.copyOf(sample.texts, n);
    Predictor.Outputs single = predictor.predict(values, texts, 1);
    double difference = maxDifference(baseline, single, n);
    boolean labelsDiffer = false;
    for (int i = 0; i < n && baseline.labels() != null; i++) {
      labelsDiffer |= baseline.labels()[i] != single.labels()[i];
    }
    checks.add(
        new RobustnessReport.DeterminismCheck(
            "batch_vs_single_row",
            labelsDiffer || difference > 1e-5 ? "different" : "same",
            difference,
            n + " rows scored one at a time against the same rows in batches (tolerance 1e-5)"));
    return checks;
  }

  static double maxDifference(Predictor.Outputs a, Predictor.Outputs b, int rows) {
    double max = 0;
    int width = a.width();
    for (int k = 0; k < rows * width && k < a.raw().length && k < b.raw().length; k++) {
      double x = a.raw()[k];
      double y = b.raw()[k];
      if (Double.isNaN(x) && Double.isNaN(y)) {
        continue;
      }
      double d = Math.abs(x - y);
      max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
    }
    return max;
  }

  static FindingList findings(
      List<RobustnessReport.Perturbation> perturbations,
      List<RobustnessReport.FuzzCase> fuzz,
      List<RobustnessReport.DeterminismCheck> determinism) {
    FindingList findings = new FindingList();
    for (RobustnessReport.Perturbation p : perturbations) {
      if (!p.verdict().equals("pass")) {
        findings.add(
            p.verdict().equals("major")
                ? SecurityCheck.PERTURBATION_MAJOR
                : SecurityCheck.PERTURBATION_ISSUE,
            String.format(
                    Locale.ROOT,
                    "%s (%s) changed %d predictions (%.1f%%)",
                    p.test(),
                    p.description(),
                    p.changedRows(),
                    100 * p.changedRate())
                + (p.mostSensitive().isEmpty()
                    ? ""
                    : "; most sensitive: " + p.mostSensitive().getFirst().feature()));
      }
    }
    List<String> failed =
        fuzz.stream()
            .filter(f -> f.outcome().equals("non_finite_output") || f.outcome().equals("failed"))
            .map(f -> f.input() + ": " + f.outcome())
            .toList();
    if (!failed.isEmpty()) {
      findings.add(SecurityCheck.FUZZ_INPUT_FAILED, String.join("; ", failed));
    }
    for (RobustnessReport.DeterminismCheck check : determinism) {
      if (check.outcome().equals("different")) {
        findings.add(
            SecurityCheck.NONDETERMINISTIC,
            check.check() + ": outputs differ by up to " + check.maxDifference());
      }
    }
    return findings;
  }
}
