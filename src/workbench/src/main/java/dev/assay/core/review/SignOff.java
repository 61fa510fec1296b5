package dev.assay.core.review;

import java.time.Instant;
import java.util.List;

/**
 * A recorded sign-off and whether it still holds.
 *
 * @param runId the evaluation run it covers, or null
 * @param staleReasons why the sign-off no longer covers the current state (empty when current)
 */
public record SignOff(
    long id,
    String model,
    String reviewer,
    String role,
    Decision decision,
    String conditions,
    Instant signedAt,
    String modelSha256,
    Long runId,
    String runResultSha256,
    List<String> staleReasons) {

  public boolean stale() {
    return !staleReasons.isEmpty();
  }
}
