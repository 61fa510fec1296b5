package dev.assay.core.store;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;

/**
 * What an H2 error code means for Assay: another process holding the database for a moment (worth
 * waiting for), a passphrase problem, a missing table, or anything else (reported as it is).
 */
enum H2Failure {
  /**
   * Another process has the database or a row: the file lock, a lock file being written, the
   * mixed-mode server going away, a row or table lock, a deadlock. Waiting and trying again helps.
   */
  BUSY,
  /** The file is encrypted and no passphrase was given, or it is damaged (H2 cannot tell). */
  UNREADABLE,
  /** A passphrase was given and does not fit the file (wrong, or the file is not encrypted). */
  WRONG_PASSPHRASE,
  /** A table is missing (a database that Flyway has not created yet). */
  NO_TABLE,
  /** Anything else: disk full, a damaged file, a bug. */
  OTHER;

  private static final Pattern NESTED_CODE = Pattern.compile("\\[(\\d{4,5})-\\d+]");

  /**
   * The kind of {@code e}, by its H2 error code. An I/O error of H2's (reading a large value
   * through the mixed-mode server, for instance) carries the error that caused it only as a cause
   * or in its message, as {@code [code-build]}; it counts as that error.
   */
  static H2Failure of(SQLException e) {
    H2Failure own = ofCode(e.getErrorCode());
    if (e.getErrorCode() != ErrorCode.IO_EXCEPTION_1
        && e.getErrorCode() != ErrorCode.IO_EXCEPTION_2) {
      return own;
    }
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SQLException sql && ofCode(sql.getErrorCode()) == BUSY) {
        return BUSY;
      }
      if (t instanceof DbException db && ofCode(db.getErrorCode()) == BUSY) {
        return BUSY;
      }
    }
    Matcher nested = NESTED_CODE.matcher(String.valueOf(e.getMessage()));
    while (nested.find()) {
      if (ofCode(Integer.parseInt(nested.group(1))) == BUSY) {
        return BUSY;
      }
    }
    return own;
  }

  private static H2Failure ofCode(int code) {
    return switch (code) {
      case ErrorCode.DATABASE_ALREADY_OPEN_1,
          ErrorCode.ERROR_OPENING_DATABASE_1,
          ErrorCode.CONNECTION_BROKEN_1,
          ErrorCode.DATABASE_IS_CLOSED,
          ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
          ErrorCode.OBJECT_CLOSED,
          ErrorCode.LOCK_TIMEOUT_1,
          ErrorCode.DEADLOCK_1,
          ErrorCode.CONCURRENT_UPDATE_1 ->
          BUSY;
      case ErrorCode.FILE_CORRUPTED_1 -> UNREADABLE;
      case ErrorCode.FILE_ENCRYPTION_ERROR_1, ErrorCode.WRONG_USER_OR_PASSWORD -> WRONG_PASSPHRASE;
      case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1,
          ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2,
          ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1 ->
          NO_TABLE;
      default -> OTHER;
    };
  }

  /**
   * Whether {@code e} may have left the connection unusable (the file or its mixed-mode server went
   * away), rather than only a lock that was not granted in time.
   */
  static boolean connectionLost(SQLException e) {
    return switch (e.getErrorCode()) {
      case ErrorCode.LOCK_TIMEOUT_1, ErrorCode.DEADLOCK_1, ErrorCode.CONCURRENT_UPDATE_1 -> false;
      default -> true;
    };
  }

  /** H2's message without its trailing SQL statement and error code. */
  static String shortMessage(SQLException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline);
    return first.replaceAll("\\s*\\[\\d+-\\d+]$", "").replaceAll(";\\s*SQL statement:$", "");
  }
}
