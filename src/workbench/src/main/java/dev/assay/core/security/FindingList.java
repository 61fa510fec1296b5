package dev.assay.core.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects findings for one report, at most {@value #MAX_PER_CHECK} of each kind (a hostile file
 * with a million bad tensors gets one summary line, not a million findings).
 */
final class FindingList {
  static final int MAX_PER_CHECK = 20;

  private final List<Finding> findings = new ArrayList<>();
  private final Map<SecurityCheck, Integer> counts = new LinkedHashMap<>();

  void add(SecurityCheck check, String evidence) {
    int count = counts.merge(check, 1, Integer::sum);
    if (count <= MAX_PER_CHECK) {
      findings.add(check.finding(evidence));
    }
  }

  boolean blocksLoading() {
    return counts.keySet().stream().anyMatch(SecurityCheck::blocksLoading);
  }

  List<String> blockingIds() {
    return counts.keySet().stream()
        .filter(SecurityCheck::blocksLoading)
        .map(SecurityCheck::id)
        .toList();
  }

  /** The findings, most severe first (stable within a severity), with "and N more" summaries. */
  List<Finding> sorted() {
    List<Finding> all = new ArrayList<>(findings);
    counts.forEach(
        (check, count) -> {
          if (count > MAX_PER_CHECK) {
            all.add(
                check.finding(
                    "and " + (count - MAX_PER_CHECK) + " more of the same kind (not listed)"));
          }
        });
    all.sort(Comparator.comparing(Finding::severity));
    return List.copyOf(all);
  }
}
