package dev.assay.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.audit.AuditAnchors;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbench opened for a command that only reads: read-only when nothing needs putting right, the
 * same answers as a usual open, writes refused; the usual open when something waits to be written
 * (here: records waiting for their audit baseline), which then writes it.
 */
class ReadOnlyWorkbenchTest {
  @TempDir Path dir;

  private WorkbenchHome prepared() throws Exception {
    WorkbenchHome home = new WorkbenchHome(dir.resolve("home"));
    Path model = TestModels.write(dir.resolve("a.onnx"), TestModels.addWithInlineWeights(1, 2));
    try (Workbench workbench = Workbench.open(home, Clock.systemUTC(), "tester")) {
      workbench
          .models()
          .importModel(
              new ImportRequest(model, "adder", null, null, List.of()),
              Progress.NONE,
              Cancellation.NONE);
    }
    return home;
  }

  private static Workbench reader(WorkbenchHome home) {
    return Workbench.openForReading(
        home, Clock.systemUTC(), "tester", null, AuditAnchors.insideWorkbench(home));
  }

  @Test
  void aQuietWorkbenchOpensReadOnlyWithTheSameAnswers() throws Exception {
    WorkbenchHome home = prepared();
    List<String> usual;
    try (Workbench workbench = Workbench.open(home, Clock.systemUTC(), "tester")) {
      usual = workbench.models().list().stream().map(v -> v.ref() + " " + v.sha256()).toList();
    }
    try (Workbench workbench = reader(home)) {
      assertThat(workbench.readOnly()).isTrue();
      assertThat(workbench.models().list().stream().map(v -> v.ref() + " " + v.sha256()))
          .containsExactlyElementsOf(usual)
          .hasSize(1);
      assertThat(workbench.verifyAudit().intact()).isTrue();
      assertThatThrownBy(
              () -> workbench.models().remove(dev.assay.core.model.ModelRef.parse("adder:1")))
          .isInstanceOf(RuntimeException.class);
    }
    try (Workbench workbench = Workbench.open(home, Clock.systemUTC(), "tester")) {
      assertThat(workbench.models().list()).hasSize(1);
      assertThat(workbench.verifyAudit().intact()).isTrue();
    }
  }

  @Test
  void aWorkbenchWithWorkWaitingIsOpenedTheUsualWayWhichDoesIt() throws Exception {
    WorkbenchHome home = prepared();
    try (var connection =
        DriverManager.getConnection(
            "jdbc:h2:file:" + home.databaseDirectory().resolve("assay"), "assay", "")) {
      connection
          .createStatement()
          .executeUpdate(
              "INSERT INTO workbench_fact (fact_key, fact_value)"
                  + " VALUES ('audit.coverage.baseline', 'pending')");
    }
    try (Workbench workbench = reader(home)) {
      assertThat(workbench.readOnly()).isFalse();
    }
    try (Workbench workbench = reader(home)) {
      assertThat(workbench.readOnly()).as("the baseline was written by the usual open").isTrue();
    }
  }
}
