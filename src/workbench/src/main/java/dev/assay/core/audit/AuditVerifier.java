package dev.assay.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.PredictionStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the audit trail as a whole: the hash chain and its head record, every checkpoint in the
 * checkpoint file and the mirror (signature, and that the chain still contains it with at least as
 * many entries), the sign-off, role, run and report rows the chain covers, and the stored
 * prediction files those runs name by hash.
 */
public final class AuditVerifier {
  private final Checkpoints checkpoints;
  private final ObjectMapper json = Json.newMapper();

  private final PredictionStore predictionFiles;

  /** A verifier that does not look at stored prediction files. */
  public AuditVerifier(Checkpoints checkpoints) {
    this(checkpoints, null);
  }

  /**
   * @param predictionFiles the store whose files the runs' covered hashes name, or null to leave
   *     the files unchecked
   */
  public AuditVerifier(Checkpoints checkpoints, PredictionStore predictionFiles) {
    this.checkpoints = checkpoints;
    this.predictionFiles = predictionFiles;
  }

  /** A checkpoint that verified, and where it was read. */
  private record Located(Checkpoint checkpoint, String where) {}

  /** What one checkpoint file held. */
  private record Reading(List<Located> valid, List<String> problems, int otherKeys) {
    long most() {
      return valid.stream().mapToLong(l -> l.checkpoint().entries()).max().orElse(-1);
    }
  }

  /**
   * Checks everything; reads the database on {@code connection}, which must see one committed state
   * throughout (a snapshot transaction: {@link dev.assay.core.store.Database#readSnapshot}) when
   * other connections may write meanwhile.
   *
   * @throws SQLException when the database cannot be read
   */
  public AuditVerification verify(Connection connection) throws SQLException {
    // The checkpoint files are read before the database, and the mirror before the checkpoint
    // file: a checkpoint is written after its entries commit, to the file first and the mirror
    // second, so whatever a file holds was committed before a transaction that starts later sees
    // the database (see Database#readSnapshot), and the file is never behind the mirror as read.
    Reading mirror = checkpoints.mirrorFile() == null ? null : read(checkpoints.mirrorFile());
    Reading local = read(checkpoints.localFile());
    List<AuditLog.Entry> entries = AuditLog.entriesFrom(connection, 0);
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long firstBroken = -1;
    AuditLog.Verification chain = AuditLog.verifyChain(connection);
    if (!chain.intact()) {
      problems.add(chain.problem());
      firstBroken = chain.firstBroken();
    }
    List<Located> valid = new ArrayList<>(local.valid());
    problems.addAll(local.problems());
    int otherKeys = local.otherKeys();
    if (mirror != null) {
      valid.addAll(mirror.valid());
      problems.addAll(mirror.problems());
      otherKeys += mirror.otherKeys();
      if (mirror.most() > local.most()) {
        problems.add(
            "the checkpoint file "
                + checkpoints.localFile().path()
                + (local.most() < 0
                    ? " holds no checkpoint"
                    : " stops at a checkpoint of " + local.most() + " entries")
                + " but the mirror holds one of "
                + mirror.most()
                + ": the checkpoint file was truncated or replaced");
      }
    }
    Located trusted = null;
    Located shortest = null;
    Located rewritten = null;
    for (Located l : valid) {
      long count = l.checkpoint().entries();
      if (count > entries.size()) {
        shortest = shortest == null || count > shortest.checkpoint().entries() ? l : shortest;
      } else if (!contains(entries, l.checkpoint())) {
        rewritten = rewritten == null || count < rewritten.checkpoint().entries() ? l : rewritten;
      } else if (trusted == null || count > trusted.checkpoint().entries()) {
        trusted = l;
      }
    }
    if (rewritten != null) {
      // the earliest checkpoint the chain no longer contains: the rewrite starts at or before it
      AuditLog.Entry at = entries.get((int) rewritten.checkpoint().entries() - 1);
      problems.add(
          "the chain was rewritten: entry "
              + at.seq()
              + " no longer has the hash that "
              + which(rewritten)
              + " recorded for the chain's first "
              + rewritten.checkpoint().entries()
              + " entries");
      firstBroken = firstBroken < 0 ? at.seq() : Math.min(firstBroken, at.seq());
    }
    if (shortest != null) {
      // the newest checkpoint says most about how many entries are gone
      problems.add(
          "the chain has "
              + entries.size()
              + " entries but "
              + which(shortest)
              + " recorded "
              + shortest.checkpoint().entries()
              + ": entries were deleted and the head record rewritten");
      long next = entries.isEmpty() ? 1 : entries.getLast().seq() + 1;
      firstBroken = firstBroken < 0 ? next : firstBroken;
    }
    if (otherKeys > 0) {
      notes.add(
          otherKeys + " checkpoint line(s) were signed by keys not held here and were not checked");
    }
    if (valid.isEmpty()) {
      notes.add(
          "no checkpoint verified: the trail is only hash-chained, and anyone who can write the"
              + " database can rewrite it undetected");
    } else {
      Checkpoint first =
          valid.stream().map(Located::checkpoint).min(Comparator.comparing(Checkpoint::time)).get();
      if (first.entries() > 0) {
        notes.add(
            "nothing before the first checkpoint ("
                + first.time()
                + ", "
                + first.entries()
                + " entries) is anchored: until then the trail was only hash-chained");
      }
    }
    if (checkpoints.lastProblem() != null) {
      notes.add(checkpoints.lastProblem());
    }
    RecordCoverage.Result coverage = RecordCoverage.check(connection, entries);
    for (RecordCoverage.Mismatch m : coverage.mismatches()) {
      problems.add(m.problem());
      if (firstBroken < 0) {
        firstBroken = Math.max(m.seq(), 0);
      }
    }
    if (predictionFiles != null) {
      problems.addAll(predictionFileProblems(connection));
    }
    int anchored =
        trusted == null ? 0 : (int) Math.min(trusted.checkpoint().entries(), entries.size());
    return new AuditVerification(
        entries.size(),
        problems,
        firstBroken,
        trusted == null ? null : trusted.checkpoint(),
        trusted == null ? null : trusted.where(),
        entries.subList(anchored, entries.size()),
        notes,
        coverage.matched());
  }

  /**
   * The runs whose predictions file (named by the hash the row and its audit entry hold) is missing
   * or no longer has that hash.
   */
  private List<String> predictionFileProblems(Connection connection) throws SQLException {
    List<String> problems = new ArrayList<>();
    try (PreparedStatement query =
            connection.prepareStatement(
                "SELECT id, predictions_sha256, predictions_size FROM eval_run"
                    + " WHERE predictions_sha256 IS NOT NULL ORDER BY id");
        ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        String problem;
        try {
          problem = predictionFiles.problem(rs.getString(2), rs.getLong(3));
        } catch (IllegalArgumentException e) {
          problem = "its predictions hash was edited (not a SHA-256)";
        }
        if (problem != null) {
          problems.add("eval_run " + rs.getLong(1) + ": " + problem);
        }
      }
    }
    return problems;
  }

  /** Whether the chain's first {@code c.entries()} entries end as {@code c} recorded. */
  private static boolean contains(List<AuditLog.Entry> entries, Checkpoint c) {
    if (c.entries() == 0) {
      return true;
    }
    AuditLog.Entry at = entries.get((int) c.entries() - 1);
    return at.seq() == c.lastSeq() && at.entryHash().equals(c.lastHash());
  }

  private static String which(Located l) {
    return "the checkpoint of " + l.checkpoint().time() + " (" + l.where() + ")";
  }

  private Reading read(CheckpointFile file) {
    List<Located> valid = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int otherKeys = 0;
    List<CheckpointFile.Line> lines;
    try {
      lines = file.lines();
    } catch (IOException e) {
      problems.add("cannot read the checkpoint file " + file.path() + ": " + e.getMessage());
      return new Reading(valid, problems, 0);
    }
    for (CheckpointFile.Line line : lines) {
      String where = file.path().getFileName() + " line " + line.number();
      Checkpoint c;
      try {
        c = Checkpoint.parse(line.text(), json);
      } catch (IllegalArgumentException e) {
        problems.add(file.path() + " line " + line.number() + " is not a checkpoint (edited?)");
        continue;
      }
      CheckpointKey key =
          checkpoints.verifiers().stream()
              .filter(k -> k.id().equals(c.keyId()))
              .findFirst()
              .orElse(null);
      if (key == null) {
        otherKeys++;
      } else if (!key.verifies(c.message(), c.signature())) {
        problems.add(
            file.path()
                + " line "
                + line.number()
                + ": the checkpoint's signature does not verify with key "
                + c.keyId()
                + " (the line was edited or forged)");
      } else {
        valid.add(new Located(c, where));
      }
    }
    return new Reading(valid, problems, otherKeys);
  }
}
