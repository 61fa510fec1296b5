package dev.assay.core.explanations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.assay.core.explain.ReasonCodes;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.report.Evidence;
import dev.assay.core.report.ExplanationSection;
import dev.assay.core.report.SectionContent;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explanations stored in the workbench: audited and covered like fairness reports, listed, shown on
 * the workbook's Explanations sheet; reason codes of the logistic sample against the golden
 * points-below-reference ranking (golden/explain.json).
 */
class ExplanationStoreTest {
  @TempDir Path temp;
  private WorkbenchHome home;
  private Workbench workbench;
  private ModelVersion model;
  private DatasetVersion dataset;
  private ExplanationReport report;

  @BeforeEach
  void explainTenRowsOfTheLogisticSample() throws Exception {
    home = new WorkbenchHome(temp.resolve("wb"));
    workbench = Workbench.open(home, Clock.systemUTC(), "tester");
    Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), temp.resolve("m.onnx"));
    model =
        workbench
            .models()
            .importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE)
            .model();
    Path data = TestModels.repoRoot().resolve("models/data");
    dataset =
        workbench
            .datasets()
            .importDataset(data.resolve("hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
            .dataset();
    Path background = temp.resolve("background.csv");
    try (Stream<String> lines = Files.lines(data.resolve("hmda_train.csv"))) {
      Files.write(background, lines.limit(101).toList());
    }
    report =
        new ExplanationRunner(workbench.runtime(), Json.newMapper())
            .run(
                ExplanationRequest.builder(
                        workbench.models().modelFile(model),
                        model.inspection(),
                        workbench.datasets().file(dataset))
                    .rows(0, 10)
                    .background(0, background)
                    .method(Method.LINEAR, OutputSpace.LOGIT, "1")
                    .columns(null, null, 0)
                    .build(),
                Progress.NONE,
                Cancellation.NONE);
  }

  @AfterEach
  void close() {
    workbench.close();
  }

  @Test
  void reasonCodesOfTheLogisticScorecardAreItsPointsBelowTheReferenceRanking() throws Exception {
    JsonNode golden;
    try (InputStream in = getClass().getResourceAsStream("/golden/explain.json")) {
      golden = new ObjectMapper().readTree(in).get("reasons");
    }
    ReasonCodes codes = ReasonCodes.of(report, 4, true);
    assertThat(codes.rows()).hasSize(10);
    for (int r = 0; r < 10; r++) {
      JsonNode expected = golden.get("rows").get(r);
      List<ReasonCodes.Reason> reasons = codes.rows().get(r).reasons();
      assertThat(reasons).as("row %d", r).hasSize(expected.size());
      for (int k = 0; k < reasons.size(); k++) {
        JsonNode e = expected.get(k);
        assertThat(reasons.get(k).feature())
            .as("row %d reason %d", r, k)
            .isEqualTo(e.get("feature").asText());
        assertThat(reasons.get(k).value()).isEqualTo(e.get("value").asDouble());
        assertThat(reasons.get(k).contribution())
            .isCloseTo(e.get("points").asDouble(), within(1e-5));
      }
    }
    // the favourable direction names the features pulling the other way
    ReasonCodes lower = ReasonCodes.of(report, 4, false);
    for (ReasonCodes.Reason reason : lower.rows().get(0).reasons()) {
      int i = report.features().indexOf(reason.feature());
      assertThat(report.rows().get(0).attribution().phi()[i]).isNegative();
    }
  }

  @Test
  void aStoredExplanationIsListedShownOnTheWorkbookAndCoveredByTheAuditTrail() throws Exception {
    ReasonCodes codes = ReasonCodes.of(report, 4, true);
    String json = Json.newMapper().writeValueAsString(ExplanationDocument.of(report, codes));
    ExplanationStore store = workbench.explanations();
    long id = store.save(report, model, dataset, json);

    List<ExplanationStore.Summary> list = store.list(model.id());
    assertThat(list).extracting(ExplanationStore.Summary::id).containsExactly(id);
    ExplanationStore.Summary s = list.getFirst();
    assertThat(s.model()).isEqualTo(model.ref());
    assertThat(s.dataset()).isEqualTo(dataset.ref());
    assertThat(s.method()).isEqualTo("linear");
    assertThat(s.rows()).isEqualTo(10);
    assertThat(s.maxEfficiencyError()).isEqualTo(report.worstEfficiencyError());
    assertThat(store.get(id).json()).isEqualTo(json);
    assertThat(workbench.auditEntries())
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("explanation.report");
              assertThat(e.objectRef()).isEqualTo("explanation:" + id);
            });

    SectionContent content =
        new ExplanationSection(store, Json.newMapper()).content(model, null).orElseThrow();
    assertThat(content.reportId()).isEqualTo(id);
    assertThat(content.evidence()).containsExactly(Evidence.XAI);
    assertThat(content.facts())
        .anySatisfy(f -> assertThat(f.value()).isEqualTo("linear"))
        .anySatisfy(f -> assertThat(f.value()).isEqualTo(report.backgroundSha256()));
    assertThat(content.tables()).hasSize(2);
    SectionContent.Table frequency = content.tables().get(1);
    String top = codes.frequency().keySet().iterator().next();
    assertThat(frequency.rows().getFirst())
        .containsExactly(top, codes.frequency().get(top), codes.frequency().get(top) / 10.0);
    assertThat(content.verdict()).contains("efficiency holds on every row");

    assertThat(workbench.checkAudit().problems()).isEmpty();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + home.databaseDirectory().resolve("assay") + ";AUTO_SERVER=TRUE",
                "assay",
                "");
        Statement sql = c.createStatement()) {
      sql.executeUpdate("UPDATE explanation SET max_efficiency_error = 0");
    }
    assertThat(workbench.checkAudit().problems())
        .anySatisfy(
            p -> assertThat(p).startsWith("explanation " + id + " was changed outside Assay"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theWorkbookSheetShowsTheBackgroundModeWarningsAndAleCurves() throws Exception {
    java.util.Map<String, Object> doc = ExplanationDocument.of(report, null);
    ((java.util.Map<String, Object>) doc.get("global"))
        .put(
            "ale",
            java.util.Map.of(
                "min_bin_points",
                4,
                "curves",
                List.of(
                    java.util.Map.of(
                        "feature",
                        "pirat",
                        "grid",
                        List.of(0.1, 0.3, 0.5),
                        "values",
                        List.of(-0.2, 0.0, 0.2),
                        "counts",
                        List.of(6, 4)))));
    doc.put("warnings", List.of("2 rows stopped at the sampling budget"));
    ExplanationStore store = workbench.explanations();
    store.save(report, model, dataset, Json.newMapper().writeValueAsString(doc));
    SectionContent content =
        new ExplanationSection(store, Json.newMapper()).content(model, null).orElseThrow();
    assertThat(content.facts())
        .anySatisfy(f -> assertThat(f.label()).isEqualTo("Background mode"))
        .anySatisfy(
            f -> {
              assertThat(f.label()).isEqualTo("Warning");
              assertThat(f.value()).isEqualTo("2 rows stopped at the sampling budget");
            });
    SectionContent.Table ale = content.tables().get(1);
    assertThat(ale.title()).startsWith("Accumulated local effects (logit");
    assertThat(ale.rows()).hasSize(3);
    assertThat(ale.rows().get(2)).containsExactly("pirat", 0.5, 0.2, 4);
    assertThat(ale.rows().get(0).get(3)).isNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theWorkbookSheetShowsTheGroupViewWithItsGapSplitIntoFeatures() throws Exception {
    java.util.Map<String, Object> doc = ExplanationDocument.of(report, null);
    doc.put(
        "groups",
        java.util.Map.of(
            "by",
            "afam",
            "reference",
            "0",
            "groups",
            List.of(
                java.util.Map.of(
                    "value",
                    "1",
                    "rows",
                    3,
                    "mean_prediction",
                    0.5,
                    "mean_attributions",
                    java.util.Map.of("pirat", 0.25),
                    "gap",
                    java.util.Map.of(
                        "prediction",
                        0.4,
                        "features",
                        java.util.Map.of("pirat", 0.4),
                        "residual",
                        1e-9)))));
    ExplanationStore store = workbench.explanations();
    store.save(report, model, dataset, Json.newMapper().writeValueAsString(doc));
    SectionContent content =
        new ExplanationSection(store, Json.newMapper()).content(model, null).orElseThrow();
    SectionContent.Table groups = content.tables().getLast();
    assertThat(groups.title()).startsWith("Attributions by afam (logit)").contains("to '0'");
    assertThat(groups.rows()).hasSize(3);
    assertThat(groups.rows().get(0)).containsExactly("1", 3, 0.5, "pirat", 0.25, 0.4);
    assertThat(groups.rows().get(1)).containsExactly("1", 3, 0.5, "(whole gap)", null, 0.4);
    assertThat(groups.rows().get(2)).containsExactly("1", 3, 0.5, "(residual)", null, 1e-9);
  }
}
