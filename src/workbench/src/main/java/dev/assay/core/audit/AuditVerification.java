package dev.assay.core.audit;

import dev.assay.core.store.AuditLog;
import java.util.List;

/**
 * What checking the audit trail found: the chain, the checkpoints kept outside the database, and
 * the records the chain covers.
 *
 * @param entries how many entries the chain has
 * @param problems what was changed outside Assay, most serious first (empty when intact)
 * @param firstBroken the sequence number of the first entry affected, or -1
 * @param trusted the newest checkpoint that verified and that the chain contains, or null
 * @param trustedAt where that checkpoint was read (file and line)
 * @param sinceTrusted the entries after it: held only by the hash chain
 * @param notes what the result does not cover (no checkpoint yet, keys not held here, ...)
 * @param coveredRecords how many sign-off, role and report rows matched their audit entries
 */
public record AuditVerification(
    long entries,
    List<String> problems,
    long firstBroken,
    Checkpoint trusted,
    String trustedAt,
    List<AuditLog.Entry> sinceTrusted,
    List<String> notes,
    int coveredRecords) {

  public AuditVerification {
    problems = List.copyOf(problems);
    sinceTrusted = List.copyOf(sinceTrusted);
    notes = List.copyOf(notes);
  }

  public boolean intact() {
    return problems.isEmpty();
  }

  /** The summary older callers show: intact, or the first problem. */
  public AuditLog.Verification summary() {
    return new AuditLog.Verification(
        entries, intact(), intact() ? -1 : firstBroken, intact() ? null : problems.getFirst());
  }
}
