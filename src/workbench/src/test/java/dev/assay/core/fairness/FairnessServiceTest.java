package dev.assay.core.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.NotFoundException;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports on stored HMDA runs: no inference again, stored with an audit entry, compared. */
class FairnessServiceTest {
  @TempDir static Path dir;
  private static TestWorkbench bench;
  private static DatasetVersion data;
  private static EvaluationResult v1;
  private static EvaluationResult v2;
  private static EvaluationResult v3;

  @BeforeAll
  static void evaluate() {
    bench = TestWorkbench.open(dir);
    data = bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    v1 = run("hmda-deny-v1.onnx");
    v2 = run("hmda-deny-v2.onnx");
    v3 = run("hmda-deny-v3.onnx");
  }

  private static EvaluationResult run(String file) {
    ModelVersion model = bench.importModel(TestModels.sample(file), "hmda-deny");
    return bench.run(TestWorkbench.request(model, data, "deny", null));
  }

  @AfterAll
  static void close() {
    bench.close();
  }

  private static FairnessService fairness() {
    return bench.workbench().fairness();
  }

  private static StoredFairnessReport report(EvaluationResult run, FairnessSettings settings) {
    return fairness().report(run.run().id(), settings, Progress.NONE, Cancellation.NONE);
  }

  @Test
  void aSensitiveColumnThatIsNotAModelInputIsJoinedFromTheDataset() {
    assertThat(v1.binding().columns()).as("v1 does not use afam").doesNotContain("afam");

    FairnessReport report =
        report(v1, FairnessSettings.of(List.of("afam")).withFavorable("0")).report();

    AttributeReport afam = report.attribute("afam");
    assertThat(afam.groups()).extracting(GroupReport::value).containsExactly("0", "1");
    assertThat(afam.group("0").n() + afam.group("1").n()).isEqualTo(714);
    assertThat(afam.group("1").n()).isEqualTo(109);
    // model card: predicted denial rate 0.013 (afam = 0) and 0.028 (afam = 1)
    assertThat(afam.group("0").metric("selection_rate")).isBetween(0.0125, 0.0135);
    assertThat(afam.group("1").metric("selection_rate")).isBetween(0.0270, 0.0280);
  }

  @Test
  void aReportIsStoredWithItsSettingsAndAnAuditEntryAndReadsBackWhole() {
    int auditBefore = bench.workbench().auditEntries().size();
    FairnessSettings settings =
        FairnessSettings.of(List.of("afam", "single"))
            .withFavorable("0")
            .withReference("afam", "0");
    StoredFairnessReport stored = report(v2, settings);

    StoredFairnessReport read = fairness().reports().get(stored.id());
    assertThat(read.report().settings()).isEqualTo(settings);
    assertThat(read.report().runId()).isEqualTo(v2.run().id());
    assertThat(read.report().createdBy()).isEqualTo("tester");
    assertThat(read.report().createdAt()).isEqualTo(stored.report().createdAt());
    assertThat(read.report().attributes()).hasSize(3);
    Disparity before =
        stored.report().attribute("afam & single").disparity(Disparity.DISPARATE_IMPACT);
    Disparity after =
        read.report().attribute("afam & single").disparity(Disparity.DISPARATE_IMPACT);
    assertThat(after).usingRecursiveComparison().isEqualTo(before);
    GroupReport noAuc = read.report().attribute("afam").group("1");
    assertThat(noAuc.metrics()).isEqualTo(stored.report().attribute("afam").group("1").metrics());
    assertThat(read.report().attribute("afam").thresholds().accuracy())
        .containsExactly(stored.report().attribute("afam").thresholds().accuracy());

    List<AuditLog.Entry> audit = bench.workbench().auditEntries();
    assertThat(audit).hasSize(auditBefore + 1);
    AuditLog.Entry entry = audit.getLast();
    assertThat(entry.action()).isEqualTo("fairness.report");
    assertThat(entry.objectRef()).isEqualTo("fairness:" + stored.id());
    assertThat(entry.details()).contains("run=" + v2.run().id()).contains("sensitive=afam,single");

    assertThat(fairness().reports().list(v2.run().id()))
        .extracting(FairnessReportSummary::id)
        .contains(stored.id());
    FairnessReportSummary summary =
        fairness().reports().list(null).stream()
            .filter(s -> s.id() == stored.id())
            .findFirst()
            .orElseThrow();
    assertThat(summary.sensitive()).containsExactly("afam", "single");
    assertThat(summary.model()).isEqualTo(v2.run().model());
    assertThat(summary.verdict()).isEqualTo(stored.report().verdict());
    RunSummary run = bench.workbench().runs().get(v2.run().id());
    assertThat(fairness().reports().latestForModelVersion(run.modelVersionId()))
        .get()
        .extracting(StoredFairnessReport::id)
        .isEqualTo(fairness().reports().list(v2.run().id()).getFirst().id());
  }

  @Test
  void versionsComparedShowThatDroppingTheColumnDidNotRemoveTheDisparity() {
    FairnessSettings settings = FairnessSettings.of(List.of("afam")).withFavorable("0");
    List<StoredFairnessReport> reports =
        List.of(report(v1, settings), report(v2, settings), report(v3, settings));

    VersionComparison comparison = fairness().compare(reports);

    assertThat(comparison.versions())
        .extracting(VersionComparison.Version::model)
        .containsExactly(v1.run().model(), v2.run().model(), v3.run().model());
    VersionComparison.Row dpd =
        comparison.rows().stream()
            .filter(r -> r.figure().equals(Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE))
            .findFirst()
            .orElseThrow();
    assertThat(dpd.cells())
        .extracting(VersionComparison.Cell::verdict)
        .containsExactly(Disparity.FAIR, Disparity.UNFAIR, Disparity.UNFAIR);
    assertThat(comparison.notes())
        .anySatisfy(
            n ->
                assertThat(n)
                    .startsWith("demographic parity difference on afam is unfair in ")
                    .contains(v2.run().model())
                    .contains(v3.run().model()));
    assertThat(comparison.rows())
        .filteredOn(r -> "1".equals(r.group()) && r.figure().equals("selection_rate"))
        .singleElement()
        .satisfies(r -> assertThat(r.cells()).hasSize(3));
  }

  @Test
  void onlyACompletedRunHasAReport() throws Exception {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    DatasetVersion bad =
        bench.importCsv("bad.csv", "pirat,hirat,lvrat,afam,deny", "0.3,0.2,0.5,1,7");
    assertThatThrownBy(() -> bench.run(TestWorkbench.request(model, bad, "deny", null)))
        .isInstanceOf(AssayException.class);
    long failed = bench.workbench().runs().list(null).getFirst().id();

    assertThatThrownBy(
            () ->
                fairness()
                    .report(
                        failed,
                        FairnessSettings.of(List.of("afam")),
                        Progress.NONE,
                        Cancellation.NONE))
        .isInstanceOf(AssayException.class)
        .hasMessage("run " + failed + " is failed; only a completed run has predictions");
    assertThatThrownBy(
            () ->
                fairness()
                    .report(
                        999_999,
                        FairnessSettings.of(List.of("afam")),
                        Progress.NONE,
                        Cancellation.NONE))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> fairness().reports().get(999_999))
        .isInstanceOf(NotFoundException.class);
  }
}
