package dev.assay.ui.compare;

import dev.assay.core.AssayException;
import dev.assay.core.compare.Comparison;
import dev.assay.core.compare.ComparisonReport;
import dev.assay.core.explain.VersionExplanations;
import dev.assay.core.explanations.ExplanationPairs;
import dev.assay.ui.common.BackgroundTasks;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Compare screen's explanations across versions: when a comparison is shown, the newest stored
 * explanations of its baseline and second model on its dataset, of the same rows over the same
 * background ({@code assay compare --explain} makes them), compared off the FX thread ({@link
 * VersionExplanations}; the top reason as {@code --adverse higher}, the default).
 */
public final class ComparedExplanations {
  /** What the Explanations tab shows. */
  public record Shown(
      String modelA, String modelB, long idA, long idB, VersionExplanations.Result result) {}

  private final ExplanationPairs pairs;
  private final BackgroundTasks tasks;
  private final ObjectProperty<Shown> shown = new SimpleObjectProperty<>();
  private Comparison asked;

  /**
   * @param pairs the stored explanations, or null for none
   */
  public ComparedExplanations(ExplanationPairs pairs, BackgroundTasks tasks) {
    this.pairs = pairs;
    this.tasks = tasks;
  }

  /** The comparison's explanations, or null when it has none (or none is shown). */
  public ReadOnlyObjectProperty<Shown> shownProperty() {
    return shown;
  }

  /** Looks up the explanations of {@code comparison} (null: clears); call on the FX thread. */
  void lookUp(Comparison comparison, Consumer<Throwable> errors) {
    asked = comparison;
    shown.set(null);
    if (comparison == null || pairs == null || comparison.report().models().size() < 2) {
      return;
    }
    ComparisonReport report = comparison.report();
    List<ComparisonReport.ModelRun> models = report.models();
    String a = models.get(0).model();
    String b = models.get(1).model();
    tasks.run(
        "Comparing the versions' explanations",
        () -> find(a, b, report.dataset()),
        found -> {
          if (asked == comparison) {
            shown.set(found);
          }
        },
        errors);
  }

  private Shown find(String a, String b, String dataset) {
    ExplanationPairs.Pair pair = pairs.stored(a, b, dataset, null).orElse(null);
    if (pair == null) {
      return null;
    }
    try {
      return new Shown(a, b, pair.idA(), pair.idB(), pair.compare(true));
    } catch (AssayException e) {
      // stored explanations that cannot be compared (different features): nothing to show
      return null;
    }
  }
}
