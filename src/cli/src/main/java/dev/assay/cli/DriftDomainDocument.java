package dev.assay.cli;

import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.ColumnType;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.DomainClassifier;
import dev.assay.core.drift.NumericColumns;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code domain_classifier} part of {@code assay drift --domain-classifier}: a logistic
 * regression tells current rows from reference rows on the columns both share (numeric ones
 * standardised and squared, categorical ones one-hot) ({@link DomainClassifier}); drift when its
 * permutation p-value is below 0.05 and its AUC at least 0.55.
 */
final class DriftDomainDocument {
  private static final double ALPHA = 0.05;

  private DriftDomainDocument() {}

  /** Adds {@code domain_classifier} to {@code doc}; returns whether it drifted. */
  static boolean add(
      Map<String, Object> doc,
      Workbench workbench,
      DatasetVersion ref,
      DatasetVersion cur,
      List<String> features,
      long seed) {
    List<String> names = new ArrayList<>();
    List<String> textNames = new ArrayList<>();
    for (String f : features) {
      ColumnType type = ref.profile().column(f).map(ColumnProfile::type).orElse(null);
      if (type == ColumnType.NUMERIC) {
        names.add(f);
      } else if (type == ColumnType.CATEGORICAL) {
        textNames.add(f);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", "logistic_regression");
    m.put("columns", names);
    m.put("categorical_columns", textNames);
    m.put(
        "features",
        "standardised value and its square per numeric column; per categorical column one-hot of"
            + " its "
            + DomainClassifier.TOP_CATEGORIES
            + " most frequent categories in the pooled sample (missing is a category) and 'other'");
    m.put("penalty_l2", 1.0);
    m.put("folds", DomainClassifier.FOLDS);
    m.put("row_cap", DomainClassifier.ROW_CAP);
    if (names.isEmpty() && textNames.isEmpty()) {
      m.put("note", "no numeric or categorical column");
      doc.put("domain_classifier", m);
      return false;
    }
    double[][] r = NumericColumns.read(workbench.datasets().file(ref), names);
    double[][] c = NumericColumns.read(workbench.datasets().file(cur), names);
    String[][] rt =
        textNames.isEmpty()
            ? new String[0][]
            : NumericColumns.text(workbench.datasets().file(ref), textNames);
    String[][] ct =
        textNames.isEmpty()
            ? new String[0][]
            : NumericColumns.text(workbench.datasets().file(cur), textNames);
    DomainClassifier.Result result;
    try {
      result =
          DomainClassifier.run(
              names, r, c, textNames, rt, ct, seed, DomainClassifier.PERMUTATIONS, ALPHA);
    } catch (IllegalArgumentException e) {
      m.put("note", e.getMessage());
      doc.put("domain_classifier", m);
      return false;
    }
    m.put("reference_rows", result.referenceRows());
    m.put("current_rows", result.currentRows());
    m.put("auc", result.auc());
    m.put("fold_aucs", result.foldAucs());
    m.put("permutations", result.permutations());
    m.put("seed", result.seed());
    m.put("p_value", result.pValue());
    m.put("alpha", result.alpha());
    m.put("min_auc", DomainClassifier.MIN_AUC);
    List<Object> separating = new ArrayList<>();
    for (DomainClassifier.Separation s : result.separations()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", s.name());
      e.put("kind", s.categorical() ? "categorical" : "numeric");
      e.put("weight", s.weight());
      if (s.categorical()) {
        e.put("largest_share_shift", s.meanShift());
        e.put("category", s.level());
      } else {
        e.put("mean_shift_sd", s.meanShift());
      }
      separating.add(e);
    }
    m.put("separating_features", separating);
    m.put("drift", result.drift());
    doc.put("domain_classifier", m);
    return result.drift();
  }

  /** The text line of the part, if the document has one. */
  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, Map<String, Object> doc) {
    Object part = doc.get("domain_classifier");
    if (!(part instanceof Map<?, ?>)) {
      return;
    }
    Map<String, Object> m = (Map<String, Object>) part;
    if (!m.containsKey("drift")) {
      out.println();
      out.println("Domain classifier: " + m.get("note"));
      return;
    }
    List<Object> separating = (List<Object>) m.get("separating_features");
    List<String> top = new ArrayList<>();
    for (int i = 0; i < Math.min(3, separating.size()); i++) {
      top.add((String) ((Map<String, Object>) separating.get(i)).get("name"));
    }
    out.printf(
        Locale.ROOT,
        "%nDomain classifier (logistic regression, %d-fold): AUC %.4f, permutation p %.3f (%d"
            + " permutations): %s; most separating: %s%n",
        (Integer) m.get("folds"),
        (Double) m.get("auc"),
        (Double) m.get("p_value"),
        (Integer) m.get("permutations"),
        Boolean.TRUE.equals(m.get("drift")) ? "DRIFT" : "ok",
        String.join(", ", top));
  }
}
