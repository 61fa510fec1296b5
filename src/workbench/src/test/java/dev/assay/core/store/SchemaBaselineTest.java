package dev.assay.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new workbench's database is created from the baseline script, an existing one is migrated by
 * Flyway; both give the database Flyway gives from empty: the same DDL (H2's SCRIPT), the same
 * INFORMATION_SCHEMA, the same rows and the same Flyway history (checksums included).
 */
class SchemaBaselineTest {
  /** INFORMATION_SCHEMA columns that say when or how big, not what. */
  private static final Set<String> VOLATILE =
      Set.of("LAST_MODIFICATION", "ROW_COUNT_ESTIMATE", "TABLE_CATALOG", "CONSTRAINT_CATALOG");

  @TempDir Path dir;

  @Test
  void aNewDatabaseFromTheBaselineIsTheDatabaseFlywayMakes() throws Exception {
    Path flyway = dir.resolve("flyway");
    flyway(flyway, null);
    Path created = dir.resolve("created");
    Database.open(created).close();

    assertThat(baselineUsed(created)).as("created from the baseline script").isTrue();
    assertThat(baselineUsed(flyway)).isFalse();
    assertThat(script(created)).isEqualTo(script(flyway));
    assertThat(informationSchema(created)).isEqualTo(informationSchema(flyway));
    assertThatCode(() -> flywayOn(created).validate())
        .as("Flyway finds every migration applied, with its checksum")
        .doesNotThrowAnyException();
  }

  @Test
  void anExistingDatabaseIsStillMigratedByFlyway() throws Exception {
    Path flyway = dir.resolve("flyway");
    flyway(flyway, null);
    Path older = dir.resolve("older");
    flyway(older, String.valueOf(SchemaMigration.NEWEST_VERSION - 1));
    Database.open(older).close();

    assertThat(baselineUsed(older)).isFalse();
    assertThat(script(older)).isEqualTo(script(flyway));
    assertThat(informationSchema(older)).isEqualTo(informationSchema(flyway));
  }

  @Test
  void theBaselineIsOnlyUsedOnAnEmptyDatabase() throws Exception {
    Path older = dir.resolve("older");
    flyway(older, "1");
    org.h2.jdbcx.JdbcDataSource source = new org.h2.jdbcx.JdbcDataSource();
    source.setURL(url(older));
    source.setUser("assay");
    source.setPassword("");
    assertThat(SchemaMigration.createFromBaseline(source)).isFalse();
    assertThat(SchemaMigration.isCurrent(source)).isFalse();
  }

  @Test
  void aBaselineInterruptedHalfWayIsStartedAgainOnTheNextOpen() throws Exception {
    // H2's DDL commits statement by statement: a process killed in the middle of the script leaves
    // some of its tables and no history; the next open must not be stuck with them
    List<String> statements = baselineStatements();
    Path flyway = dir.resolve("flyway");
    flyway(flyway, null);
    Path interrupted = dir.resolve("interrupted");
    try (Connection connection = connect(interrupted);
        Statement statement = connection.createStatement()) {
      for (String sql : statements.subList(0, statements.size() / 2)) {
        statement.execute(sql);
      }
    }
    Database.open(interrupted).close();

    assertThat(script(interrupted)).isEqualTo(script(flyway));
  }

  @Test
  void aDatabaseWithATableTheBaselineDoesNotMakeIsNeverStartedAgain() throws Exception {
    Path foreign = dir.resolve("foreign");
    try (Connection connection = connect(foreign);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE NOTES(ID INT)");
    }
    org.h2.jdbcx.JdbcDataSource source = new org.h2.jdbcx.JdbcDataSource();
    source.setURL(url(foreign));
    source.setUser("assay");
    source.setPassword("");
    assertThat(SchemaMigration.createFromBaseline(source)).isFalse();
    try (Connection connection = connect(foreign);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM NOTES")) {
      assertThat(rs.next()).isTrue();
    }
  }

  private List<String> baselineStatements() throws Exception {
    List<String> statements = new ArrayList<>();
    try (var in = getClass().getResourceAsStream("/" + SchemaMigration.BASELINE_SCRIPT);
        var script =
            new org.h2.util.ScriptReader(
                new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
      for (String sql = script.readStatement(); sql != null; sql = script.readStatement()) {
        if (!sql.isBlank()) {
          statements.add(sql.strip());
        }
      }
    }
    return statements;
  }

  @Test
  void theBaselineRecordsItsVersionsOnlyInItsLastStatement() throws Exception {
    // another process takes the schema as current once Flyway's history names the newest version:
    // written earlier, it would use tables not made yet (seen in ConcurrentCliTest)
    List<String> statements = new ArrayList<>();
    try (var in = getClass().getResourceAsStream("/" + SchemaMigration.BASELINE_SCRIPT);
        var script =
            new org.h2.util.ScriptReader(
                new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
      for (String sql = script.readStatement(); sql != null; sql = script.readStatement()) {
        if (!sql.isBlank()) {
          statements.add(sql.strip());
        }
      }
    }
    assertThat(statements.getLast()).startsWith("INSERT INTO \"PUBLIC\".\"flyway_schema_history\"");
    assertThat(statements.subList(0, statements.size() - 1))
        .noneMatch(sql -> sql.startsWith("INSERT INTO \"PUBLIC\".\"flyway_schema_history\""));
  }

  private static Flyway flywayOn(Path folder) {
    return Flyway.configure()
        .dataSource(url(folder), "assay", "")
        .locations("classpath:db/migration")
        .loggers("slf4j")
        .load();
  }

  private static void flyway(Path folder, String target) {
    var configuration =
        Flyway.configure()
            .dataSource(url(folder), "assay", "")
            .locations("classpath:db/migration")
            .loggers("slf4j");
    if (target != null) {
      configuration.target(target);
    }
    configuration.load().migrate();
  }

  private static String url(Path folder) {
    return "jdbc:h2:file:" + folder.resolve("assay").toAbsolutePath() + ";DB_CLOSE_DELAY=0";
  }

  private static Connection connect(Path folder) throws SQLException {
    return DriverManager.getConnection(url(folder), "assay", "");
  }

  /** Whether Flyway's history was written by the baseline (no execution time, one instant). */
  private static boolean baselineUsed(Path folder) throws SQLException {
    try (Connection connection = connect(folder);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT COUNT(DISTINCT \"installed_on\") FROM \"flyway_schema_history\"")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  /** H2's SCRIPT of the database, the history's times left out. */
  private static List<String> script(Path folder) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection connection = connect(folder);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SCRIPT NOPASSWORDS NOSETTINGS")) {
      while (rs.next()) {
        lines.add(
            rs.getString(1)
                .replaceAll("TIMESTAMP '[^']*'", "TIME")
                .replaceAll(", -?\\d+, TRUE\\)", ", TRUE)"));
      }
    }
    return lines;
  }

  /**
   * Every row of the INFORMATION_SCHEMA views that describe tables, columns, keys and indexes,
   * without the indexes H2 makes by itself to back a constraint ({@code IS_GENERATED}) and which
   * index backs a constraint: replayed in SCRIPT's order (indexes before foreign keys), H2 backs a
   * foreign key with the declared index on its column, where the migrations, which declared the
   * index after the key, left it a second, generated one (four tables). The declared schema,
   * indexes included, is compared in full.
   */
  private static List<String> informationSchema(Path folder) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = connect(folder);
        Statement statement = connection.createStatement()) {
      Set<String> generated = new java.util.HashSet<>();
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE IS_GENERATED")) {
        while (rs.next()) {
          generated.add(rs.getString(1));
        }
      }
      for (String view :
          List.of(
              "TABLES",
              "COLUMNS",
              "TABLE_CONSTRAINTS",
              "KEY_COLUMN_USAGE",
              "REFERENTIAL_CONSTRAINTS",
              "CHECK_CONSTRAINTS",
              "INDEXES",
              "INDEX_COLUMNS",
              "SEQUENCES")) {
        List<String> viewRows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT * FROM INFORMATION_SCHEMA." + view)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder(view);
            boolean system = false;
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              String name = meta.getColumnName(c);
              String value = String.valueOf(rs.getObject(c));
              if (name.endsWith("_SCHEMA") && value.equals("INFORMATION_SCHEMA")) {
                system = true;
              }
              if (name.equals("INDEX_NAME")
                  && generated.contains(value)
                  && !view.equals("TABLE_CONSTRAINTS")) {
                system = true;
              }
              boolean backing = name.equals("INDEX_NAME") && view.equals("TABLE_CONSTRAINTS");
              if (!VOLATILE.contains(name) && !backing) {
                row.append(' ').append(name).append('=').append(value);
              }
            }
            if (!system) {
              viewRows.add(row.toString());
            }
          }
        }
        viewRows.sort(null);
        rows.addAll(viewRows);
      }
    }
    return rows;
  }
}
