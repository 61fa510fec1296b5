package dev.assay.core.explain;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How stable an explanation's top reasons are: the same request rerun with other seeds, and against
 * a second background of the same size and rule drawn from the rows the first did not use ({@link
 * BackgroundDraw}). Each comparison is {@link Stability#overlap} over the explained rows: per row
 * the Jaccard index of the two top-k feature sets by |φ|, summarised as the share of rows with
 * equal sets, the share with the same first feature, the mean and smallest Jaccard index, and
 * Spearman's ρ of mean |φ|. The result is the {@code stability} part of the explanation's JSON
 * document.
 */
public final class StabilityCheck {
  /** The k of the top-k comparison (Regulation B: at most four reasons). */
  public static final int TOP_K = 4;

  private StabilityCheck() {}

  /**
   * Reruns {@code request} (whose first run is {@code first}) with {@code seeds} more seeds (seed+1
   * ..) and, when {@code backgrounds}, once against a second background.
   */
  public static Map<String, Object> run(
      ExplanationRunner runner,
      ExplanationRequest request,
      ExplanationReport first,
      int seeds,
      boolean backgrounds,
      Cancellation cancel) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("top_k", TOP_K);
    doc.put(
        "definition",
        "per explained row the Jaccard index |A ∩ B| / |A ∪ B| of the two runs' top-"
            + TOP_K
            + " features by |phi|");
    if (seeds > 0) {
      List<Map<String, Object>> runs = new ArrayList<>();
      for (int s = 1; s <= seeds; s++) {
        long seed = request.seed() + s;
        ExplanationReport other =
            runner.run(
                request.toBuilder().sampling(seed, request.tolerance()).build(),
                Progress.NONE,
                cancel);
        Stability.Overlap o = Stability.overlap(first.rows(), other.rows(), TOP_K);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("seed", seed);
        run.put("top_k", o.topK());
        run.put("top_agreement", o.identical());
        run.put("top1_agreement", o.topOne());
        run.put("mean_jaccard", o.meanJaccard());
        run.put("spearman_mean_abs", number(o.spearman()));
        runs.add(run);
      }
      doc.put("against_seed", request.seed());
      doc.put("runs", runs);
    }
    if (backgrounds) {
      ExplanationReport second =
          runner.run(request.toBuilder().secondBackground(true).build(), Progress.NONE, cancel);
      doc.put("backgrounds", backgrounds(first, second));
    }
    return doc;
  }

  /** The two-background comparison of two reports of the same rows. */
  static Map<String, Object> backgrounds(ExplanationReport first, ExplanationReport second) {
    Stability.Overlap o = Stability.overlap(first.rows(), second.rows(), TOP_K);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("first", describe(first));
    doc.put("second", describe(second));
    int[] a = first.background() == null ? null : first.background().dataRows();
    int[] b = second.background() == null ? null : second.background().dataRows();
    Integer shared = a == null || b == null ? null : shared(a, b);
    doc.put("shared_rows", shared);
    doc.put("disjoint", shared == null ? null : shared == 0);
    doc.put(
        "notes",
        second.notes().stream()
            .filter(n -> n.startsWith("second background") || n.startsWith("cutoff background"))
            .toList());
    doc.put("top_k", o.topK());
    doc.put("identical_share", o.identical());
    doc.put("top1_share", o.topOne());
    doc.put("mean_jaccard", o.meanJaccard());
    doc.put("min_jaccard", o.minJaccard());
    doc.put("spearman_mean_abs", number(o.spearman()));
    List<String> features = first.features();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int r = 0; r < first.rows().size(); r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("row", first.rows().get(r).row());
      row.put("jaccard", o.jaccard()[r]);
      row.put("first_top", names(features, o.firstTop()[r]));
      row.put("second_top", names(features, o.secondTop()[r]));
      rows.add(row);
    }
    doc.put("rows", rows);
    return doc;
  }

  private static Map<String, Object> describe(ExplanationReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    BackgroundSet.Summary summary = report.background();
    doc.put("mode", summary == null ? "random" : summary.mode().id());
    doc.put("rows", report.backgroundRows());
    doc.put("sha256", report.backgroundSha256());
    doc.put("base_value", report.baseValue());
    int[] rows = summary == null ? null : summary.dataRows();
    doc.put("data_rows", rows == null ? null : java.util.Arrays.stream(rows).boxed().toList());
    return doc;
  }

  private static int shared(int[] a, int[] b) {
    java.util.Set<Integer> set = new java.util.HashSet<>();
    for (int r : a) {
      set.add(r);
    }
    int n = 0;
    for (int r : b) {
      n += set.contains(r) ? 1 : 0;
    }
    return n;
  }

  private static List<String> names(List<String> features, int[] indices) {
    List<String> out = new ArrayList<>();
    for (int i : indices) {
      out.add(features.get(i));
    }
    return out;
  }

  private static Double number(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
