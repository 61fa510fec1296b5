package dev.assay.core.fairness;

import dev.assay.core.AssayException;
import java.util.List;
import java.util.Locale;

/** Joins predictions to groups and picks the reference group. */
final class GroupAssignment {
  private GroupAssignment() {}

  /** The reference group of an attribute ({@code index} -1 when none can be judged). */
  record Reference(int index, String source) {}

  /**
   * The group of each prediction, through its data-row number.
   *
   * @throws AssayException when a prediction names a data row the dataset does not have
   */
  static int[] ofPredictions(int[] dataRow, Grouping grouping) {
    int[] rows = grouping.groupOfRow();
    int[] groupOf = new int[dataRow.length];
    for (int i = 0; i < dataRow.length; i++) {
      int r = dataRow[i] - 1;
      if (r < 0 || r >= rows.length) {
        throw new AssayException(
            "the run's predictions name data row "
                + dataRow[i]
                + " but the dataset has "
                + rows.length
                + " rows; the predictions do not belong to this dataset");
      }
      groupOf[i] = rows[r];
    }
    return groupOf;
  }

  /**
   * The chosen reference group, else the largest judged group.
   *
   * @throws AssayException when the chosen group does not exist
   */
  static Reference reference(
      Grouping grouping,
      long[] sizes,
      boolean[] judged,
      FairnessSettings settings,
      List<String> warnings) {
    String chosen = settings.referenceFor(grouping.name());
    if (chosen != null) {
      int index = grouping.labels().indexOf(chosen);
      if (index < 0 && settings.reference().containsKey(grouping.name())) {
        throw new AssayException(
            "the reference group '"
                + chosen
                + "' is not a group of "
                + grouping.name()
                + "; groups: "
                + String.join(", ", grouping.labels()));
      }
      if (index >= 0) {
        if (!judged[index]) {
          warnings.add(
              String.format(
                  Locale.ROOT,
                  "%s: the reference group '%s' has only %d rows (under %d), so figures against"
                      + " it are not judged",
                  grouping.name(),
                  chosen,
                  sizes[index],
                  settings.minGroupSize()));
          return new Reference(-1, "chosen");
        }
        return new Reference(index, "chosen");
      }
    }
    int largest = -1;
    for (int g = 0; g < sizes.length; g++) {
      if (judged[g] && (largest < 0 || sizes[g] > sizes[largest])) {
        largest = g;
      }
    }
    return new Reference(largest, "largest");
  }

  static String tooSmall(long n, int min) {
    return String.format(Locale.ROOT, "too small to judge (%d rows, under %d)", n, min);
  }
}
