package dev.assay.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.store.AuditLog;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the audit trail as a whole: the hash chain and its head record, every checkpoint in the
 * checkpoint file and the mirror (signature, and that the chain still contains it with at least as
 * many entries), and the sign-off, role and report rows the chain covers.
 */
public final class AuditVerifier {
  private final AuditLog audit;
  private final Checkpoints checkpoints;
  private final ObjectMapper json = Json.newMapper();

  public AuditVerifier(AuditLog audit, Checkpoints checkpoints) {
    this.audit = audit;
    this.checkpoints = checkpoints;
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
   * Checks everything; reads the database on {@code connection}.
   *
   * @throws SQLException when the database cannot be read
   */
  public AuditVerification verify(Connection connection) throws SQLException {
    List<AuditLog.Entry> entries = audit.entries(connection);
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long firstBroken = -1;
    AuditLog.Verification chain = audit.verify(connection);
    if (!chain.intact()) {
      problems.add(chain.problem());
      firstBroken = chain.firstBroken();
    }
    Reading local = read(checkpoints.localFile());
    Reading mirror = checkpoints.mirrorFile() == null ? null : read(checkpoints.mirrorFile());
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
    for (Located l : valid) {
      String mismatch = against(l, entries);
      if (mismatch != null) {
        problems.add(mismatch);
        long at = Math.min(l.checkpoint().entries(), entries.size() + 1);
        long seq = at >= 1 && at <= entries.size() ? entries.get((int) at - 1).seq() : at;
        firstBroken = firstBroken < 0 ? seq : Math.min(firstBroken, seq);
      } else if (trusted == null || l.checkpoint().entries() > trusted.checkpoint().entries()) {
        trusted = l;
      }
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

  /** Why the chain does not contain {@code l}'s checkpoint, or null when it does. */
  private static String against(Located l, List<AuditLog.Entry> entries) {
    Checkpoint c = l.checkpoint();
    String which = "the checkpoint of " + c.time() + " (" + l.where() + ")";
    if (c.entries() > entries.size()) {
      return "the chain has "
          + entries.size()
          + " entries but "
          + which
          + " recorded "
          + c.entries()
          + ": entries were deleted and the head record rewritten";
    }
    if (c.entries() == 0) {
      return null;
    }
    AuditLog.Entry at = entries.get((int) c.entries() - 1);
    if (at.seq() != c.lastSeq() || !at.entryHash().equals(c.lastHash())) {
      return "the chain was rewritten: its entry "
          + c.entries()
          + " (seq "
          + at.seq()
          + ") is not the one "
          + which
          + " recorded (seq "
          + c.lastSeq()
          + ")";
    }
    return null;
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
