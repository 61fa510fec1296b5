package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.explain.VersionExplanations;
import dev.assay.core.explanations.ExplanationPairs;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code assay compare --explain}: the baseline's and the second model's explanations of the same
 * rows, with the same seed and background, compared ({@link VersionExplanations}). Stored
 * explanations of both versions made with those settings over the same background are reused;
 * otherwise both are made and stored as {@code assay explain} stores them.
 */
final class CompareExplanations {
  @Option(
      names = "--explain",
      description =
          "also compare the baseline's and the second model's explanations of the same rows:"
              + " rank correlation of mean |phi|, rows whose top reason changes, top-4 agreement")
  boolean explain;

  @Option(
      names = "--explain-rows",
      paramLabel = "N|a-b",
      defaultValue = "100",
      description = "with --explain: the first N rows, or rows a to b (default: 100)")
  String rows;

  @Option(
      names = "--explain-background",
      paramLabel = "N",
      defaultValue = "100",
      description = "with --explain: N background rows of the data drawn with the seed (100)")
  int backgroundRows;

  @Option(
      names = "--explain-seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "with --explain: the explanations' seed (default: 42, as assay explain)")
  long seed;

  @Option(
      names = "--explain-output",
      paramLabel = "proba|logit",
      description = "with --explain: explain the probability (default) or the log-odds")
  String output;

  @Option(
      names = "--adverse",
      paramLabel = "higher|lower",
      defaultValue = "higher",
      description =
          "with --explain: which way of the output is adverse; the top reason is the feature"
              + " pushing furthest that way, as assay explain --reasons (default: higher)")
  String adverse;

  /** What {@code --explain} found: the figures and where they came from. */
  record Outcome(
      ModelVersion a,
      ModelVersion b,
      ExplanationPairs.Pair pair,
      boolean reused,
      double seconds,
      VersionExplanations.Result result) {}

  /** Checks the options before the comparison runs. */
  void check() {
    if (!adverse.equals("higher") && !adverse.equals("lower")) {
      throw new AssayCommand.ExitException(2, "--adverse is higher or lower, not " + adverse);
    }
    ExplainArguments.rowRange(rows);
    ExplainArguments.space(output);
  }

  /**
   * Refuses, before anything runs, two versions whose declared features differ: their explanations
   * could not be compared.
   */
  void checkModels(ModelVersion a, ModelVersion b) {
    if (!explain) {
      return;
    }
    ObjectMapper json = Json.newMapper();
    List<String> fa = ModelMetadata.list(a.inspection(), ModelMetadata.FEATURES, json);
    List<String> fb = ModelMetadata.list(b.inspection(), ModelMetadata.FEATURES, json);
    if (fa.isEmpty() || fb.isEmpty() || new HashSet<>(fa).equals(new HashSet<>(fb))) {
      return;
    }
    List<String> onlyA = new ArrayList<>(fa);
    onlyA.removeAll(fb);
    List<String> onlyB = new ArrayList<>(fb);
    onlyB.removeAll(fa);
    throw new AssayException(
        "--explain compares explanations over the same features, and "
            + a.ref()
            + " and "
            + b.ref()
            + " differ (only in "
            + a.ref()
            + ": "
            + (onlyA.isEmpty() ? "none" : String.join(", ", onlyA))
            + "; only in "
            + b.ref()
            + ": "
            + (onlyB.isEmpty() ? "none" : String.join(", ", onlyB))
            + ")");
  }

  /** Explains (or finds the stored explanations of) {@code a} and {@code b}, and compares them. */
  Outcome run(
      Workbench workbench,
      ModelVersion a,
      ModelVersion b,
      DatasetVersion dataset,
      String target,
      PrintWriter err)
      throws IOException {
    int[] range = ExplainArguments.rowRange(rows);
    OutputSpace space = ExplainArguments.space(output);
    ExplanationPairs.Settings settings =
        new ExplanationPairs.Settings(
            range[0],
            range[1] - range[0] + 1,
            backgroundRows,
            seed,
            space == null ? null : space.id());
    long started = System.nanoTime();
    ExplanationPairs.Pair pair =
        new ExplanationPairs(workbench.explanations(), Json.newMapper())
            .stored(a, b, dataset, settings)
            .orElse(null);
    boolean reused = pair != null;
    if (pair == null) {
      ObjectMapper json = Json.newMapper();
      long[] ids = new long[2];
      JsonNode[] docs = new JsonNode[2];
      List<ModelVersion> versions = List.of(a, b);
      for (int i = 0; i < 2; i++) {
        ModelVersion version = versions.get(i);
        if (err != null) {
          err.println("compare: explaining " + version.ref());
        }
        ExplanationRequest request =
            ExplanationRequest.builder(
                    workbench.models().modelFile(version),
                    version.inspection(),
                    workbench.datasets().file(dataset))
                .rows(settings.firstRow(), settings.rowCount())
                .background(backgroundRows, null)
                .method(Method.AUTO, space, null)
                .sampling(seed, 0.01)
                .columns(null, target, 0)
                .build();
        ExplanationReport report =
            new ExplanationRunner(workbench.runtime(), json)
                .run(request, Progress.NONE, Cancellation.NONE);
        Map<String, Object> document = ExplanationDocument.of(report, null);
        ids[i] =
            workbench
                .explanations()
                .save(report, version, dataset, json.writeValueAsString(document));
        docs[i] = json.valueToTree(document);
      }
      pair = new ExplanationPairs.Pair(ids[0], docs[0], ids[1], docs[1]);
    }
    VersionExplanations.Result result = pair.compare(adverse.equals("higher"));
    return new Outcome(a, b, pair, reused, (System.nanoTime() - started) / 1e9, result);
  }

  /** The {@code explanations} object of {@code --json}. */
  static Map<String, Object> document(Outcome outcome) {
    VersionExplanations.Result r = outcome.result();
    JsonNode docA = outcome.pair().docA();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model_a", outcome.a().ref());
    doc.put("model_b", outcome.b().ref());
    doc.put("explanation_ids", List.of(outcome.pair().idA(), outcome.pair().idB()));
    doc.put("reused", outcome.reused());
    doc.put("seconds", outcome.seconds());
    doc.put(
        "methods",
        List.of(docA.path("method").asText(), outcome.pair().docB().path("method").asText()));
    doc.put("output", docA.path("output").asText());
    doc.put("seed", docA.path("seed").asLong());
    doc.put("background_rows", docA.path("background").path("rows").asInt());
    doc.put("background_sha256", docA.path("background").path("sha256").asText());
    doc.put("adverse", r.adverseHigher() ? "higher" : "lower");
    doc.put("rows", r.rows());
    doc.put("spearman", r.spearman());
    doc.put("kendall_tau", r.kendallTau());
    Map<String, Object> changed = new LinkedHashMap<>();
    changed.put("rows", r.topReasonChanged());
    changed.put("share", r.share());
    changed.put("ci_low", r.ciLow());
    changed.put("ci_high", r.ciHigh());
    doc.put("top_reason_changed", changed);
    doc.put("top4_jaccard_mean", r.top4JaccardMean());
    List<Map<String, Object>> features = new ArrayList<>();
    for (VersionExplanations.FeatureRank f : r.features()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("feature", f.feature());
      m.put("importance_a", f.importanceA());
      m.put("importance_b", f.importanceB());
      m.put("rank_a", f.rankA());
      m.put("rank_b", f.rankB());
      features.add(m);
    }
    doc.put("features", features);
    return doc;
  }

  static void print(PrintWriter out, Outcome outcome) {
    VersionExplanations.Result r = outcome.result();
    JsonNode docA = outcome.pair().docA();
    out.printf(
        Locale.ROOT,
        "explanations %d (%s) and %d (%s), %s: %d rows, background %d rows (sha256 %s), seed"
            + " %d, %s%n",
        outcome.pair().idA(),
        outcome.a().ref(),
        outcome.pair().idB(),
        outcome.b().ref(),
        outcome.reused()
            ? "reused"
            : String.format(Locale.ROOT, "made in %.2f s", outcome.seconds()),
        r.rows(),
        docA.path("background").path("rows").asInt(),
        docA.path("background").path("sha256").asText().substring(0, 12),
        docA.path("seed").asLong(),
        docA.path("output").asText());
    out.printf(
        Locale.ROOT,
        "  importance (mean |phi|) rank correlation: Spearman %.4f, Kendall tau-b %.4f%n",
        r.spearman(),
        r.kendallTau());
    out.printf(
        Locale.ROOT,
        "  top reason (adverse %s) changed on %d of %d rows: %.1f%% [%.1f%%, %.1f%%];"
            + " top-4 Jaccard mean %.3f%n",
        r.adverseHigher() ? "higher" : "lower",
        r.topReasonChanged(),
        r.rows(),
        100 * r.share(),
        100 * r.ciLow(),
        100 * r.ciHigh(),
        r.top4JaccardMean());
    out.printf(
        Locale.ROOT, "  %-20s %12s %12s %6s %6s%n", "feature", "mean|phi| A", "B", "rank A", "B");
    r.features().stream()
        .sorted((x, y) -> Integer.compare(x.rankA(), y.rankA()))
        .forEach(
            f ->
                out.printf(
                    Locale.ROOT,
                    "  %-20s %12.6f %12.6f %6d %6d%n",
                    f.feature(),
                    f.importanceA(),
                    f.importanceB(),
                    f.rankA(),
                    f.rankB()));
  }
}
