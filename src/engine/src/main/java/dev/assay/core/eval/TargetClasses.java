package dev.assay.core.eval;

import dev.assay.core.inference.ClassLabels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a run's target values with the model's class labels: once per spelling (through the run's
 * target map), and once per target id where the batch source numbers the distinct targets ({@link
 * ParsedBatch#targetIds}); a value that matches no class refuses the run.
 */
final class TargetClasses {
  /** The class of a target id not matched yet. */
  static final int UNKNOWN = -2;

  private final EvaluationRequest request;
  private final OutputReading reading;
  private final Map<String, Integer> targetIndex = new HashMap<>();

  /** Class index per target id of the source, UNKNOWN if new. */
  private int[] classOfId = new int[0];

  TargetClasses(EvaluationRequest request, OutputReading reading) {
    this.request = request;
    this.reading = reading;
  }

  /** The class of target id {@code id} when already known, else {@link #UNKNOWN}. */
  int known(int id) {
    return id < classOfId.length ? classOfId[id] : UNKNOWN;
  }

  /**
   * Matches row {@code i}'s target of a batch ({@code targetIds} null when the source does not
   * number them) with the class labels, or fails naming the row.
   */
  int match(List<String> labels, String[] targets, int[] targetIds, long[] rowNumbers, int i) {
    Integer known = targetIndex.get(targets[i]);
    int index =
        known != null ? known : ClassLabels.indexOf(labels, reading.targetMap().apply(targets[i]));
    if (index < 0) {
      throw OutputReading.unknownTarget(
          request.target(), rowNumbers[i], targets[i], distinctTargets(targets), labels);
    }
    targetIndex.put(targets[i], index);
    if (targetIds != null) {
      int id = targetIds[i];
      if (id >= classOfId.length) {
        int old = classOfId.length;
        classOfId = Arrays.copyOf(classOfId, Math.max(id + 1, old * 2));
        Arrays.fill(classOfId, old, classOfId.length, UNKNOWN);
      }
      classOfId[id] = index;
    }
    return index;
  }

  /**
   * Target values known so far for a refusal: those matched already, this batch's, and the most
   * frequent ones of the dataset's profile.
   */
  private List<String> distinctTargets(String[] targets) {
    Set<String> values = new LinkedHashSet<>(targetIndex.keySet());
    for (String t : targets) {
      if (t != null && !t.isBlank() && values.size() < 100) {
        values.add(t.strip());
      }
    }
    request.dataset().profile().columns().stream()
        .filter(column -> column.name().equals(request.target()))
        .flatMap(column -> column.topCategories().stream())
        .forEach(category -> values.add(category.value()));
    return List.copyOf(values);
  }
}
