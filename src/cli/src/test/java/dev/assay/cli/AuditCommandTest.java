package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.testing.TestModels;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay audit verify} and {@code assay signoff status} after someone edited the database
 * file with SQL between two commands.
 */
class AuditCommandTest {
  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  private void sql(String... statements) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + dir.resolve("home/db/assay") + ";AUTO_SERVER=TRUE", "assay", "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.executeUpdate(statement);
      }
    }
  }

  @BeforeEach
  void anEvaluatedAndSignedOffModel() {
    assertThat(assay("models", "import", TestModels.sample("hmda-deny-v2.onnx").toString()).code())
        .isZero();
    CliRun.Outcome eval =
        assay(
            "eval",
            "--model",
            "hmda-deny-v2",
            "--data",
            TestModels.repoRoot().resolve("models/data/hmda_test.csv").toString(),
            "--target",
            "deny");
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(assay("roles", "grant", "tester", "--role", "reviewer").code()).isZero();
    CliRun.Outcome signed = assay("signoff", "sign", "hmda-deny-v2", "--decision", "approved");
    assertThat(signed.code()).as(signed.err()).isZero();
  }

  @Test
  void anUntouchedTrailVerifiesAndNamesTheCheckpointItTrusted() {
    CliRun.Outcome v = assay("audit", "verify");
    assertThat(v.code()).as(v.err()).isZero();
    assertThat(v.out())
        .containsPattern("trusted checkpoint: \\S+, \\d+ entries \\(last seq \\d+\\), key hmac")
        .contains("audit trail intact:")
        .contains("covered records match");
    assertThat(assay("signoff", "status", "hmda-deny-v2").code()).isZero();
  }

  @Test
  void aSignOffTurnedIntoARejectionWithSqlFailsVerifyAndStatus() throws Exception {
    sql("UPDATE signoff SET decision = 'rejected'");

    CliRun.Outcome v = assay("audit", "verify");
    assertThat(v.code()).isEqualTo(1);
    assertThat(v.err())
        .contains("assay: audit trail broken: signoff 1 was changed outside Assay")
        .doesNotContain("Exception");

    CliRun.Outcome status = assay("signoff", "status", "hmda-deny-v2");
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.out()).contains("rejected");
    assertThat(status.err()).contains("assay: signoff 1 was changed outside Assay");
  }

  @Test
  void aStoredRunResultEditedWithSqlIsNamed() throws Exception {
    sql("UPDATE eval_run SET result_json = REPLACE(result_json, '\"accuracy\"', '\"accuracy_\"')");
    CliRun.Outcome v = assay("audit", "verify");
    assertThat(v.code()).isEqualTo(1);
    assertThat(v.err()).contains("eval_run 1 was changed outside Assay");
  }

  @Test
  void deletingTheNewestEntriesAndFixingTheHeadFailsVerify() throws Exception {
    sql(
        "DELETE FROM signoff",
        "DELETE FROM user_role",
        "DELETE FROM audit_entry WHERE action IN ('signoff.approved', 'role.grant')",
        "UPDATE audit_head SET entries = (SELECT COUNT(*) FROM audit_entry),"
            + " last_seq = (SELECT MAX(seq) FROM audit_entry),"
            + " last_hash = (SELECT entry_hash FROM audit_entry ORDER BY seq DESC LIMIT 1)");
    CliRun.Outcome v = assay("audit", "verify");
    assertThat(v.code()).isEqualTo(1);
    assertThat(v.err())
        .contains("assay: audit trail broken: the chain has")
        .contains("entries were deleted and the head record rewritten");
  }
}
