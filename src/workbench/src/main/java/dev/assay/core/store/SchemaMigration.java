package dev.assay.core.store;

import dev.assay.core.AssayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.util.ScriptReader;

/**
 * Brings the schema up to date. When Flyway's history already ends with the newest migration this
 * build carries (every start but the first after an upgrade), one query settles it and Flyway is
 * not even loaded: its class loading, classpath scan and validation cost a CLI call about as much
 * as the command itself. Otherwise Flyway migrates under a file lock beside the database, so that
 * processes starting together on a new workbench migrate one after the other; the later ones find
 * the schema current. A new, empty database is created from one baseline script instead (the schema
 * and Flyway's history of the migrations up to it), and Flyway only runs migrations added after the
 * baseline.
 */
final class SchemaMigration {
  /**
   * The version of the newest migration in {@code src/main/resources/db/migration}. Raise it with
   * every new migration ({@code SchemaMigrationTest} fails until it matches).
   */
  static final int NEWEST_VERSION = 21;

  private static final String LOCK_FILE = "migration.lock";

  private static final String HISTORY = "flyway_schema_history";

  /** The schema of a new database (see {@code SchemaBaselineScript} in the tests). */
  static final String BASELINE_SCRIPT = "db/baseline/schema.sql";

  private SchemaMigration() {}

  /**
   * Migrates the database behind {@code source} unless its schema is current.
   *
   * @param directory the database folder (holds the lock file)
   * @throws AssayException when the migration fails
   * @throws DatabaseBusyException when another process migrates for longer than {@code patience}
   */
  static void bringUpToDate(
      DataSource source, Path directory, Patience patience, BooleanSupplier current) {
    if (current.getAsBoolean()) {
      return;
    }
    // one thread of this JVM at a time: two channels on the lock file in one JVM would release
    // each other's lock when either closes
    synchronized (SchemaMigration.class) {
      try (FileChannel channel =
              FileChannel.open(
                  directory.resolve(LOCK_FILE),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lock(channel, directory, patience)) {
        while (!current.getAsBoolean()) {
          try {
            if (createFromBaseline(source)) {
              continue; // current unless migrations were added after the baseline
            }
            Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load()
                .migrate();
          } catch (FlywayException e) {
            // the mixed-mode server went away under Flyway: its work was rolled back, try again
            if (!busy(e) || !patience.pause()) {
              throw e;
            }
          } catch (SQLException e) {
            if (H2Failure.of(e) != H2Failure.BUSY || !patience.pause()) {
              throw new AssayException(
                  "cannot create the workbench database in "
                      + directory
                      + ": "
                      + H2Failure.shortMessage(e),
                  e);
            }
          }
        }
      } catch (IOException e) {
        throw new AssayException(
            "cannot lock the workbench database in " + directory + ": " + e.getMessage(), e);
      } catch (FlywayException e) {
        throw new AssayException(
            "cannot update the workbench database in " + directory + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Creates the schema of an empty database in one step from {@link #BASELINE_SCRIPT}: the tables
   * of every migration up to the baseline's and Flyway's history of them, so Flyway (not even
   * loaded here) later finds them applied and runs only newer ones. A new workbench's 19 Flyway
   * migrations took about a quarter of its first command's main thread.
   *
   * @return false, doing nothing, when the database already holds a table (unless it holds only the
   *     empty tables an interrupted run of the script left)
   */
  static boolean createFromBaseline(DataSource source) throws SQLException {
    List<String> statements = baselineStatements();
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement()) {
      Set<String> tables = publicTables(connection);
      if (!tables.isEmpty()) {
        if (!unfinishedBaseline(connection, tables, statements)) {
          return false;
        }
        // a process stopped while it ran this script (H2's DDL is not transactional): only the
        // script's own, empty tables are there and Flyway's history names no version, so no
        // command has used it; start again from nothing
        statement.execute("DROP ALL OBJECTS");
      }
      for (String sql : statements) {
        statement.execute(sql);
      }
      return true;
    }
  }

  /**
   * The baseline script's statements, read here: not by H2's RUNSCRIPT, which a database served by
   * another process would run from that process's class path.
   */
  private static List<String> baselineStatements() {
    List<String> statements = new ArrayList<>();
    try (InputStream in = SchemaMigration.class.getResourceAsStream("/" + BASELINE_SCRIPT);
        ScriptReader script =
            new ScriptReader(
                new InputStreamReader(
                    Objects.requireNonNull(in, BASELINE_SCRIPT), StandardCharsets.UTF_8))) {
      for (String sql = script.readStatement(); sql != null; sql = script.readStatement()) {
        if (!sql.isBlank()) {
          statements.add(sql);
        }
      }
    } catch (IOException e) {
      throw new AssayException("cannot read " + BASELINE_SCRIPT + ": " + e.getMessage(), e);
    }
    return statements;
  }

  private static Set<String> publicTables(Connection connection) throws SQLException {
    Set<String> tables = new HashSet<>();
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  /**
   * Whether the database holds what an interrupted run of the baseline script leaves: only tables
   * the script creates, and Flyway's history, written in the script's very last statement, absent
   * or empty. No command uses a database before that history names the newest version, so nothing
   * of a user's can be in it. A database Flyway migrated, or one that is not a workbench's, is
   * never touched.
   */
  private static boolean unfinishedBaseline(
      Connection connection, Set<String> tables, List<String> statements) throws SQLException {
    for (String table : tables) {
      java.util.regex.Pattern created =
          java.util.regex.Pattern.compile(
              "(?m)^CREATE [A-Z ]*TABLE \"PUBLIC\"\\.\""
                  + java.util.regex.Pattern.quote(table)
                  + "\"\\(");
      if (statements.stream().noneMatch(sql -> created.matcher(sql).find())) {
        return false;
      }
    }
    if (!tables.contains(HISTORY)) {
      return true;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM \"" + HISTORY + "\"")) {
      return rs.next() && rs.getLong(1) == 0;
    }
  }

  private static boolean busy(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SQLException sql && H2Failure.of(sql) == H2Failure.BUSY) {
        return true;
      }
    }
    return false;
  }

  /** Whether Flyway's newest successful migration is {@link #NEWEST_VERSION}. */
  static boolean isCurrent(DataSource source) throws SQLException {
    try (Connection connection = source.getConnection()) {
      return isCurrent(connection);
    }
  }

  /** Whether Flyway's newest successful migration is {@link #NEWEST_VERSION}. */
  static boolean isCurrent(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""
                    + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC LIMIT 1");
        ResultSet rs = query.executeQuery()) {
      return rs.next() && String.valueOf(NEWEST_VERSION).equals(rs.getString(1));
    } catch (SQLException e) {
      if (H2Failure.of(e) == H2Failure.NO_TABLE) {
        return false;
      }
      throw e;
    }
  }

  private static FileLock lock(FileChannel channel, Path directory, Patience patience)
      throws IOException {
    while (true) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock != null) {
        return lock;
      }
      if (!patience.pause()) {
        throw new DatabaseBusyException(
            "another Assay process is still updating the workbench database in "
                + directory
                + "; try again when it has finished",
            null);
      }
    }
  }
}
