package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Sha256;
import dev.assay.core.audit.AuditVerification;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.Database;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A completed run's per-row predictions live in the workbench's prediction store as {@code
 * <sha256>.pred}, named by the row (which the audit trail covers); runs stored before keep theirs
 * in the database and still read.
 */
class RunStorePredictionFilesTest {
  @TempDir Path dir;

  private long evaluate(TestWorkbench bench) {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda");
    DatasetVersion data =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    return bench.run(TestWorkbench.request(model, data, "deny", null)).run().id();
  }

  private Path home() {
    return dir.resolve("home");
  }

  private static List<PredictionsFile.Row> rows(Path file) {
    List<PredictionsFile.Row> rows = new ArrayList<>();
    PredictionsFile.read(file, rows::add);
    return rows;
  }

  private Object[] storedColumns(long run) throws Exception {
    try (Database database = Database.open(home().resolve("db"));
        Connection connection = database.connection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT predictions_sha256, predictions_size, predictions FROM eval_run"
                    + " WHERE id = ?")) {
      query.setLong(1, run);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return new Object[] {rs.getString(1), rs.getLong(2), rs.getBlob(3)};
      }
    }
  }

  @Test
  void predictionsAreAContentAddressedFileNamedByTheRunRowNotABlob() throws Exception {
    long run;
    Path copy = dir.resolve("copy.pred");
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      run = evaluate(bench);
      bench.workbench().runs().copyPredictions(run, copy);
      assertThat(bench.workbench().checkAudit().problems()).isEmpty();
    }
    Object[] stored = storedColumns(run);
    String sha = (String) stored[0];
    Path file = home().resolve("store/predictions").resolve(sha + ".pred");
    assertThat(file).isRegularFile();
    assertThat(Sha256.ofFile(file)).isEqualTo(sha).isEqualTo(Sha256.ofFile(copy));
    assertThat(stored[1]).isEqualTo(Files.size(file));
    assertThat(stored[2]).as("no blob in the database").isNull();
    assertThat(rows(copy)).hasSize(714);
    try (Stream<Path> tmp = Files.walk(home().resolve("tmp"))) {
      assertThat(tmp.map(Path::toString)).noneMatch(name -> name.endsWith(".pred"));
    }
  }

  @Test
  void auditVerifyNamesAnEditedAndADeletedPredictionsFile() throws Exception {
    long run;
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      run = evaluate(bench);
    }
    String sha = (String) storedColumns(run)[0];
    Path file = home().resolve("store/predictions").resolve(sha + ".pred");
    file.toFile().setWritable(true);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      AuditVerification edited = bench.workbench().checkAudit();
      assertThat(edited.intact()).isFalse();
      assertThat(edited.problems())
          .anyMatch(p -> p.contains(sha + ".pred") && p.contains("changed"));
      assertThatThrownBy(() -> bench.workbench().runs().copyPredictions(run, dir.resolve("x")))
          .isInstanceOf(AssayException.class)
          .hasMessageContaining("changed outside Assay");

      Files.delete(file);
      AuditVerification deleted = bench.workbench().checkAudit();
      assertThat(deleted.problems())
          .anyMatch(p -> p.startsWith("eval_run " + run) && p.contains(sha + ".pred is missing"));
    }
  }

  @Test
  void swappingTheRowsHashForAnotherFilesIsDetectedByTheCover() throws Exception {
    long run;
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      run = evaluate(bench);
    }
    Path forged = dir.resolve("forged.pred");
    Files.writeString(forged, "other predictions");
    String forgedSha = Sha256.ofFile(forged);
    Files.copy(forged, home().resolve("store/predictions").resolve(forgedSha + ".pred"));
    try (Database database = Database.open(home().resolve("db"));
        Connection connection = database.connection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE eval_run SET predictions_sha256 = ?, predictions_size = ? WHERE id = ?")) {
      update.setString(1, forgedSha);
      update.setLong(2, Files.size(forged));
      update.setLong(3, run);
      update.executeUpdate();
    }
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      assertThat(bench.workbench().checkAudit().problems())
          .anyMatch(p -> p.contains("eval_run " + run));
    }
  }

  @Test
  void aRunStoredBeforeAsABlobStillReads() throws Exception {
    long run;
    Path fromFile = dir.resolve("from-file.pred");
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      run = evaluate(bench);
      bench.workbench().runs().copyPredictions(run, fromFile);
    }
    String sha = (String) storedColumns(run)[0];
    Path file = home().resolve("store/predictions").resolve(sha + ".pred");
    // as an older build left it: the predictions in the row, no file
    try (Database database = Database.open(home().resolve("db"));
        Connection connection = database.connection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE eval_run SET predictions = ?, predictions_sha256 = NULL,"
                    + " predictions_size = NULL WHERE id = ?");
        InputStream in = Files.newInputStream(file)) {
      update.setBinaryStream(1, in, Files.size(file));
      update.setLong(2, run);
      update.executeUpdate();
    }
    file.toFile().setWritable(true);
    Files.delete(file);
    Path fromBlob = dir.resolve("from-blob.pred");
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      bench.workbench().runs().copyPredictions(run, fromBlob);
    }
    assertThat(Sha256.ofFile(fromBlob)).isEqualTo(Sha256.ofFile(fromFile));
    assertThat(rows(fromBlob)).hasSize(714);
  }
}
