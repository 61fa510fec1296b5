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
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The workbench database: an embedded H2 file database, migrated by Flyway on open. Any number of
 * processes (the desktop app and CLI calls) may use it at once through H2's automatic mixed mode on
 * the loopback interface. Where the loopback interface is down (a sandbox without any network, such
 * as {@code unshare -n}), the database is opened by this process alone instead of waiting for H2's
 * server port to time out.
 *
 * <p><b>Many processes.</b> Opening the file races with other processes opening or closing it (H2's
 * file lock, its lock file being written, the serving process going away), and a transaction may
 * meet a row another process has locked. Such failures are tried again with growing pauses for up
 * to {@link #DEFAULT_WAIT} in all; then the step fails with a {@link DatabaseBusyException} that
 * says so. A transaction is retried as a whole after its rollback, so its work must not have side
 * effects outside the database that cannot be repeated.
 *
 * <p><b>Durability.</b> The database is opened with {@code WRITE_DELAY=0}: a commit is written to
 * the file before {@code commit()} returns, so a process killed right after reporting a result
 * cannot lose it (H2's default keeps commits in memory for up to half a second). The file is not
 * forced to the device on every commit: a killed process loses nothing, a power cut may lose the
 * last commits of the moment.
 */
public final class Database implements AutoCloseable {
  /** How long one step (opening, a transaction) waits for other processes before giving up. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  /** How long one statement waits for a row or table lock before H2 reports a lock timeout. */
  static final int LOCK_TIMEOUT_MS = 10_000;

  private final Path directory;
  private final String url;
  private final String password;
  private final Duration wait;
  private volatile JdbcConnectionPool pool;

  private Database(Path directory, String url, String password, Duration wait) {
    this.directory = directory;
    this.url = url;
    this.password = password;
    this.wait = wait;
    this.pool = newPool();
  }

  /** Opens (creating and migrating when needed) the unencrypted database in {@code directory}. */
  public static Database open(Path directory) {
    return open(directory, null);
  }

  /**
   * Opens (creating and migrating when needed) the database in {@code directory}, waiting up to
   * {@link #DEFAULT_WAIT} for other processes.
   *
   * @param passphrase null for an unencrypted database; otherwise the database file is encrypted
   *     with AES under this passphrase (a new database is created encrypted). A lost passphrase
   *     cannot be recovered.
   * @throws EncryptedDatabaseException when the database is encrypted and the passphrase is missing
   *     or wrong
   * @throws DatabaseBusyException when other processes kept the database busy for too long
   * @throws AssayException when the database cannot be opened or migrated for another reason
   */
  public static Database open(Path directory, char[] passphrase) {
    return open(directory, passphrase, DEFAULT_WAIT);
  }

  /**
   * Opens the database in {@code directory} like {@link #open(Path, char[])}, waiting up to {@code
   * wait} for other processes in each step.
   *
   * @throws EncryptedDatabaseException when the database is encrypted and the passphrase is missing
   *     or wrong
   * @throws DatabaseBusyException when other processes kept the database busy for too long
   * @throws AssayException when the database cannot be opened or migrated for another reason
   */
  public static Database open(Path directory, char[] passphrase, Duration wait) {
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
            + ";DB_CLOSE_DELAY=0;WRITE_DELAY=0;LOCK_TIMEOUT="
            + LOCK_TIMEOUT_MS;
    // H2 takes "<file password> <user password>" when the file is encrypted.
    String password = encrypted ? new String(passphrase) + " " : "";
    Database database = new Database(directory, url, password, wait);
    try {
      database.probe(encrypted);
      SchemaMigration.bringUpToDate(
          database.pool,
          directory,
          Patience.of(wait),
          () -> database.read(SchemaMigration::isCurrent));
      return database;
    } catch (SQLException e) {
      database.close();
      throw database.failure(e, "open");
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * Opens the database in {@code directory} for reading only, when that can be done at once: the
   * file exists, no other process has it open, it is not encrypted with another passphrase and its
   * schema is current. Otherwise (or on any failure) returns empty, and the caller opens it the
   * usual way with {@link #open(Path, char[])}, which waits for, or connects to, the process
   * holding it.
   *
   * <p>Opened so, the file is shared-locked by H2 without its mixed-mode TCP server (which builds
   * an in-memory management database at every start, a large part of a short command's time) and
   * without writing anything: H2 refuses it while another process holds the file (its lock file or
   * the file's own lock), and a process that opens the file meanwhile waits for this one like for
   * any other holder ({@link H2Failure#BUSY}). What is read is what the last writer committed. Any
   * write through this database fails.
   */
  public static java.util.Optional<Database> openForReading(Path directory, char[] passphrase) {
    if (!Files.isRegularFile(directory.resolve("assay.mv.db"))
        || Files.exists(directory.resolve("assay.lock.db"))) {
      return java.util.Optional.empty();
    }
    boolean encrypted = passphrase != null && passphrase.length > 0;
    String url =
        "jdbc:h2:file:"
            + directory.resolve("assay").toAbsolutePath()
            + (encrypted ? ";CIPHER=AES" : "")
            + ";ACCESS_MODE_DATA=r;DB_CLOSE_DELAY=0;LOCK_TIMEOUT="
            + LOCK_TIMEOUT_MS;
    String password = encrypted ? new String(passphrase) + " " : "";
    Database database = new Database(directory, url, password, DEFAULT_WAIT);
    try (Connection connection = database.pool.getConnection()) {
      if (SchemaMigration.isCurrent(connection)) {
        return java.util.Optional.of(database);
      }
    } catch (SQLException | RuntimeException e) {
      // held by another process, encrypted, damaged: the usual open says or waits
    }
    database.close();
    return java.util.Optional.empty();
  }

  /** Connects once, waiting while other processes hold the file. */
  private void probe(boolean encrypted) throws SQLException {
    Patience patience = Patience.of(wait);
    while (true) {
      try (Connection probe = pool.getConnection()) {
        probe.isValid(1);
        return;
      } catch (SQLException e) {
        switch (H2Failure.of(e)) {
          case UNREADABLE -> {
            if (!encrypted) {
              throw new EncryptedDatabaseException(
                  "the workbench database in "
                      + directory
                      + " cannot be read: it is encrypted (give its passphrase: environment"
                      + " variable ASSAY_DB_PASSPHRASE or ASSAY_DB_PASSPHRASE_FILE) or damaged");
            }
            throw e;
          }
          case WRONG_PASSPHRASE ->
              throw new EncryptedDatabaseException(
                  encrypted
                      ? "the workbench database in "
                          + directory
                          + " cannot be opened with this passphrase (wrong passphrase, or the"
                          + " database is not encrypted)"
                      : "the workbench database in "
                          + directory
                          + " is encrypted: give its passphrase (environment variable"
                          + " ASSAY_DB_PASSPHRASE or ASSAY_DB_PASSPHRASE_FILE)");
          case BUSY -> {
            renewPool();
            if (!patience.pause()) {
              throw e;
            }
          }
          default -> throw e;
        }
      }
    }
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

  /**
   * A pooled connection; the caller closes it. Unlike {@link #inTransaction} and {@link #read}, it
   * does not wait for other processes.
   *
   * @throws SQLException when no connection can be made
   */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * When another process holds what the work needs (a lock, the file), the work is rolled back and
   * run again after a pause, up to the wait given at open.
   *
   * @throws DatabaseBusyException when other processes kept the database busy for too long
   * @throws StoreException when the database fails otherwise
   */
  public <T> T inTransaction(TransactionalWork<T> work) {
    return withRetries(work, Mode.TRANSACTION);
  }

  /**
   * Runs read-only {@code work} on a pooled connection, again after a pause when another process
   * holds what it needs.
   *
   * @throws DatabaseBusyException when other processes kept the database busy for too long
   * @throws StoreException when the database fails otherwise
   */
  public <T> T read(TransactionalWork<T> work) {
    return withRetries(work, Mode.STATEMENTS);
  }

  /**
   * Runs read-only {@code work} in one snapshot transaction: every statement sees the database as
   * committed when the work's first statement ran, whatever other connections and processes commit
   * meanwhile. For reads that compare tables with each other (the audit trail against the rows it
   * covers), which a statement-by-statement read could see half-way through another's commits.
   *
   * @throws DatabaseBusyException when other processes kept the database busy for too long
   * @throws StoreException when the database fails otherwise
   */
  public <T> T readSnapshot(TransactionalWork<T> work) {
    return withRetries(work, Mode.SNAPSHOT);
  }

  /** How work runs: statement by statement, as one transaction, or as one read-only snapshot. */
  private enum Mode {
    STATEMENTS,
    TRANSACTION,
    SNAPSHOT
  }

  private <T> T withRetries(TransactionalWork<T> work, Mode mode) {
    Patience patience = Patience.of(wait);
    while (true) {
      try {
        return once(work, mode);
      } catch (SQLException e) {
        retryOrThrow(e, patience);
      }
    }
  }

  private <T> T once(TransactionalWork<T> work, Mode mode) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      if (mode == Mode.STATEMENTS) {
        return work.run(connection);
      }
      connection.setAutoCommit(false);
      if (mode == Mode.SNAPSHOT) {
        isolation(connection, "SNAPSHOT");
      }
      try {
        T result = work.run(connection);
        if (mode == Mode.SNAPSHOT) {
          connection.rollback();
        } else {
          connection.commit();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        try {
          if (mode == Mode.SNAPSHOT) {
            isolation(connection, "READ COMMITTED");
          }
          connection.setAutoCommit(true);
        } catch (SQLException e) {
          // a broken connection: the pool is renewed by the caller
        }
      }
    }
  }

  private static void isolation(Connection connection, String level) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + level);
    }
  }

  private void retryOrThrow(SQLException e, Patience patience) {
    if (H2Failure.of(e) != H2Failure.BUSY) {
      throw failure(e, "use");
    }
    if (H2Failure.connectionLost(e)) {
      renewPool();
    }
    if (!patience.pause()) {
      throw failure(e, "use");
    }
  }

  /** The exception to throw for {@code e}, a failure to {@code open} or {@code use} the file. */
  private RuntimeException failure(SQLException e, String verb) {
    if (H2Failure.of(e) == H2Failure.BUSY) {
      return new DatabaseBusyException(
          "the workbench database in "
              + directory
              + " stayed busy with other Assay processes for "
              + wait.toSeconds()
              + " s; nothing was changed, try again when they have finished ("
              + H2Failure.shortMessage(e)
              + ")",
          e);
    }
    if (verb.equals("open")) {
      return new AssayException(
          "cannot open the workbench database in " + directory + ": " + H2Failure.shortMessage(e),
          e);
    }
    return new StoreException("database error: " + H2Failure.shortMessage(e), e);
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private JdbcConnectionPool newPool() {
    JdbcConnectionPool created = JdbcConnectionPool.create(url, "assay", password);
    created.setMaxConnections(8);
    created.setLoginTimeout((int) Math.max(1, wait.toSeconds()));
    return created;
  }

  /**
   * Replaces the pool after a failure that may have broken its idle connections (the process
   * serving the database in mixed mode went away); connections in use are closed when returned.
   */
  private synchronized void renewPool() {
    JdbcConnectionPool old = pool;
    pool = newPool();
    old.dispose();
  }

  public String url() {
    return url;
  }

  @Override
  public synchronized void close() {
    pool.dispose();
  }

  /** Database work that may throw {@link SQLException}. */
  @FunctionalInterface
  public interface TransactionalWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
