package dev.assay.core.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Append-only audit trail in the workbench database. Each entry stores the SHA-256 of its own
 * content chained to the previous entry's hash, so an edited, deleted or reordered entry breaks the
 * chain. Entries are appended inside the caller's transaction, so an action and its audit entry are
 * recorded together or not at all. An entry that writes a sign-off, role or stored report records
 * the row's content hash ({@link Cover}); an {@link Anchor} keeps signed checkpoints of the chain
 * outside the database, which is what stops someone who can write the database from rewriting it
 * consistently.
 */
public final class AuditLog {
  /** The previous-hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private final Clock clock;
  private final String osUser;
  private final Anchor anchor;

  public AuditLog(Clock clock, String osUser) {
    this(clock, osUser, Anchor.NONE);
  }

  /**
   * An audit log that shows {@code anchor} the chain's committed head each time an entry is
   * appended (before the entry itself, under the head's lock), so that checkpoints can be kept
   * outside the database.
   */
  public AuditLog(Clock clock, String osUser, Anchor anchor) {
    this.clock = clock;
    this.osUser = osUser;
    this.anchor = anchor;
  }

  /**
   * The end of the chain: how many entries, the newest one's sequence number and hash.
   *
   * @param lastSeq 0 and {@code lastHash} {@link #GENESIS} for an empty chain
   */
  public record Head(long entries, long lastSeq, String lastHash) {}

  /**
   * Anchors the chain outside the database: told its committed head at each append (to keep a
   * signed checkpoint of it), and checks the trail against what it kept.
   */
  @FunctionalInterface
  public interface Anchor {
    Anchor NONE = (connection, head) -> {};

    /**
     * Called inside an appending transaction, before the new entry, with the head as committed.
     *
     * @throws SQLException when the chain cannot be read
     */
    void committedHead(Connection connection, Head head) throws SQLException;

    /**
     * Checks the trail; checks only the chain unless the listener also holds checkpoints of it.
     *
     * @throws SQLException when the chain cannot be read
     */
    default Verification verify(Connection connection) throws SQLException {
      return verifyChain(connection);
    }
  }

  /** One recorded action. */
  public record Entry(
      long seq,
      Instant recordedAt,
      String osUser,
      String action,
      String objectRef,
      String details,
      String previousHash,
      String entryHash,
      String covers) {

    /** The records this entry covers, with their content hashes (empty for most entries). */
    public List<Cover> coveredRecords() {
      return Cover.parse(covers);
    }
  }

  /**
   * Appends an entry in the caller's transaction.
   *
   * @throws SQLException when the database cannot be written
   */
  public void append(Connection connection, String action, String objectRef, String details)
      throws SQLException {
    append(connection, action, objectRef, details, List.of());
  }

  /**
   * Appends an entry that covers one record: the row's content hash as this transaction sees it
   * goes into the entry, so a later change outside Assay is detected.
   *
   * @throws SQLException when the database cannot be read or written
   */
  public void append(
      Connection connection,
      String action,
      String objectRef,
      String details,
      CoveredTable table,
      Object key)
      throws SQLException {
    append(connection, action, objectRef, details, List.of(Cover.of(connection, table, key)));
  }

  /**
   * Appends an entry covering {@code covers} in the caller's transaction.
   *
   * @throws SQLException when the database cannot be written
   */
  public void append(
      Connection connection, String action, String objectRef, String details, List<Cover> covers)
      throws SQLException {
    // Serialise appenders: lock the chain's head row until this transaction ends.
    Head current;
    try (PreparedStatement head =
            connection.prepareStatement(
                "SELECT entries, last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = head.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the audit chain has no head row");
      }
      current = new Head(rs.getLong(1), rs.getLong(2), rs.getString(3));
    }
    anchor.committedHead(connection, current);
    String previous = current.lastHash();
    long count = current.entries();
    Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    String coverText = Cover.format(covers);
    String hash = hash(previous, at, osUser, action, objectRef, details, coverText);
    long seq;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_entry (recorded_at, os_user, action, object_ref, details,"
                + " previous_hash, entry_hash, covers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            java.sql.Statement.RETURN_GENERATED_KEYS)) {
      insert.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
      insert.setString(2, osUser);
      insert.setString(3, action);
      insert.setString(4, objectRef);
      insert.setString(5, details);
      insert.setString(6, previous);
      insert.setString(7, hash);
      insert.setString(8, coverText);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        seq = keys.getLong(1);
      }
    }
    try (PreparedStatement head =
        connection.prepareStatement(
            "UPDATE audit_head SET entries = ?, last_seq = ?, last_hash = ? WHERE id = 1")) {
      head.setLong(1, count + 1);
      head.setLong(2, seq);
      head.setString(3, hash);
      head.executeUpdate();
    }
  }

  /**
   * The outcome of checking the chain.
   *
   * @param firstBroken the sequence number of the first entry that does not fit, or -1 when intact
   * @param problem what is wrong there, or null
   */
  public record Verification(long entries, boolean intact, long firstBroken, String problem) {}

  /**
   * Checks the trail: the chain (see {@link #verifyChain}) and, where this log keeps checkpoints
   * outside the database, those checkpoints and the records the chain covers.
   *
   * @throws SQLException when the database cannot be read
   */
  public Verification verify(Connection connection) throws SQLException {
    return anchor.verify(connection);
  }

  /**
   * Recomputes every entry's hash and its link to the previous one, and compares the end of the
   * chain with the recorded head: an edited, deleted, inserted or reordered entry is found.
   *
   * @throws SQLException when the database cannot be read
   */
  public static Verification verifyChain(Connection connection) throws SQLException {
    List<Entry> entries = entriesFrom(connection, 0);
    String expectedPrevious = GENESIS;
    for (Entry e : entries) {
      if (!e.previousHash().equals(expectedPrevious)) {
        return new Verification(
            entries.size(),
            false,
            e.seq(),
            "entry "
                + e.seq()
                + " does not follow the entry before it (an entry was deleted, inserted or"
                + " reordered)");
      }
      String recomputed =
          hash(
              e.previousHash(),
              e.recordedAt(),
              e.osUser(),
              e.action(),
              e.objectRef(),
              e.details(),
              e.covers());
      if (!recomputed.equals(e.entryHash())) {
        return new Verification(
            entries.size(),
            false,
            e.seq(),
            "entry " + e.seq() + " was changed after it was written");
      }
      expectedPrevious = e.entryHash();
    }
    try (PreparedStatement head =
            connection.prepareStatement(
                "SELECT entries, last_seq, last_hash FROM audit_head WHERE id = 1");
        ResultSet rs = head.executeQuery()) {
      if (!rs.next()) {
        return new Verification(entries.size(), false, 0, "the chain's head record is missing");
      }
      long recorded = rs.getLong(1);
      if (recorded != entries.size() || !rs.getString(3).equals(expectedPrevious)) {
        long first = entries.isEmpty() ? 1 : entries.getLast().seq() + 1;
        return new Verification(
            entries.size(),
            false,
            first,
            "the chain ends early: "
                + recorded
                + " entries were recorded, "
                + entries.size()
                + " are present (the newest entries were deleted)");
      }
    }
    return new Verification(entries.size(), true, -1, null);
  }

  /**
   * The head record as stored (not checked against the entries).
   *
   * @throws SQLException when the database cannot be read
   */
  public static Head head(Connection connection) throws SQLException {
    try (PreparedStatement head =
            connection.prepareStatement(
                "SELECT entries, last_seq, last_hash FROM audit_head WHERE id = 1");
        ResultSet rs = head.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the audit chain has no head row");
      }
      return new Head(rs.getLong(1), rs.getLong(2), rs.getString(3));
    }
  }

  /**
   * All entries, oldest first.
   *
   * @throws SQLException when the database cannot be read
   */
  public List<Entry> entries(Connection connection) throws SQLException {
    return entriesFrom(connection, 0);
  }

  /**
   * The entries with a sequence number of at least {@code fromSeq}, oldest first.
   *
   * @throws SQLException when the database cannot be read
   */
  public static List<Entry> entriesFrom(Connection connection, long fromSeq) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT seq, recorded_at, os_user, action, object_ref, details, previous_hash,"
                + " entry_hash, covers FROM audit_entry WHERE seq >= ? ORDER BY seq")) {
      query.setLong(1, fromSeq);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new Entry(
                  rs.getLong(1),
                  rs.getObject(2, OffsetDateTime.class).toInstant(),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9)));
        }
      }
    }
    return entries;
  }

  /** Whether {@code entry} links to {@code previousHash} and its hash matches its content. */
  public static boolean follows(Entry entry, String previousHash) {
    return entry.previousHash().equals(previousHash)
        && hash(
                entry.previousHash(),
                entry.recordedAt(),
                entry.osUser(),
                entry.action(),
                entry.objectRef(),
                entry.details(),
                entry.covers())
            .equals(entry.entryHash());
  }

  /** The hash an entry without covered records must carry. */
  public static String hash(
      String previousHash,
      Instant at,
      String user,
      String action,
      String objectRef,
      String details) {
    return hash(previousHash, at, user, action, objectRef, details, null);
  }

  /**
   * The hash an entry must carry given its content and its predecessor's hash; the covered records
   * count only when there are any, so entries written before they existed keep their hashes.
   */
  public static String hash(
      String previousHash,
      Instant at,
      String user,
      String action,
      String objectRef,
      String details,
      String covers) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String[] parts =
          covers == null
              ? new String[] {previousHash, at.toString(), user, action, objectRef, details}
              : new String[] {
                previousHash, at.toString(), user, action, objectRef, details, "covers", covers
              };
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
