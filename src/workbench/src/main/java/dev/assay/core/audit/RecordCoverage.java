package dev.assay.core.audit;

import dev.assay.core.store.AuditLog;
import dev.assay.core.store.Cover;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sign-offs, roles and stored reports against the audit entries that cover them: each row's content
 * hash must equal the one recorded by the newest entry that wrote it, so a row changed, inserted or
 * deleted with SQL is named. Rows of a workbench created before content hashes were recorded are
 * covered once, by a baseline entry at the first open after the upgrade.
 */
public final class RecordCoverage {
  static final String BASELINE_FACT = "audit.coverage.baseline";
  static final String BASELINE_ACTION = "audit.baseline";

  private RecordCoverage() {}

  /** A row that does not match the audit trail, and the newest entry covering it (or -1). */
  record Mismatch(String problem, long seq) {}

  /** The outcome: mismatches and how many rows matched. */
  record Result(List<Mismatch> mismatches, int matched) {}

  /** Whether records wait for the audit baseline that {@link #baselineIfPending} writes. */
  public static boolean baselinePending(Connection connection) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM workbench_fact WHERE fact_key = ?")) {
      query.setString(1, BASELINE_FACT);
      try (java.sql.ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Appends the baseline entry once, when the workbench was upgraded with records that no entry
   * covers yet (the upgrade leaves a marker; the first process to remove it writes the entry).
   */
  public static void baselineIfPending(Database database, AuditLog audit) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement claim =
              connection.prepareStatement("DELETE FROM workbench_fact WHERE fact_key = ?")) {
            claim.setString(1, BASELINE_FACT);
            if (claim.executeUpdate() == 0) {
              return null;
            }
          }
          Map<String, Cover> covered = newestCovers(AuditLog.entriesFrom(connection, 0), null);
          List<Cover> baseline = new ArrayList<>();
          for (CoveredTable table : CoveredTable.values()) {
            for (Map.Entry<String, String> row : table.contentHashes(connection).entrySet()) {
              if (!covered.containsKey(id(table, row.getKey()))) {
                baseline.add(new Cover(table, row.getKey(), row.getValue()));
              }
            }
          }
          if (!baseline.isEmpty()) {
            audit.append(
                connection,
                BASELINE_ACTION,
                "workbench",
                baseline.size()
                    + " records written before their content was audited, as found at upgrade",
                baseline);
          }
          return null;
        });
  }

  /** Compares every covered row with the newest entry that covers it. */
  static Result check(Connection connection, List<AuditLog.Entry> entries) throws SQLException {
    return check(connection, entries, List.of(CoveredTable.values()));
  }

  /**
   * What is wrong with the rows of {@code table} (e.g. the sign-offs, for {@code signoff status}):
   * one line per row that no longer matches its audit entry.
   */
  public static List<String> problems(Database database, CoveredTable table) {
    return database.readSnapshot(
        connection ->
            check(connection, AuditLog.entriesFrom(connection, 0), List.of(table))
                .mismatches()
                .stream()
                .map(Mismatch::problem)
                .toList());
  }

  private static Result check(
      Connection connection, List<AuditLog.Entry> entries, List<CoveredTable> tables)
      throws SQLException {
    Map<String, Long> seqs = new HashMap<>();
    Map<String, Cover> newest = newestCovers(entries, seqs);
    List<Mismatch> mismatches = new ArrayList<>();
    int matched = 0;
    long baselines =
        tables.size() < CoveredTable.values().length
            ? 0
            : entries.stream().filter(e -> e.action().equals(BASELINE_ACTION)).count();
    if (baselines > 1) {
      long second =
          entries.stream()
              .filter(e -> e.action().equals(BASELINE_ACTION))
              .skip(1)
              .findFirst()
              .orElseThrow()
              .seq();
      mismatches.add(
          new Mismatch(
              "entry " + second + " is a second coverage baseline; Assay writes only one", second));
    }
    for (CoveredTable table : tables) {
      Map<String, String> rows = table.contentHashes(connection);
      for (Map.Entry<String, String> row : rows.entrySet()) {
        String id = id(table, row.getKey());
        Cover cover = newest.get(id);
        String name = new Cover(table, row.getKey(), null).rowName();
        if (cover == null) {
          mismatches.add(
              new Mismatch(
                  name + " has no audit entry covering it: it was inserted outside Assay", -1));
        } else if (cover.isRemoval()) {
          mismatches.add(
              new Mismatch(
                  name + " exists although audit entry " + seqs.get(id) + " removed it",
                  seqs.get(id)));
        } else if (!cover.sha256().equals(row.getValue())) {
          mismatches.add(
              new Mismatch(
                  name
                      + " was changed outside Assay: it no longer matches audit entry "
                      + seqs.get(id),
                  seqs.get(id)));
        } else {
          matched++;
        }
      }
      for (Map.Entry<String, Cover> c : newest.entrySet()) {
        Cover cover = c.getValue();
        if (cover.table() == table && !cover.isRemoval() && !rows.containsKey(cover.key())) {
          mismatches.add(
              new Mismatch(
                  cover.rowName()
                      + " was deleted outside Assay (audit entry "
                      + seqs.get(c.getKey())
                      + " covers it)",
                  seqs.get(c.getKey())));
        }
      }
    }
    return new Result(mismatches, matched);
  }

  private static Map<String, Cover> newestCovers(
      List<AuditLog.Entry> entries, Map<String, Long> seqs) {
    Map<String, Cover> newest = new LinkedHashMap<>();
    for (AuditLog.Entry e : entries) {
      for (Cover c : e.coveredRecords()) {
        String id = id(c.table(), c.key());
        newest.put(id, c);
        if (seqs != null) {
          seqs.put(id, e.seq());
        }
      }
    }
    return newest;
  }

  private static String id(CoveredTable table, String key) {
    return table.tableName() + "\u0000" + key;
  }
}
