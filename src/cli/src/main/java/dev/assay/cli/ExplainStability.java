package dev.assay.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text of {@code assay explain --stability N / --background-stability}. */
final class ExplainStability {
  private ExplainStability() {}

  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, Map<String, Object> doc) {
    out.printf(
        Locale.ROOT,
        "%nStability of the top %s features by |phi| (Jaccard index per row):%n",
        doc.get("top_k"));
    List<Map<String, Object>> runs = (List<Map<String, Object>>) doc.get("runs");
    if (runs != null) {
      for (Map<String, Object> run : runs) {
        out.printf(
            Locale.ROOT,
            "  seed %d: same top-%d set on %.1f%% of rows, same first on %.1f%%, mean Jaccard %.3f,"
                + " Spearman of mean |phi| %s%n",
            (Long) run.get("seed"),
            (Integer) run.get("top_k"),
            100 * (Double) run.get("top_agreement"),
            100 * (Double) run.get("top1_agreement"),
            (Double) run.get("mean_jaccard"),
            spearman(run.get("spearman_mean_abs")));
      }
    }
    Map<String, Object> bg = (Map<String, Object>) doc.get("backgrounds");
    if (bg != null) {
      Map<String, Object> second = (Map<String, Object>) bg.get("second");
      Object shared = bg.get("shared_rows");
      out.printf(
          Locale.ROOT,
          "  second background (%s, %s rows, sha256 %s, %s): same top-%d set on %.1f%% of rows,"
              + " same first on %.1f%%, mean Jaccard %.3f (smallest %.3f), Spearman of mean |phi|"
              + " %s%n",
          second.get("mode"),
          second.get("rows"),
          ((String) second.get("sha256")).substring(0, 12),
          shared == null ? "rows not from the data" : shared + " rows shared with the first",
          (Integer) bg.get("top_k"),
          100 * (Double) bg.get("identical_share"),
          100 * (Double) bg.get("top1_share"),
          (Double) bg.get("mean_jaccard"),
          (Double) bg.get("min_jaccard"),
          spearman(bg.get("spearman_mean_abs")));
    }
    out.flush();
  }

  private static String spearman(Object v) {
    return v == null ? "undefined" : String.format(Locale.ROOT, "%.4f", (Double) v);
  }
}
