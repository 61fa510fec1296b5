package dev.assay.ui;

import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.explain.ReasonCodes;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Stores one drift report and one explanation in a real workbench, for the screens' tests. */
public final class StoredAnalyses {
  private StoredAnalyses() {}

  /** An explanation of 10 rows of {@code data} by the logistic sample, with reason codes. */
  public record Explained(long id, ExplanationReport report, ReasonCodes codes) {}

  /**
   * Stores a drift report in the document shape {@code assay drift} writes: {@code pirat} drifted
   * (KS), {@code chist} categorical drifted by its missing rate only, {@code hirat} no drift.
   */
  public static long driftReport(Workbench w, DatasetVersion reference, DatasetVersion current) {
    return driftReport(w, null, reference, current);
  }

  /** The same report, of a model version's reference when {@code model} is not null. */
  public static long driftReport(
      Workbench w, ModelVersion model, DatasetVersion reference, DatasetVersion current) {
    List<Object> features = new ArrayList<>();
    features.add(
        feature(
            "pirat",
            "numeric",
            Map.of("ks", Map.of("statistic", 0.3125, "p_value", 1e-9, "method", "exact")),
            false,
            2.5e-8,
            0.3125,
            "ks",
            0.05,
            true));
    Map<String, Object> chi = new LinkedHashMap<>();
    chi.put("statistic", 4.75);
    chi.put("p_value", 0.09);
    chi.put("dof", 2);
    features.add(
        feature("chist", "categorical", Map.of("chi2", chi), true, 0.18, 0.02, "linf", 0.04, true));
    Map<String, Object> hirat =
        feature("hirat", "numeric", Map.of(), false, 1.0, 0.01, "ks", 0.05, false);
    hirat.put("tests", Map.of("ks", Map.of("statistic", 0.01, "p_value", 1.0, "method", "asymp")));
    hirat.put("p_adjusted", null);
    features.add(hirat);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("alpha", 0.05);
    settings.put("correction", "holm");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(
        "reference", Map.of("dataset", reference.ref(), "rows", reference.rows(), "sha256", "x"));
    doc.put("current", Map.of("dataset", current.ref(), "rows", current.rows(), "sha256", "y"));
    doc.put("settings", settings);
    doc.put("features", features);
    doc.put("drifted_features", List.of("pirat", "chist"));
    doc.put("drift", true);
    return w.driftReports()
        .save(
            new DriftReportStore.NewReport(
                model == null ? null : model.id(),
                null,
                reference.id(),
                current.id(),
                true,
                List.of("pirat", "chist"),
                settings,
                doc),
            model == null ? null : model.ref(),
            reference.ref(),
            current.ref());
  }

  private static Map<String, Object> feature(
      String name,
      String kind,
      Map<String, Object> tests,
      boolean missingDrift,
      double pAdjusted,
      double effect,
      String measure,
      double threshold,
      boolean drift) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("kind", kind);
    m.put("n_reference", 1000);
    m.put("n_current", 714);
    m.put("tests", tests);
    m.put(
        "missing_rate",
        Map.of("reference", 0.0, "current", 0.1, "p_value", 0.001, "drift", missingDrift));
    m.put("p_adjusted", pAdjusted);
    m.put("effect", effect);
    m.put("effect_measure", measure);
    m.put("threshold", threshold);
    m.put("drift", drift);
    m.put("contributions", List.of());
    return m;
  }

  /** Explains the first 10 rows of {@code data} by {@code model} (linear, log-odds, class 1). */
  public static Explained explanation(
      Workbench w, ModelVersion model, DatasetVersion data, Path temp) throws Exception {
    Path background = temp.resolve("background.csv");
    try (Stream<String> lines =
        Files.lines(TestModels.repoRoot().resolve("models/data/hmda_train.csv"))) {
      Files.write(background, lines.limit(101).toList());
    }
    ExplanationReport report =
        new ExplanationRunner(w.runtime(), Json.newMapper())
            .run(
                ExplanationRequest.builder(
                        w.models().modelFile(model), model.inspection(), w.datasets().file(data))
                    .rows(0, 10)
                    .background(0, background)
                    .method(Method.LINEAR, OutputSpace.LOGIT, "1")
                    .columns(null, null, 0)
                    .build(),
                Progress.NONE,
                Cancellation.NONE);
    ReasonCodes codes = ReasonCodes.of(report, 4, true);
    String json = Json.newMapper().writeValueAsString(ExplanationDocument.of(report, codes));
    long id = w.explanations().save(report, model, data, json);
    return new Explained(id, report, codes);
  }
}
