package dev.assay.core.store;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One record an audit entry covers: a row of a {@link CoveredTable} and the SHA-256 of its content
 * when the entry was written, or null when the entry removed it. Written into the entry as {@code
 * table:key=sha256} (or {@code =removed}); the key is URL-encoded.
 *
 * @param sha256 the content hash, or null for a removed row
 */
public record Cover(CoveredTable table, String key, String sha256) {
  private static final String REMOVED = "removed";

  /**
   * The row's current content as the caller's transaction sees it.
   *
   * @throws SQLException when the row cannot be read
   * @throws IllegalStateException when there is no such row
   */
  public static Cover of(Connection connection, CoveredTable table, Object key)
      throws SQLException {
    String keyText = String.valueOf(key);
    String hash = table.contentHash(connection, keyText);
    if (hash == null) {
      throw new IllegalStateException("no " + table.tableName() + " row " + keyText + " to cover");
    }
    return new Cover(table, keyText, hash);
  }

  /** A row the entry removes. */
  public static Cover removed(CoveredTable table, Object key) {
    return new Cover(table, String.valueOf(key), null);
  }

  /** Whether the entry removed the row. */
  public boolean isRemoval() {
    return sha256 == null;
  }

  /** How the row is named to a user: {@code signoff 3}, {@code user_role "bob"}. */
  public String rowName() {
    return rowName(table, key);
  }

  static String rowName(CoveredTable table, String key) {
    return table == CoveredTable.USER_ROLE || table == CoveredTable.MODEL_CARD
        ? table.tableName() + " row " + (table == CoveredTable.USER_ROLE ? "\"" + key + "\"" : key)
        : table.tableName() + " " + key;
  }

  /** The text stored in an audit entry for a list of covers, or null for none. */
  public static String format(List<Cover> covers) {
    if (covers.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Cover c : covers) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(c.table.tableName())
          .append(':')
          .append(URLEncoder.encode(c.key, StandardCharsets.UTF_8))
          .append('=')
          .append(c.isRemoval() ? REMOVED : c.sha256);
    }
    return text.toString();
  }

  /** The covers stored in an entry (tokens of unknown tables are skipped). */
  public static List<Cover> parse(String text) {
    List<Cover> covers = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return covers;
    }
    for (String token : text.strip().split(" +")) {
      int colon = token.indexOf(':');
      int equals = token.lastIndexOf('=');
      if (colon < 0 || equals < colon) {
        continue;
      }
      CoveredTable table = CoveredTable.named(token.substring(0, colon));
      if (table == null) {
        continue;
      }
      String key = URLDecoder.decode(token.substring(colon + 1, equals), StandardCharsets.UTF_8);
      String hash = token.substring(equals + 1);
      covers.add(new Cover(table, key, hash.equals(REMOVED) ? null : hash));
    }
    return covers;
  }
}
