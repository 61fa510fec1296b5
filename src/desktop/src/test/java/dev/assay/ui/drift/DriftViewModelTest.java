package dev.assay.ui.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.ui.StoredAnalyses;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Drift screen's model, read without a window from a real workbench. */
class DriftViewModelTest {
  @TempDir Path temp;

  @Test
  void aStoredReportReadsAsPerFeatureVerdictsWithTheOverallVerdictAndDatasets() {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      DriftViewModel vm = new DriftViewModel(w.driftReports(), tasks);
      assertThat(vm.list()).isEmpty();
      assertThat(DriftViewModel.EMPTY)
          .contains("assay drift --model NAME:VERSION --reference D --current D2");

      DatasetVersion train = data(w, "hmda_train.csv");
      DatasetVersion test = data(w, "hmda_test.csv");
      long id = StoredAnalyses.driftReport(w, train, test);

      assertThat(vm.list()).extracting(s -> s.id()).containsExactly(id);
      DriftViewModel.Detail d = vm.detail(id);
      assertThat(d.heading()).isEqualTo("Drift report #" + id);
      assertThat(d.drift()).isTrue();
      assertThat(d.verdict()).isEqualTo("✗ DRIFT: 2 of 3 features drifted");
      assertThat(d.datasets())
          .isEqualTo(
              "reference "
                  + train.ref()
                  + " ("
                  + train.rows()
                  + " rows)  →  current "
                  + test.ref()
                  + " ("
                  + test.rows()
                  + " rows)");
      assertThat(d.settings()).startsWith("α = 0.05, holm correction, created ").endsWith("rita");
      assertThat(d.features())
          .containsExactly(
              new DriftViewModel.FeatureRow(
                  "pirat", "numeric", "KS (exact)", 0.3125, 2.5e-8, 0.3125, "ks", 0.05, true, ""),
              new DriftViewModel.FeatureRow(
                  "chist",
                  "categorical",
                  "chi² (dof 2)",
                  4.75,
                  0.18,
                  0.02,
                  "linf",
                  0.04,
                  true,
                  "missing rate"),
              new DriftViewModel.FeatureRow(
                  "hirat", "numeric", "KS (asymp)", 0.01, Double.NaN, 0.01, "ks", 0.05, false, ""));
      assertThat(d.features())
          .extracting(DriftViewModel.FeatureRow::verdict)
          .containsExactly("✗ drift", "✗ drift (missing rate)", "✓ no drift");
      assertThat(DriftView.pValue(2.5e-8)).isEqualTo("2.5e-08");
      assertThat(DriftView.pValue(Double.NaN)).isEqualTo("–");
    }
  }

  /**
   * A report of {@code assay drift --model M --domain-classifier} against a sketched profile, in
   * the JSON the command writes (DriftDomainDocument, DriftSketchDocument).
   */
  private static final String SKETCHED_WITH_DOMAIN =
      """
      {"reference": {"dataset": "REF", "rows": 1000000}, "current": {"dataset": "CUR", "rows": 1000000},
       "settings": {"alpha": 0.05, "correction": "holm", "mode": "sound"},
       "features": [
        {"name": "n1", "kind": "numeric", "tests": {
           "ks": {"statistic": 0.0612, "p_value": 0.0, "method": "asymp_sketch",
                  "statistic_error": 3.05e-5, "statistic_bounds": [0.06117, 0.06123]},
           "wasserstein_error": 0.002,
           "reference_sketch": {"grid_points": 16384, "max_gap": 6.1e-5, "note": "..."}},
         "p_adjusted": 0.0, "effect": 0.0612, "effect_measure": "ks", "threshold": 0.02, "drift": true},
        {"name": "c1", "kind": "categorical", "tests": {"chi2": {"statistic": 3.1, "p_value": 0.5, "dof": 4}},
         "p_adjusted": 1.0, "effect": 0.001, "effect_measure": "linf", "threshold": 0.02, "drift": false}],
       "domain_classifier": {"method": "logistic_regression", "columns": ["n1"],
         "categorical_columns": ["c1"], "folds": 5, "row_cap": 1000, "reference_rows": 1000,
         "current_rows": 1000, "auc": 0.71234, "fold_aucs": [0.7, 0.72, 0.71, 0.7, 0.73],
         "permutations": 99, "seed": 42, "p_value": 0.01, "alpha": 0.05, "min_auc": 0.55,
         "separating_features": [
           {"name": "n1", "kind": "numeric", "weight": 0.9, "mean_shift_sd": 0.15},
           {"name": "c1", "kind": "categorical", "weight": 0.2, "largest_share_shift": -0.034,
            "category": "b"}],
         "drift": true},
       "drifted_features": ["n1"], "drift": true}
      """;

  @Test
  void theDomainClassifierAndTheSketchNotesAreShown() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      DatasetVersion train = data(w, "hmda_train.csv");
      DatasetVersion test = data(w, "hmda_test.csv");
      long plain = StoredAnalyses.driftReport(w, train, test);
      Object doc =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readValue(SKETCHED_WITH_DOMAIN, java.util.Map.class);
      long id =
          w.driftReports()
              .save(
                  new dev.assay.core.driftreports.DriftReportStore.NewReport(
                      null, null, train.id(), test.id(), true, java.util.List.of("n1"), null, doc),
                  null,
                  train.ref(),
                  test.ref());
      DriftViewModel vm = new DriftViewModel(w.driftReports(), tasks);
      DriftViewModel.Detail d = vm.detail(id);
      assertThat(d.domainClassifier())
          .isEqualTo(
              "✗ DRIFT: Domain classifier (logistic regression, 5-fold, 1000 reference + 1000"
                  + " current rows): AUC 0.7123, permutation p 0.010 (99 permutations); drift when"
                  + " p < 0.05 and AUC ≥ 0.55");
      assertThat(d.separating())
          .containsExactly(
              new DriftViewModel.SeparatingRow(1, "n1", "numeric", 0.9, "mean +0.150 sd"),
              new DriftViewModel.SeparatingRow(
                  2, "c1", "categorical", 0.2, "share of 'b' -3.4 points"));
      assertThat(d.features().get(0).test()).isEqualTo("KS (asymp_sketch, ± 3.1e-05)");
      assertThat(d.features().get(1).test()).isEqualTo("chi² (dof 4)");
      assertThat(d.sketchNote())
          .startsWith(
              "ⓘ 1 numeric feature was compared against a sketch of the reference (16,384 grid"
                  + " values, method asymp_sketch): KS D within ± 3.1e-05")
          .contains("the decision rule is unchanged");

      DriftViewModel.Detail without = vm.detail(plain);
      assertThat(without.domainClassifier()).isEmpty();
      assertThat(without.separating()).isEmpty();
      assertThat(without.sketchNote()).isEmpty();
      assertThat(without.features().get(0).test()).isEqualTo("KS (exact)");
    }
  }

  /**
   * A binary classifier's CBPE part in the keys DriftOutputsDocument writes, one chunk unlabelled.
   */
  private static final String CBPE =
      """
      {"reference": {"dataset": "REF", "rows": 100}, "current": {"dataset": "CUR", "rows": 80},
       "settings": {"alpha": 0.05, "correction": "holm"}, "features": [],
       "estimated_performance": {"method": "cbpe", "positive_label": "1", "threshold": 0.5,
         "calibration": "isotonic", "calibrated": true, "ece_raw": 0.08, "ece_calibrated_cv": 0.02,
         "rows": 80, "accuracy": 0.8, "accuracy_standard_error": 0.05, "precision": 0.7,
         "recall": 0.6, "f1": 0.65, "roc_auc": 0.85, "current_labelled": true,
         "realised": {"accuracy": 0.75, "roc_auc": 0.8, "accuracy_error": 0.05},
         "chunks": [
           {"chunk": "rows 1-40", "rows": 40, "accuracy": 0.9, "accuracy_standard_error": 0.01,
            "roc_auc": 0.95, "realised_accuracy": 0.7, "realised_roc_auc": 0.75, "accuracy_error": 0.2},
           {"chunk": "rows 41-80", "rows": 40, "accuracy": 0.7, "accuracy_standard_error": 0.1,
            "roc_auc": null}]},
       "drift": false}
      """;

  @Test
  void aClassifiersCbpeEstimateReadsAsRowsWithBandsAndTheBackTest() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      DatasetVersion train = data(w, "hmda_train.csv");
      Object doc =
          new com.fasterxml.jackson.databind.ObjectMapper().readValue(CBPE, java.util.Map.class);
      long id =
          w.driftReports()
              .save(
                  new dev.assay.core.driftreports.DriftReportStore.NewReport(
                      null, null, train.id(), train.id(), false, java.util.List.of(), null, doc),
                  null,
                  train.ref(),
                  train.ref());
      EstimatedPerformance.View v =
          new DriftViewModel(w.driftReports(), tasks).detail(id).estimated();
      assertThat(v.metrics()).containsExactly("accuracy", "ROC AUC");
      assertThat(v.summary())
          .startsWith(
              "Estimated performance without labels (CBPE: isotonic-calibrated probabilities, ECE"
                  + " 0.0800 raw, 0.0200 calibrated (5-fold)); band ± 1.96 SE");
      assertThat(v.rows())
          .containsExactly(
              new EstimatedPerformance.Row("all current rows", 80, "accuracy", 0.8, 0.05, 0.75),
              new EstimatedPerformance.Row("rows 1-40", 40, "accuracy", 0.9, 0.01, 0.7),
              new EstimatedPerformance.Row("rows 41-80", 40, "accuracy", 0.7, 0.1, Double.NaN),
              new EstimatedPerformance.Row(
                  "all current rows", 80, "ROC AUC", 0.85, Double.NaN, 0.8),
              new EstimatedPerformance.Row("rows 1-40", 40, "ROC AUC", 0.95, Double.NaN, 0.75),
              new EstimatedPerformance.Row(
                  "rows 41-80", 40, "ROC AUC", Double.NaN, Double.NaN, Double.NaN));
      assertThat(v.rows())
          .extracting(EstimatedPerformance.Row::backTest)
          .containsExactly("✓ in band", "✗ outside band", "no labels", "", "", "no labels");
      assertThat(v.rows().getFirst().lower())
          .isCloseTo(0.8 - 1.96 * 0.05, org.assertj.core.api.Assertions.within(1e-15));
      assertThat(
              new DriftViewModel(w.driftReports(), tasks)
                  .detail(StoredAnalyses.driftReport(w, train, train))
                  .estimated()
                  .summary())
          .isEmpty();
    }
  }

  private static DatasetVersion data(Workbench w, String file) {
    return w.datasets()
        .importDataset(TestModels.sample("data/" + file), null, Progress.NONE, Cancellation.NONE)
        .dataset();
  }
}
