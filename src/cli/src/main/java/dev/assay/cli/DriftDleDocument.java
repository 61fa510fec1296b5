package dev.assay.cli;

import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.ColumnType;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.CbpeChunks;
import dev.assay.core.drift.ChunkReader;
import dev.assay.core.drift.Chunking;
import dev.assay.core.drift.Dle;
import dev.assay.core.drift.DleChunks;
import dev.assay.core.drift.NumericColumns;
import dev.assay.core.driftreports.DleReportPart;
import dev.assay.core.driftreports.RunOutputs;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code estimated_performance} part of {@code assay drift --model} for a regression model:
 * Direct Loss Estimation ({@link Dle}) fitted on the reference run's labelled rows with the numeric
 * and categorical columns both datasets share (the target left out; categorical ones one-hot,
 * {@link DleCategories}), estimating MAE and RMSE on the current run's rows, with the realised
 * metrics beside them where the current run has labels (the back-test), overall and per chunk.
 */
final class DriftDleDocument {
  private DriftDleDocument() {}

  /**
   * Puts {@code estimated_performance} (or an {@code outputs_note} why there is none) in {@code
   * doc}; returns the part, or null.
   */
  static Map<String, Object> add(
      Map<String, Object> doc,
      Workbench workbench,
      RunOutputs.Loaded r,
      RunOutputs.Loaded c,
      DatasetVersion ref,
      DatasetVersion cur,
      Chunking chunking) {
    List<String> names = new ArrayList<>();
    List<String> textNames = new ArrayList<>();
    for (ColumnProfile col : ref.profile().columns()) {
      ColumnType there = cur.profile().column(col.name()).map(ColumnProfile::type).orElse(null);
      if (there == null || col.name().equals(r.target())) {
        continue;
      }
      if (col.type() == ColumnType.CATEGORICAL && there == ColumnType.CATEGORICAL) {
        textNames.add(col.name());
      } else if (col.type() != ColumnType.CATEGORICAL && there != ColumnType.CATEGORICAL) {
        names.add(col.name());
      }
    }
    double[] refActual = actual(r.outputs().target());
    Side reference =
        Side.of(
            NumericColumns.read(workbench.datasets().file(ref), names),
            text(workbench, ref, textNames),
            r.outputs().score(),
            refActual,
            r.dataRows(),
            true);
    Side current =
        Side.of(
            NumericColumns.read(workbench.datasets().file(cur), names),
            text(workbench, cur, textNames),
            c.outputs().score(),
            actual(c.outputs().target()),
            c.dataRows(),
            false);
    Dle.Fitted fitted;
    try {
      fitted =
          Dle.fit(
              reference.features,
              reference.categories,
              reference.prediction,
              reference.actual,
              Dle.MAX_FIT_ROWS);
      if (current.prediction.length == 0) {
        throw new IllegalArgumentException("the current run has no finite prediction");
      }
    } catch (IllegalArgumentException refused) {
      doc.put("outputs_note", "no performance estimate: " + refused.getMessage());
      return null;
    }
    Dle.Estimate estimate =
        fitted.estimate(current.features, current.categories, current.prediction);
    int[] all = new int[current.prediction.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    Dle.Realised realised = DleChunks.realised(current.prediction, current.actual, all);
    List<DleChunks.Chunk> chunks = null;
    Long unassigned = null;
    if (chunking instanceof Chunking.Period) {
      ChunkReader.Assignment assignment =
          ChunkReader.assign(DriftInputs.source(workbench, cur), chunking);
      chunks =
          DleChunks.of(
              fitted,
              current.features,
              current.categories,
              current.prediction,
              current.actual,
              current.rows,
              assignment);
      unassigned = CbpeChunks.unassigned(current.rows, assignment);
    } else if (chunking != null) {
      chunks =
          DleChunks.of(
              fitted,
              current.features,
              current.categories,
              current.prediction,
              current.actual,
              chunking);
    }
    Map<String, Object> e =
        DleReportPart.of(
            fitted, names, textNames, reference.prediction.length, estimate, realised, chunks);
    if (unassigned != null) {
      e.put("unassigned_rows", unassigned);
    }
    doc.put("estimated_performance", e);
    return e;
  }

  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, Map<String, Object> e) {
    if (e == null) {
      return;
    }
    Map<String, Object> realised = (Map<String, Object>) e.get("realised");
    Object rmseSe = e.get("rmse_standard_error");
    out.printf(
        Locale.ROOT,
        "Estimated performance (DLE): MAE %.4f ± %.4f, RMSE %.4f ± %.4f%s%n",
        (Double) e.get("mae"),
        1.96 * (Double) e.get("mae_standard_error"),
        (Double) e.get("rmse"),
        rmseSe == null ? Double.NaN : 1.96 * (Double) rmseSe,
        realised == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; realised MAE %.4f, RMSE %.4f",
                (Double) realised.get("mae"),
                (Double) realised.get("rmse")));
  }

  private static String[][] text(Workbench workbench, DatasetVersion d, List<String> names) {
    return names.isEmpty()
        ? new String[0][]
        : NumericColumns.text(workbench.datasets().file(d), names);
  }

  /** The target cells as numbers (NaN: none or not a number); null when the run has no target. */
  private static double[] actual(String[] target) {
    if (target == null) {
      return null;
    }
    double[] out = new double[target.length];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = target[i] == null ? Double.NaN : Double.parseDouble(target[i]);
      } catch (NumberFormatException e) {
        out[i] = Double.NaN;
      }
    }
    return out;
  }

  /**
   * The scored rows with a finite prediction (and, for the reference, a finite target), their
   * feature values joined by data row number, their targets (NaN: none; null: no labels at all).
   */
  private record Side(
      double[][] features,
      String[][] categories,
      double[] prediction,
      double[] actual,
      long[] rows) {
    static Side of(
        double[][] columns,
        String[][] text,
        double[] prediction,
        double[] actual,
        long[] dataRows,
        boolean labelledOnly) {
      int n = 0;
      for (int i = 0; i < prediction.length; i++) {
        n += keep(prediction, actual, labelledOnly, i) ? 1 : 0;
      }
      double[][] f = new double[columns.length][n];
      String[][] t = new String[text.length][n];
      double[] p = new double[n];
      double[] a = actual == null ? null : new double[n];
      long[] rows = new long[n];
      int k = 0;
      for (int i = 0; i < prediction.length; i++) {
        if (!keep(prediction, actual, labelledOnly, i)) {
          continue;
        }
        long at = dataRows[i] - 1;
        for (int j = 0; j < columns.length; j++) {
          f[j][k] = at >= 0 && at < columns[j].length ? columns[j][(int) at] : Double.NaN;
        }
        for (int j = 0; j < text.length; j++) {
          t[j][k] = at >= 0 && at < text[j].length ? text[j][(int) at] : null;
        }
        p[k] = prediction[i];
        if (a != null) {
          a[k] = actual[i];
        }
        rows[k] = dataRows[i];
        k++;
      }
      return new Side(f, t, p, a, rows);
    }

    private static boolean keep(double[] prediction, double[] actual, boolean labelledOnly, int i) {
      return Double.isFinite(prediction[i])
          && (!labelledOnly || (actual != null && Double.isFinite(actual[i])));
    }
  }
}
