package dev.assay.core.report;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each kind of evidence sits in the workbook being written ({@code 'Performance'!A4}), so the
 * crosswalk can link to it. Only evidence the workbook really holds is registered.
 */
final class Anchors {
  private final Map<Evidence, String> targets = new EnumMap<>(Evidence.class);

  void put(Evidence evidence, String target) {
    targets.put(evidence, target);
  }

  Optional<String> target(Evidence evidence) {
    return Optional.ofNullable(targets.get(evidence));
  }

  /** The evidence kinds present. */
  Set<Evidence> present() {
    return targets.keySet();
  }
}
