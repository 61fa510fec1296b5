package dev.assay.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.review.Decision;
import dev.assay.core.review.Role;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.Cover;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who can write the database file (SQL through JDBC on the H2 file, as H2's own shell
 * would) rewrites the audit trail or the records it covers; verification names what was done.
 */
class AuditTamperTest {
  @TempDir Path temp;
  private WorkbenchHome home;
  private AuditAnchors anchors;
  private Workbench workbench;
  private ModelVersion model;
  private ModelVersion first;

  @BeforeEach
  void fiveEntriesCheckpointed() throws Exception {
    home = new WorkbenchHome(temp.resolve("wb"));
    AuditAnchors inside = AuditAnchors.insideWorkbench(home);
    anchors =
        new AuditAnchors(
            inside.checkpointLog(),
            temp.resolve("mirror").resolve("checkpoints.log"),
            temp.resolve("user-config").resolve("audit.key"),
            null);
    workbench = open();
    for (String file : List.of("hmda-deny-v1.onnx", "hmda-deny-v2.onnx")) {
      Path copy = Files.copy(TestModels.sample(file), temp.resolve(file));
      model =
          workbench
              .models()
              .importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE)
              .model();
      first = first == null ? model : first;
    }
    workbench.reviews().grant("tester", Role.REVIEWER);
    workbench.reviews().signOff(model, Decision.APPROVED, null, null, "Model Risk Officer");
    workbench.modelCards().save(model, new ModelCard("risk team", "lending", "", "", null, null));
    reopen();
    assertThat(workbench.auditEntries()).hasSize(5);
  }

  @AfterEach
  void close() {
    workbench.close();
  }

  private Workbench open() {
    return Workbench.open(home, Clock.systemUTC(), "tester", null, anchors);
  }

  /** Closing and opening again checkpoints the chain, as every CLI call does. */
  private void reopen() {
    workbench.close();
    workbench = open();
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + home.databaseDirectory().resolve("assay") + ";AUTO_SERVER=TRUE",
        "assay",
        "");
  }

  private void sql(String... statements) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.executeUpdate(statement);
      }
    }
  }

  /** Recomputes every entry's hash and the head after {@code edit}, as a careful attacker would. */
  private void rewriteChain(String editSql) throws Exception {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate(editSql);
      }
      List<AuditLog.Entry> entries = AuditLog.entriesFrom(c, 0);
      String previous = AuditLog.GENESIS;
      List<AuditLog.Entry> rewritten = new ArrayList<>();
      for (AuditLog.Entry e : entries) {
        String covers = e.covers();
        if (covers != null) {
          // the attacker knows the covering scheme and records the edited rows' hashes
          List<Cover> fresh = new ArrayList<>();
          for (Cover cover : Cover.parse(covers)) {
            fresh.add(Cover.of(c, cover.table(), cover.key()));
          }
          covers = Cover.format(fresh);
        }
        String hash =
            AuditLog.hash(
                previous,
                e.recordedAt(),
                e.osUser(),
                e.action(),
                e.objectRef(),
                e.details(),
                covers);
        rewritten.add(
            new AuditLog.Entry(
                e.seq(),
                e.recordedAt(),
                e.osUser(),
                e.action(),
                e.objectRef(),
                e.details(),
                previous,
                hash,
                covers));
        previous = hash;
      }
      try (PreparedStatement update =
          c.prepareStatement(
              "UPDATE audit_entry SET previous_hash = ?, entry_hash = ?, covers = ? WHERE seq = ?")) {
        for (AuditLog.Entry e : rewritten) {
          update.setString(1, e.previousHash());
          update.setString(2, e.entryHash());
          update.setString(3, e.covers());
          update.setLong(4, e.seq());
          update.executeUpdate();
        }
      }
      setHead(c, rewritten.size(), rewritten.isEmpty() ? 0 : rewritten.getLast().seq(), previous);
      c.commit();
    }
  }

  private boolean chainAloneIntact() throws Exception {
    try (Connection c = connect()) {
      return AuditLog.verifyChain(c).intact();
    }
  }

  private static void setHead(Connection c, long entries, long lastSeq, String lastHash)
      throws Exception {
    try (PreparedStatement head =
        c.prepareStatement(
            "UPDATE audit_head SET entries = ?, last_seq = ?, last_hash = ? WHERE id = 1")) {
      head.setLong(1, entries);
      head.setLong(2, lastSeq);
      head.setString(3, lastHash);
      head.executeUpdate();
    }
  }

  @Test
  void anUntouchedTrailIsIntactAndNamesTheCheckpointItTrusted() {
    AuditVerification v = workbench.checkAudit();
    assertThat(v.problems()).isEmpty();
    assertThat(v.intact()).isTrue();
    assertThat(v.trusted()).isNotNull();
    assertThat(v.trusted().entries()).isEqualTo(5);
    assertThat(v.trusted().keyId()).startsWith("hmac-sha256:");
    assertThat(v.sinceTrusted()).isEmpty();
    assertThat(v.coveredRecords()).isEqualTo(3); // the role, the sign-off, the model card
    assertThat(v.notes()).isEmpty();
  }

  @Test
  void entriesAfterTheNewestCheckpointAreListedAsOnlyHashChained() {
    workbench.reviews().grant("bob", Role.ANALYST);
    AuditVerification v = workbench.checkAudit();
    assertThat(v.intact()).isTrue();
    assertThat(v.trusted().entries()).isEqualTo(5);
    assertThat(v.sinceTrusted()).extracting(AuditLog.Entry::action).containsExactly("role.grant");
  }

  @Test
  void deletingTheNewestEntriesAndFixingTheHeadIsDetected() throws Exception {
    List<AuditLog.Entry> entries = workbench.auditEntries();
    AuditLog.Entry keep = entries.get(2);
    try (Connection c = connect()) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM audit_entry WHERE seq > " + keep.seq());
      }
      setHead(c, 3, keep.seq(), keep.entryHash());
    }
    sql("DELETE FROM signoff", "DELETE FROM model_card");
    assertThat(chainAloneIntact()).as("the hash chain alone cannot see it").isTrue();

    AuditVerification v = workbench.checkAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.problems().getFirst())
        .contains("the chain has 3 entries but the checkpoint of")
        .contains("recorded 5: entries were deleted");
  }

  @Test
  void noCheckpointIsSignedOverARewrittenChain() throws Exception {
    long lines = Files.readAllLines(anchors.checkpointLog()).size();
    rewriteChain("UPDATE signoff SET decision = 'rejected'");
    reopen();
    workbench.reviews().grant("bob", Role.ANALYST);
    reopen();

    assertThat(Files.readAllLines(anchors.checkpointLog())).hasSize((int) lines);
    AuditVerification v = workbench.checkAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.trusted().entries()).isEqualTo(3);
    assertThat(v.notes()).anyMatch(n -> n.startsWith("no checkpoint written: entry"));
  }

  @Test
  void deletingEveryEntryAndResettingTheHeadIsDetected() throws Exception {
    sql(
        "DELETE FROM signoff",
        "DELETE FROM model_card",
        "DELETE FROM user_role",
        "DELETE FROM audit_entry",
        "UPDATE audit_head SET entries = 0, last_seq = 0, last_hash = REPEAT('0', 64)");
    AuditVerification v = workbench.checkAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.entries()).isZero();
    assertThat(v.problems().getFirst()).contains("the chain has 0 entries but the checkpoint of");
  }

  @Test
  void editingASignOffAndRecomputingEveryHashIsDetected() throws Exception {
    rewriteChain("UPDATE signoff SET decision = 'rejected'");
    assertThat(chainAloneIntact()).as("the hash chain alone cannot see it").isTrue();

    AuditVerification v = workbench.checkAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.problems())
        .as("the attacker recorded the edited row's hash too: only the checkpoint sees it")
        .singleElement()
        .asString()
        .startsWith(
            "the chain was rewritten: entry 4 no longer has the hash that the checkpoint of")
        .endsWith("recorded for the chain's first 4 entries");
    assertThat(workbench.reviews().current(model).orElseThrow().decision())
        .isEqualTo(Decision.REJECTED);
  }

  @Test
  void aSignOffEditedWithSqlIsNamed() throws Exception {
    sql("UPDATE signoff SET decision = 'rejected'");
    AuditVerification v = workbench.checkAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.problems())
        .containsExactly("signoff 1 was changed outside Assay: it no longer matches audit entry 4");
    assertThat(workbench.verifyAudit().intact()).isFalse();
    try (Connection c = connect()) {
      assertThat(workbench.audit().verify(c).problem())
          .as("what the compliance workbook and the desktop app show")
          .startsWith("signoff 1 was changed outside Assay");
    }
  }

  @Test
  void aDeletedSignOffAndAnInsertedReviewerAreNamed() throws Exception {
    sql(
        "DELETE FROM signoff",
        "INSERT INTO user_role (os_user, role, granted_at, granted_by)"
            + " VALUES ('mallory', 'reviewer', CURRENT_TIMESTAMP, 'tester')");
    AuditVerification v = workbench.checkAudit();
    assertThat(v.problems())
        .containsExactlyInAnyOrder(
            "signoff 1 was deleted outside Assay (audit entry 4 covers it)",
            "user_role row \"mallory\" has no audit entry covering it: it was inserted outside"
                + " Assay");
  }

  @Test
  void aRoleOrModelCardEditedWithSqlIsNamed() throws Exception {
    sql(
        "UPDATE user_role SET role = 'analyst' WHERE os_user = 'tester'",
        "UPDATE model_card SET limitations = 'none'");
    AuditVerification v = workbench.checkAudit();
    assertThat(v.problems())
        .containsExactly(
            "user_role row \"tester\" was changed outside Assay: it no longer matches audit entry 3",
            "model_card row "
                + model.id()
                + " was changed outside Assay: it no longer matches"
                + " audit entry 5");
  }

  @Test
  void aForgedCheckpointLineIsRefused() throws Exception {
    List<String> lines = Files.readAllLines(anchors.checkpointLog());
    String last = lines.getLast();
    String forged = last.replace("\"entries\":5", "\"entries\":3");
    assertThat(forged).isNotEqualTo(last);
    Files.writeString(
        anchors.checkpointLog(), forged + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    AuditVerification v = workbench.checkAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.problems().getFirst())
        .contains("line " + (lines.size() + 1))
        .contains("signature does not verify")
        .contains("edited or forged");
  }

  @Test
  void aTruncatedCheckpointFileIsFoundThroughTheMirror() throws Exception {
    Files.delete(anchors.checkpointLog());
    AuditVerification v = workbench.checkAudit();
    assertThat(v.intact()).isFalse();
    assertThat(v.problems())
        .anyMatch(p -> p.contains("holds no checkpoint but the mirror holds one of 5"));
  }

  @Test
  void theHmacKeyIsReadableByItsOwnerOnlyAndOutsideTheWorkbench() throws Exception {
    Path key = anchors.hmacKeyFile();
    assertThat(key).exists();
    assertThat(key.startsWith(home.root())).isFalse();
    if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(key))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
  }

  @Test
  void aWorkbenchFromBeforeCheckpointsOpensVerifiesAndSaysWhatIsNotAnchored() throws Exception {
    workbench.close();
    // what an older Assay left: entries without covered records, no checkpoint file, the marker
    sql(
        "INSERT INTO workbench_fact (fact_key, fact_value)"
            + " VALUES ('audit.coverage.baseline', 'pending')");
    rewriteChain("UPDATE audit_entry SET covers = NULL");
    Files.delete(anchors.checkpointLog());
    Files.delete(anchors.mirrorLog());
    workbench = open();

    AuditVerification v = workbench.checkAudit();
    assertThat(v.problems()).isEmpty();
    assertThat(v.entries()).isEqualTo(6);
    assertThat(workbench.auditEntries().getLast().action()).isEqualTo("audit.baseline");
    assertThat(workbench.auditEntries().getLast().coveredRecords()).hasSize(3);
    assertThat(v.notes())
        .anyMatch(
            n -> n.startsWith("nothing before the first checkpoint (") && n.contains("5 entries"));

    sql("UPDATE signoff SET decision = 'rejected'");
    assertThat(workbench.checkAudit().problems())
        .containsExactly("signoff 1 was changed outside Assay: it no longer matches audit entry 6");
  }

  @Test
  void aSiteKeySignsCheckpointsAndAForgedLineStillFails() throws Exception {
    workbench.close();
    Path keys = temp.resolve("keys");
    dev.assay.core.security.SigningKeys.write(
        dev.assay.core.security.SigningKeys.generate(), keys, "site");
    anchors =
        new AuditAnchors(
            anchors.checkpointLog(), null, anchors.hmacKeyFile(), keys.resolve("site.key"));
    workbench = open();
    workbench.reviews().grant("bob", Role.ANALYST);
    reopen();

    AuditVerification v = workbench.checkAudit();
    assertThat(v.problems()).isEmpty();
    assertThat(v.trusted().keyId()).startsWith("ed25519:");
    assertThat(v.trusted().entries()).isEqualTo(6);

    String last = Files.readAllLines(anchors.checkpointLog()).getLast();
    Files.writeString(
        anchors.checkpointLog(),
        last.replace("\"entries\":6", "\"entries\":7") + "\n",
        StandardOpenOption.APPEND);
    assertThat(workbench.checkAudit().problems())
        .anyMatch(p -> p.contains("signature does not verify with key ed25519:"));
  }

  @Test
  void removingAModelVersionWithItsCardRecordsTheRemovalAndStaysIntact() {
    workbench.modelCards().save(first, new ModelCard("risk team", "", "", "", null, null));
    workbench.models().remove(dev.assay.core.model.ModelRef.parse(first.ref()));
    AuditVerification v = workbench.checkAudit();
    assertThat(v.problems()).isEmpty();
    assertThat(workbench.auditEntries().getLast().coveredRecords())
        .singleElement()
        .extracting(Cover::isRemoval)
        .isEqualTo(true);
  }

  @Test
  void theChainCoversEachRecordWithItsContentHash() {
    AuditLog.Entry signoff = workbench.auditEntries().get(3);
    assertThat(signoff.action()).isEqualTo("signoff.approved");
    assertThat(signoff.coveredRecords()).hasSize(1);
    Cover cover = signoff.coveredRecords().getFirst();
    assertThat(cover.table()).isEqualTo(CoveredTable.SIGNOFF);
    assertThat(cover.key()).isEqualTo("1");
    assertThat(cover.sha256()).hasSize(64);
  }
}
