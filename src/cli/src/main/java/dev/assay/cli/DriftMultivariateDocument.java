package dev.assay.cli;

import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.ColumnType;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.NumericColumns;
import dev.assay.core.drift.PcaReconstruction;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code multivariate} part of {@code assay drift --multivariate}: PCA reconstruction error of
 * the numeric columns both datasets share, reference and current cut into chunks of the same row
 * count (a tenth of the reference, at least 100 rows), drift when a current chunk leaves the
 * reference chunks' mean ± 3 sd.
 */
final class DriftMultivariateDocument {
  private DriftMultivariateDocument() {}

  /** Adds {@code multivariate} to {@code doc}; returns whether it drifted. */
  static boolean add(
      Map<String, Object> doc,
      Workbench workbench,
      DatasetVersion ref,
      DatasetVersion cur,
      List<String> features) {
    List<String> names = new ArrayList<>();
    for (String f : features) {
      boolean numeric =
          ref.profile().column(f).map(ColumnProfile::type).orElse(ColumnType.CATEGORICAL)
              != ColumnType.CATEGORICAL;
      if (numeric) {
        names.add(f);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", "pca_reconstruction");
    m.put("columns", names);
    if (names.size() < 2) {
      m.put("note", "fewer than two numeric columns");
      doc.put("multivariate", m);
      return false;
    }
    double[][] r = NumericColumns.read(workbench.datasets().file(ref), names);
    double[][] c = NumericColumns.read(workbench.datasets().file(cur), names);
    PcaReconstruction pca = PcaReconstruction.fit(r);
    int size = Math.max(100, r[0].length / 10);
    double[] refChunks = pca.chunkErrors(r, size);
    double[] curChunks = pca.chunkErrors(c, size);
    double[] band = PcaReconstruction.band(refChunks);
    boolean drift = false;
    for (double e : curChunks) {
      drift |= e < band[0] || e > band[1];
    }
    m.put("variance_kept", PcaReconstruction.VARIANCE_KEPT);
    m.put("components", pca.components());
    m.put("explained_variance_ratio", pca.explainedVarianceRatio());
    m.put("reference_error", pca.error(r));
    m.put("current_error", pca.error(c));
    m.put("chunk_rows", size);
    m.put("lower", band[0]);
    m.put("upper", band[1]);
    m.put("reference_chunks", refChunks);
    m.put("current_chunks", curChunks);
    m.put("drift", drift);
    doc.put("multivariate", m);
    return drift;
  }

  /** The text line of the part, if the document has one. */
  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, Map<String, Object> doc) {
    Object part = doc.get("multivariate");
    if (!(part instanceof Map<?, ?>)) {
      return;
    }
    Map<String, Object> m = (Map<String, Object>) part;
    if (!m.containsKey("drift")) {
      out.println();
      out.println("Multivariate: " + m.get("note"));
      return;
    }
    out.printf(
        Locale.ROOT,
        "%nMultivariate (PCA reconstruction, %d components): reference %.4f, current %.4f,"
            + " band [%.4f, %.4f]: %s%n",
        (Integer) m.get("components"),
        (Double) m.get("reference_error"),
        (Double) m.get("current_error"),
        (Double) m.get("lower"),
        (Double) m.get("upper"),
        Boolean.TRUE.equals(m.get("drift")) ? "DRIFT" : "ok");
  }
}
