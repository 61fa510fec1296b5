package dev.assay.core.store;

import dev.assay.core.AssayException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * on the loopback interface. Where the loopback interface is down (a sandbox without any network,
 * such as {@code unshare -n}), the database is opened by this process alone instead of waiting for
 * H2's server port to time out.
 */
public final class Database implements AutoCloseable {
  private final JdbcConnectionPool pool;
  private final String url;

  private Database(JdbcConnectionPool pool, String url) {
    this.pool = pool;
    this.url = url;
  }

  /** Opens (creating and migrating when needed) the unencrypted database in {@code directory}. */
  public static Database open(Path directory) {
    return open(directory, null);
  }

  /**
   * Opens (creating and migrating when needed) the database in {@code directory}.
   *
   * @param passphrase null for an unencrypted database; otherwise the database file is encrypted
   *     with AES under this passphrase (a new database is created encrypted). A lost passphrase
   *     cannot be recovered.
   * @throws EncryptedDatabaseException when the database is encrypted and the passphrase is missing
   *     or wrong
   */
  public static Database open(Path directory, char[] passphrase) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new AssayException(
          "cannot create the database folder " + directory + ": " + e.getMessage(), e);
    }
    boolean encrypted = passphrase != null && passphrase.length > 0;
    String url =
        "jdbc:h2:file:"
            + directory.resolve("assay").toAbsolutePath()
            + (encrypted ? ";CIPHER=AES" : "")
            + (loopbackWorks() ? ";AUTO_SERVER=TRUE" : "")
            + ";DB_CLOSE_DELAY=0";
    // H2 takes "<file password> <user password>" when the file is encrypted.
    String password = encrypted ? new String(passphrase) + " " : "";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "assay", password);
    pool.setMaxConnections(8);
    try (java.sql.Connection probe = pool.getConnection()) {
      probe.isValid(1);
    } catch (SQLException e) {
      pool.dispose();
      boolean unreadable = e.getErrorCode() == 90030 && !encrypted;
      if (unreadable) {
        throw new EncryptedDatabaseException(
            "the workbench database in "
                + directory
                + " cannot be read: it is encrypted (give its passphrase: environment variable"
                + " ASSAY_DB_PASSPHRASE or ASSAY_DB_PASSPHRASE_FILE) or damaged");
      }
      if (e.getErrorCode() == 90049 || e.getErrorCode() == 28000 || e.getErrorCode() == 90020) {
        throw new EncryptedDatabaseException(
            encrypted
                ? "the workbench database in "
                    + directory
                    + " cannot be opened with this passphrase (wrong passphrase, or the database is"
                    + " not encrypted)"
                : "the workbench database in "
                    + directory
                    + " is encrypted: give its passphrase (environment variable ASSAY_DB_PASSPHRASE"
                    + " or --passphrase-file FILE)");
      }
      throw new AssayException(
          "cannot open the workbench database in " + directory + ": " + e.getMessage(), e);
    }
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

  /**
   * Whether a TCP connection to this machine's loopback interface succeeds, which H2's mixed mode
   * needs; without it H2 waits about 20 s for its own server port before failing.
   */
  static boolean loopbackWorks() {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 1, loopback);
        Socket client = new Socket()) {
      client.connect(new InetSocketAddress(loopback, server.getLocalPort()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
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
