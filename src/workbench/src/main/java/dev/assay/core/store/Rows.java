package dev.assay.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC plumbing the stores share: bind positional parameters, run a statement, map each row.
 * Plain JDBC on a connection the caller holds (inside {@link Database#read} or {@link
 * Database#inTransaction}), so audit entries written on the same connection stay in the same
 * transaction.
 *
 * <p>Parameters are bound by their type: {@code Long}, {@code Integer}, {@code Double}, {@code
 * Boolean} and {@code String} with their setters, {@code null} as SQL NULL, anything else ({@code
 * OffsetDateTime}, ...) with {@code setObject}.
 */
public final class Rows {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Rows() {}

  /** Runs an INSERT and returns the key the database generated for the row. */
  public static long insert(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      bind(insert, parameters);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Runs an UPDATE or DELETE; returns the number of rows it changed. */
  public static int update(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      bind(update, parameters);
      return update.executeUpdate();
    }
  }

  /** Every row of a query, mapped, in the order the query returns them. */
  public static <T> List<T> list(
      Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      bind(query, parameters);
      try (ResultSet rs = query.executeQuery()) {
        List<T> list = new ArrayList<>();
        while (rs.next()) {
          list.add(mapper.map(rs));
        }
        return list;
      }
    }
  }

  /** The first row of a query, mapped, or empty when it returns none. */
  public static <T> Optional<T> first(
      Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      bind(query, parameters);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
      }
    }
  }

  /** Binds {@code parameters} to the statement's placeholders 1, 2, ... */
  public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      int index = i + 1;
      switch (parameters[i]) {
        case null -> statement.setNull(index, Types.NULL);
        case Long value -> statement.setLong(index, value);
        case Integer value -> statement.setInt(index, value);
        case Double value -> statement.setDouble(index, value);
        case Boolean value -> statement.setBoolean(index, value);
        case String value -> statement.setString(index, value);
        default -> statement.setObject(index, parameters[i]);
      }
    }
  }

  /**
   * The parameters that are not null, for a query whose filter is optional: {@code SQL + (id ==
   * null ? "" : " WHERE x = ?")} binds {@code nonNull(id)}.
   */
  public static Object[] nonNull(Object... values) {
    return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).toArray();
  }

  /** A nullable BIGINT column's value: null when the column is SQL NULL. */
  public static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
