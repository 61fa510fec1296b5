package dev.assay.core.store;

import dev.assay.core.AssayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The workbench database: an embedded H2 file database, migrated by Flyway on open. Several
 * processes (the desktop app and a CLI call) may use it at once through H2's automatic mixed mode
 * on the loopback interface.
 */
public final class Database implements AutoCloseable {
  private final JdbcConnectionPool pool;
  private final String url;

  private Database(JdbcConnectionPool pool, String url) {
    this.pool = pool;
    this.url = url;
  }

  /** Opens (creating and migrating when needed) the database in {@code directory}. */
  public static Database open(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new AssayException(
          "cannot create the database folder " + directory + ": " + e.getMessage(), e);
    }
    String url =
        "jdbc:h2:file:"
            + directory.resolve("assay").toAbsolutePath()
            + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=0";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "assay", "");
    pool.setMaxConnections(8);
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .loggers("slf4j")
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.dispose();
      throw new AssayException(
          "cannot open the workbench database in " + directory + ": " + e.getMessage(), e);
    }
    return new Database(pool, url);
  }

  /** A pooled connection; the caller closes it. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public <T> T inTransaction(TransactionalWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  /** Runs read-only {@code work} on a pooled connection. */
  public <T> T read(TransactionalWork<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    pool.dispose();
  }

  /** Database work that may throw {@link SQLException}. */
  @FunctionalInterface
  public interface TransactionalWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
