package dev.assay.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.model.ImportRequest;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail detects an edited, deleted, reordered or truncated chain. */
class AuditChainTest {
  private static final Path MODELS =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");

  @TempDir Path temp;
  private Workbench workbench;

  @BeforeEach
  void fourEntries() throws Exception {
    workbench = Workbench.open(new WorkbenchHome(temp), Clock.systemUTC(), "tester");
    for (String file :
        List.of(
            "hmda-deny-v1.onnx",
            "hmda-deny-v2.onnx",
            "hmda-deny-v3.onnx",
            "breast-cancer-v1.onnx")) {
      Path copy = temp.resolve(file);
      Files.copy(MODELS.resolve(file), copy);
      workbench.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE);
    }
    assertThat(workbench.auditEntries()).hasSize(4);
  }

  @AfterEach
  void close() {
    workbench.close();
  }

  private void sql(String statement) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + temp.resolve("db").resolve("assay") + ";AUTO_SERVER=TRUE",
                "assay",
                "");
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @Test
  void anUntouchedChainIsIntact() {
    AuditLog.Verification v = workbench.verifyAudit();
    assertThat(v.intact()).isTrue();
    assertThat(v.entries()).isEqualTo(4);
    assertThat(v.firstBroken()).isEqualTo(-1);
  }

  @Test
  void anEditedEntryIsNamed() throws Exception {
    sql("UPDATE audit_entry SET details = 'nothing to see' WHERE seq = 2");
    AuditLog.Verification v = workbench.verifyAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBroken()).isEqualTo(2);
    assertThat(v.problem()).contains("changed");
  }

  @Test
  void anEditThatAlsoRewritesTheHashBreaksTheNextLink() throws Exception {
    sql("UPDATE audit_entry SET os_user = 'mallory', entry_hash = REPEAT('a', 64) WHERE seq = 2");
    AuditLog.Verification v = workbench.verifyAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBroken()).isEqualTo(2);
  }

  @Test
  void aDeletedEntryIsFoundAtItsSuccessor() throws Exception {
    sql("DELETE FROM audit_entry WHERE seq = 2");
    AuditLog.Verification v = workbench.verifyAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBroken()).isEqualTo(3);
    assertThat(v.problem()).contains("deleted");
  }

  @Test
  void deletingTheNewestEntryIsFoundThroughTheHead() throws Exception {
    sql("DELETE FROM audit_entry WHERE seq = 4");
    AuditLog.Verification v = workbench.verifyAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.problem()).contains("4 entries were recorded, 3 are present");
  }

  @Test
  void reorderedEntriesAreFound() throws Exception {
    sql("UPDATE audit_entry SET seq = 100 WHERE seq = 2");
    sql("UPDATE audit_entry SET seq = 2 WHERE seq = 3");
    sql("UPDATE audit_entry SET seq = 3 WHERE seq = 100");
    AuditLog.Verification v = workbench.verifyAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.firstBroken()).isEqualTo(2);
  }

  @Test
  void newEntriesContinueTheChainAfterReopening() throws Exception {
    workbench.close();
    workbench = Workbench.open(new WorkbenchHome(temp), Clock.systemUTC(), "tester");
    workbench.reviews().grant("tester", dev.assay.core.review.Role.REVIEWER);
    assertThat(workbench.verifyAudit().intact()).isTrue();
    assertThat(workbench.verifyAudit().entries()).isEqualTo(5);
  }
}
