package dev.assay.cli;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.Cbpe;
import dev.assay.core.drift.CbpeChunks;
import dev.assay.core.drift.ChunkReader;
import dev.assay.core.drift.Chunking;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureDrift;
import dev.assay.core.drift.OutputDrift;
import dev.assay.core.drift.RealisedPerformance;
import dev.assay.core.driftreports.RunOutputs;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code prediction}, {@code target} and {@code estimated_performance} parts of {@code assay
 * drift --model}: the model's outputs from its newest completed evaluation run on each dataset.
 */
final class DriftOutputsDocument {
  /** What was added, for the text output and the verdict. */
  record Added(
      DriftReport report,
      Cbpe.Estimate estimate,
      RealisedPerformance realised,
      Map<String, Object> dle) {}

  private DriftOutputsDocument() {}

  /**
   * Adds the parts to {@code doc} (null parts with a {@code outputs_note} when a run is missing).
   */
  static Added add(
      Map<String, Object> doc,
      Workbench workbench,
      ModelVersion version,
      DatasetVersion ref,
      DatasetVersion cur,
      DriftSettings settings) {
    return add(doc, workbench, version, ref, cur, settings, null);
  }

  /**
   * As above; with {@code chunking} (rows or count) the estimate is also given per chunk of the
   * current run's scored rows, under {@code estimated_performance.chunks}.
   */
  static Added add(
      Map<String, Object> doc,
      Workbench workbench,
      ModelVersion version,
      DatasetVersion ref,
      DatasetVersion cur,
      DriftSettings settings,
      Chunking chunking) {
    RunOutputs outputs = new RunOutputs(workbench.runs(), workbench.scratch().folder());
    Optional<RunOutputs.Loaded> r = outputs.newest(version, ref);
    Optional<RunOutputs.Loaded> c = outputs.newest(version, cur);
    doc.put("prediction", null);
    doc.put("target", null);
    doc.put("estimated_performance", null);
    if (r.isEmpty() || c.isEmpty()) {
      doc.put(
          "outputs_note",
          "no completed evaluation run of "
              + version.ref()
              + " on "
              + (r.isEmpty() ? ref.ref() : cur.ref())
              + "; run `assay eval` there for prediction drift and estimated performance");
      return null;
    }
    doc.put("reference_run", r.get().runId());
    doc.put("current_run", c.get().runId());
    DriftReport report = OutputDrift.run(r.get().outputs(), c.get().outputs(), settings);
    List<Object> prediction = new ArrayList<>();
    for (FeatureDrift f : report.features()) {
      if (f.name().equals(OutputDrift.TARGET)) {
        doc.put("target", DriftDocument.feature(f));
      } else {
        prediction.add(DriftDocument.feature(f));
      }
    }
    doc.put("prediction", prediction);
    Cbpe.Estimate estimate = null;
    RealisedPerformance realised = null;
    if (r.get().outputs().numericTarget()
        && r.get().outputs().target() != null
        && r.get().outputs().score() != null
        && c.get().outputs().score() != null) {
      // a regression model: direct loss estimation of MAE and RMSE
      return new Added(
          report,
          null,
          null,
          DriftDleDocument.add(doc, workbench, r.get(), c.get(), ref, cur, chunking));
    }
    if (r.get().truth() == null && r.get().outputs().score() != null) {
      doc.put(
          "outputs_note",
          "no performance estimate: the reference run "
              + r.get().runId()
              + " has no labels (CBPE calibrates on the reference's labels)");
    }
    if (r.get().truth() != null && c.get().outputs().score() != null) {
      Scored ref1 = Scored.of(r.get().outputs().score(), r.get().truth(), r.get().dataRows());
      Scored cur1 = Scored.of(c.get().outputs().score(), c.get().truth(), c.get().dataRows());
      Cbpe.Fitted fitted;
      try {
        fitted = Cbpe.fit(ref1.score, ref1.truth, 0.5);
      } catch (IllegalArgumentException refused) {
        doc.put("outputs_note", "no performance estimate: " + refused.getMessage());
        return new Added(report, null, null, null);
      }
      estimate = fitted.estimate(cur1.score);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("method", "cbpe");
      e.put("positive_label", r.get().positiveLabel());
      e.put("threshold", 0.5);
      e.put("calibration", "isotonic");
      e.put("calibrated", fitted.calibrated());
      e.put("ece_raw", fitted.eceRaw());
      e.put("ece_calibrated_cv", fitted.eceCalibrated());
      e.put("rows", estimate.rows());
      e.put("accuracy", estimate.accuracy());
      e.put("accuracy_standard_error", estimate.accuracyStandardError());
      e.put("precision", estimate.precision());
      e.put("recall", estimate.recall());
      e.put("f1", estimate.f1());
      e.put("roc_auc", estimate.rocAuc());
      e.put("current_labelled", c.get().truth() != null);
      if (c.get().truth() != null) {
        int[] predicted = new int[cur1.score.length];
        for (int i = 0; i < predicted.length; i++) {
          predicted[i] = cur1.score[i] >= 0.5 ? 1 : 0;
        }
        realised = RealisedPerformance.of(cur1.truth, predicted, cur1.score);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", realised.accuracy());
        m.put("precision", number(realised.precision()));
        m.put("recall", number(realised.recall()));
        m.put("f1", number(realised.f1()));
        m.put("roc_auc", number(realised.rocAuc()));
        m.put("accuracy_error", estimate.accuracy() - realised.accuracy());
        m.put("roc_auc_error", number(estimate.rocAuc() - realised.rocAuc()));
        e.put("realised", m);
      }
      if (chunking != null) {
        e.put("chunks", chunks(fitted, cur1, chunking, workbench, cur, e));
      }
      doc.put("estimated_performance", e);
    }
    return new Added(report, estimate, realised, null);
  }

  static void print(PrintWriter out, Added added) {
    if (added == null) {
      return;
    }
    out.println();
    out.println("Model outputs (prediction and target drift):");
    for (FeatureDrift f : added.report().features()) {
      out.printf(
          Locale.ROOT,
          "  %-18s effect %.4f  threshold %.4f  p_adj %.3g  %s%n",
          f.name(),
          f.statistics().effect(),
          f.threshold(),
          f.pAdjusted(),
          f.drift() ? "DRIFT" : "ok");
    }
    DriftDleDocument.print(out, added.dle());
    if (added.estimate() != null) {
      Cbpe.Estimate e = added.estimate();
      out.printf(
          Locale.ROOT,
          "Estimated performance (CBPE): accuracy %.4f ± %.4f, ROC AUC %.4f%s%n",
          e.accuracy(),
          1.96 * e.accuracyStandardError(),
          e.rocAuc(),
          added.realised() == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; realised accuracy %.4f, ROC AUC %.4f",
                  added.realised().accuracy(),
                  added.realised().rocAuc()));
    }
  }

  /**
   * Per chunk: its rows, the estimate and, with labels, the realised metrics. Period chunks join
   * the current dataset's timestamp column to the run's rows by data row number ({@code
   * unassigned_rows}: scored rows with no date).
   */
  private static Object chunks(
      Cbpe.Fitted fitted,
      Scored current,
      Chunking chunking,
      Workbench workbench,
      DatasetVersion cur,
      Map<String, Object> estimate) {
    List<CbpeChunks.Chunk> chunks;
    if (chunking instanceof Chunking.Period) {
      ChunkReader.Assignment assignment =
          ChunkReader.assign(DriftInputs.source(workbench, cur), chunking);
      chunks = CbpeChunks.of(fitted, current.score, current.truth, current.rows, assignment);
      estimate.put("unassigned_rows", CbpeChunks.unassigned(current.rows, assignment));
    } else {
      chunks = CbpeChunks.of(fitted, current.score, current.truth, chunking);
    }
    List<Object> out = new ArrayList<>();
    for (CbpeChunks.Chunk c : chunks) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("chunk", c.label());
      m.put("rows", c.estimate().rows());
      m.put("accuracy", c.estimate().accuracy());
      m.put("accuracy_standard_error", c.estimate().accuracyStandardError());
      m.put("precision", number(c.estimate().precision()));
      m.put("recall", number(c.estimate().recall()));
      m.put("f1", number(c.estimate().f1()));
      m.put("roc_auc", number(c.estimate().rocAuc()));
      if (c.realised() != null) {
        m.put("realised_accuracy", c.realised().accuracy());
        m.put("realised_roc_auc", number(c.realised().rocAuc()));
        m.put("accuracy_error", c.estimate().accuracy() - c.realised().accuracy());
      }
      out.add(m);
    }
    return out;
  }

  private static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /**
   * The rows with a finite score (truth null: the run has no labels) and their data row numbers.
   */
  private record Scored(double[] score, int[] truth, long[] rows) {
    static Scored of(double[] score, int[] truth, long[] dataRows) {
      int n = 0;
      for (double s : score) {
        n += Double.isFinite(s) ? 1 : 0;
      }
      double[] s1 = new double[n];
      int[] t1 = new int[n];
      long[] r1 = new long[n];
      int k = 0;
      for (int i = 0; i < score.length; i++) {
        if (Double.isFinite(score[i])) {
          s1[k] = score[i];
          r1[k] = dataRows[i];
          if (truth != null) {
            t1[k] = truth[i];
          }
          k++;
        }
      }
      return new Scored(s1, truth == null ? null : t1, r1);
    }
  }
}
