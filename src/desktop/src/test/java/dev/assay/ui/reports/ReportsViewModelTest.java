package dev.assay.ui.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.review.Role;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.FxThread;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Reports screen's state and actions, without a window, on a real workbench. */
class ReportsViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private ReportsViewModel vm;
  private final List<String> errors = new ArrayList<>();

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    tasks = BackgroundTasks.onCallingThread();
    vm =
        new ReportsViewModel(
            w.models(), w.datasets(), w.runs(), w.reviews(), w.reports(), w::verifyAudit, tasks);
    vm.setErrorSink(errors::add);
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  private long evaluate() {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda-deny");
    DatasetVersion data = bench.importCsv(TestModels.sample("data/hmda_test.csv"));
    return bench.run(TestWorkbench.request(model, data, "deny", null)).run().id();
  }

  @Test
  void refreshListsTheCompletedRunsChoosesOneAndChecksTheAuditTrail() throws Exception {
    FxThread.run(vm::refresh);
    assertThat(vm.runs()).isEmpty();
    assertThat(vm.runProperty().get()).isNull();

    long run = evaluate();
    FxThread.run(vm::refresh);

    assertThat(vm.runs()).extracting(RunSummary::id).containsExactly(run);
    assertThat(vm.runProperty().get().id()).isEqualTo(run);
    assertThat(vm.auditIntactProperty().get()).isTrue();
    assertThat(vm.auditStatusProperty().get())
        .isEqualTo("Audit trail intact: " + w.verifyAudit().entries() + " entries verified.");
    assertThat(vm.reviewerProperty().get()).isFalse();
    assertThat(errors).isEmpty();
  }

  @Test
  void onlyAReviewerSignsOffAndTheSignOffIsListed() throws Exception {
    evaluate();
    FxThread.run(vm::refresh);

    FxThread.run(vm::signOff);
    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst()).doesNotContain("\n");
    assertThat(vm.signOffs()).isEmpty();

    w.reviews().grant(w.reviews().currentUser(), Role.REVIEWER);
    FxThread.run(vm::refresh);
    assertThat(vm.reviewerProperty().get()).isTrue();
    FxThread.run(vm::signOff);

    assertThat(errors).hasSize(1);
    assertThat(vm.outcomeProperty().get()).startsWith("Signed off hmda-deny:1: ");
    assertThat(vm.signOffs()).hasSize(1);
    ModelVersion model = w.models().list().getFirst();
    assertThat(w.reviews().signOffs(model)).hasSize(1);
  }

  @Test
  void theWorkbookIsWrittenWhereAskedAndAFailureSaysWhy() throws Exception {
    evaluate();
    FxThread.run(vm::refresh);
    Path file = temp.resolve("out.xlsx");
    FxThread.run(() -> vm.export(file));

    assertThat(errors).isEmpty();
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(file).isNotEmptyFile();
    assertThat(vm.outcomeProperty().get()).startsWith("Wrote out.xlsx (");

    Path blocked = Files.writeString(temp.resolve("a-file"), "x").resolve("out.xlsx");
    FxThread.run(() -> vm.export(blocked));
    assertThat(errors).hasSize(1);
    assertThat(vm.busyProperty().get()).isFalse();
  }
}
