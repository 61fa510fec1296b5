package dev.assay.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the workbench database: schema checks, error codes and settings. */
class DatabaseTest {
  @TempDir Path dir;

  @Test
  void theNewestVersionConstantIsTheNewestMigrationFile() throws Exception {
    URL folder = getClass().getClassLoader().getResource("db/migration");
    Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
    int newest;
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      newest =
          files
              .map(f -> name.matcher(f.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .max()
              .orElseThrow();
    }
    assertThat(SchemaMigration.NEWEST_VERSION)
        .as("raise SchemaMigration.NEWEST_VERSION with every new migration")
        .isEqualTo(newest);
  }

  @Test
  void aNewDatabaseIsMigratedAndThenRecognisedAsCurrentWithoutFlyway() throws Exception {
    JdbcDataSource plain = new JdbcDataSource();
    plain.setURL("jdbc:h2:file:" + dir.resolve("db").resolve("assay") + ";DB_CLOSE_DELAY=0");
    plain.setUser("assay");
    plain.setPassword("");
    Database.open(dir.resolve("db")).close();
    assertThat(SchemaMigration.isCurrent(plain)).isTrue();
    try (var connection = plain.getConnection();
        var rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).as("commits are written before they return").isEqualTo("0");
    }
  }

  @Test
  void anotherProcessHoldingTheFileIsBusyNotAnEncryptionProblem() {
    assertThat(H2Failure.of(new SQLException("Database may be already in use", "90020", 90020)))
        .isEqualTo(H2Failure.BUSY);
    assertThat(
            H2Failure.of(
                new SQLException(
                    "Error opening database: \"Lock file recently modified\" [8000-252]",
                    "8000",
                    8000)))
        .isEqualTo(H2Failure.BUSY);
    assertThat(
            H2Failure.of(
                new SQLException(
                    "IO Exception: \"java.io.IOException: org.h2.message.DbException: Connection is"
                        + " broken: \"\"session closed\"\" [90067-252]\" [90028-252]",
                    "90028",
                    90028)))
        .isEqualTo(H2Failure.BUSY);
    assertThat(H2Failure.of(new SQLException("IO Exception: disk full", "90028", 90028)))
        .isEqualTo(H2Failure.OTHER);
    assertThat(H2Failure.of(new SQLException("Encryption error", "90049", 90049)))
        .isEqualTo(H2Failure.WRONG_PASSPHRASE);
    assertThat(H2Failure.of(new SQLException("File corrupted", "90030", 90030)))
        .isEqualTo(H2Failure.UNREADABLE);
  }
}
