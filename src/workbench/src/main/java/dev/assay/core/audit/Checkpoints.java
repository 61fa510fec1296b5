package dev.assay.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps signed checkpoints of the audit chain outside the database: each time the chain's committed
 * head has moved on (at open, before each append, at close) a checkpoint of it is signed and
 * appended to the checkpoint file and the mirror, and forced to disk. A head is signed only when
 * the chain still contains the newest checkpoint this process can verify and every entry after it
 * is sound, so a chain rewritten in the database is never signed over.
 */
public final class Checkpoints implements AuditLog.Anchor {
  private final AuditAnchors anchors;
  private final CheckpointKey signer;
  private final List<CheckpointKey> verifiers;
  private final Clock clock;
  private final ObjectMapper json = Json.newMapper();
  private final CheckpointFile local;
  private final CheckpointFile mirror;
  private Checkpoint known;
  private boolean knownRead;
  private String problem;

  private Checkpoints(
      AuditAnchors anchors, CheckpointKey signer, List<CheckpointKey> verifiers, Clock clock) {
    this.anchors = anchors;
    this.signer = signer;
    this.verifiers = List.copyOf(verifiers);
    this.clock = clock;
    this.local = new CheckpointFile(anchors.checkpointLog());
    this.mirror = anchors.mirrorLog() == null ? null : new CheckpointFile(anchors.mirrorLog());
  }

  /**
   * Loads the signing key: the site key when {@link AuditAnchors#siteKeyFile()} is set, else the
   * HMAC key (created on first use). An existing HMAC key still verifies older checkpoints when a
   * site key signs.
   *
   * @throws dev.assay.core.AssayException when a key cannot be read or created
   */
  public static Checkpoints open(AuditAnchors anchors, Clock clock) {
    List<CheckpointKey> verifiers = new ArrayList<>();
    CheckpointKey signer;
    if (anchors.siteKeyFile() != null) {
      signer = CheckpointKey.Site.load(anchors.siteKeyFile());
      verifiers.add(signer);
      CheckpointKey.Hmac older = CheckpointKey.Hmac.loadIfPresent(anchors.hmacKeyFile());
      if (older != null) {
        verifiers.add(older);
      }
    } else {
      signer = CheckpointKey.Hmac.loadOrCreate(anchors.hmacKeyFile());
      verifiers.add(signer);
    }
    return new Checkpoints(anchors, signer, verifiers, clock);
  }

  public AuditAnchors anchors() {
    return anchors;
  }

  /** The key that signs new checkpoints. */
  public CheckpointKey signer() {
    return signer;
  }

  /** The keys whose checkpoints this process can check. */
  public List<CheckpointKey> verifiers() {
    return verifiers;
  }

  CheckpointFile localFile() {
    return local;
  }

  CheckpointFile mirrorFile() {
    return mirror;
  }

  /** Why the newest checkpoint could not be written, or null when it was. */
  public synchronized String lastProblem() {
    return problem;
  }

  /** Checkpoints the chain's committed head now (at open and close). */
  public void checkpoint(Database database) {
    database.read(
        connection -> {
          AuditLog.Head head;
          try {
            head = AuditLog.head(connection);
          } catch (SQLException e) {
            synchronized (this) {
              problem = "the chain's head record cannot be read: " + e.getMessage();
            }
            return null;
          }
          committedHead(connection, head);
          return null;
        });
  }

  @Override
  public synchronized void committedHead(Connection connection, AuditLog.Head head)
      throws SQLException {
    Checkpoint newest = known();
    if (newest != null && head.entries() == newest.entries()) {
      if (head.lastHash().equals(newest.lastHash())) {
        return;
      }
    }
    String unsound = unsound(connection, newest, head);
    if (unsound != null) {
      problem = "no checkpoint written: " + unsound;
      return;
    }
    Checkpoint unsigned =
        new Checkpoint(
            head.entries(),
            head.lastSeq(),
            head.lastHash(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            signer.id(),
            signer.algorithm(),
            "");
    Checkpoint signed =
        new Checkpoint(
            unsigned.entries(),
            unsigned.lastSeq(),
            unsigned.lastHash(),
            unsigned.time(),
            unsigned.keyId(),
            unsigned.algorithm(),
            signer.sign(unsigned.message()));
    String line = signed.toLine(json);
    try {
      local.append(line);
      known = signed;
      problem = null;
    } catch (IOException e) {
      problem = "cannot write the checkpoint file " + local.path() + ": " + e.getMessage();
      return;
    }
    if (mirror != null) {
      try {
        mirror.append(line);
      } catch (IOException e) {
        problem = "cannot write the audit mirror " + mirror.path() + ": " + e.getMessage();
      }
    }
  }

  /** Why {@code head} must not be signed, or null when the chain from {@code newest} is sound. */
  private static String unsound(Connection connection, Checkpoint newest, AuditLog.Head head)
      throws SQLException {
    if (newest != null && head.entries() < newest.entries()) {
      return "the chain has "
          + head.entries()
          + " entries, fewer than the "
          + newest.entries()
          + " of the newest checkpoint";
    }
    boolean fromStart = newest == null || newest.entries() == 0;
    List<AuditLog.Entry> entries =
        AuditLog.entriesFrom(connection, fromStart ? 0 : newest.lastSeq());
    String previous = AuditLog.GENESIS;
    long count = 0;
    int start = 0;
    if (!fromStart) {
      if (entries.isEmpty()
          || entries.getFirst().seq() != newest.lastSeq()
          || !entries.getFirst().entryHash().equals(newest.lastHash())) {
        return "entry " + newest.lastSeq() + " no longer matches the newest checkpoint";
      }
      previous = newest.lastHash();
      count = newest.entries();
      start = 1;
    }
    for (int i = start; i < entries.size(); i++) {
      AuditLog.Entry e = entries.get(i);
      if (!AuditLog.follows(e, previous)) {
        return "entry " + e.seq() + " does not follow the chain";
      }
      previous = e.entryHash();
      count++;
    }
    if (count != head.entries() || !previous.equals(head.lastHash())) {
      return "the chain's head record does not match its entries";
    }
    return null;
  }

  /** Checks the chain, these checkpoints and the covered records (see {@link AuditVerifier}). */
  @Override
  public AuditLog.Verification verify(Connection connection) throws SQLException {
    return new AuditVerifier(this).verify(connection).summary();
  }

  /** The newest checkpoint of the local file this process can verify (read once). */
  private Checkpoint known() {
    if (!knownRead) {
      knownRead = true;
      try {
        for (CheckpointFile.Line line : local.tail()) {
          Checkpoint c = verified(line.text());
          if (c != null && (known == null || c.entries() >= known.entries())) {
            known = c;
          }
        }
      } catch (IOException e) {
        problem = "cannot read the checkpoint file " + local.path() + ": " + e.getMessage();
      }
    }
    return known;
  }

  /** The checkpoint on {@code line} when a key here verifies it, else null. */
  private Checkpoint verified(String line) {
    try {
      Checkpoint c = Checkpoint.parse(line, json);
      for (CheckpointKey key : verifiers) {
        if (key.id().equals(c.keyId()) && key.verifies(c.message(), c.signature())) {
          return c;
        }
      }
    } catch (IllegalArgumentException e) {
      // not a checkpoint: the verifier reports it
    }
    return null;
  }
}
