package dev.assay.ui.fairness;

import dev.assay.core.fairness.AttributeReport;
import dev.assay.core.fairness.Disparity;
import dev.assay.core.fairness.GroupReport;
import dev.assay.core.fairness.Interval;
import dev.assay.core.fairness.ThresholdAnalysis;
import dev.assay.ui.compare.PulseSteps;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Makes the Fairness screen's first rows, bars and lines ahead of need, at idle pulses once the
 * screen shows, so that the first report after start does not pay for them in one frame (a cold JVM
 * makes its first table rows, cells and chart drawings several times slower than later ones: class
 * loading, interpreted code, style caches). One step a pulse ({@link PulseSteps}).
 *
 * <p>The Verdicts and Threshold tabs are out of sight: their own tables and chart get blank rows
 * and lines for a pulse, as Compare's differences table does ({@link PulseSteps#prime}). The Groups
 * tab is in sight, so its table and bar chart are not touched: an invisible copy of them (a table
 * of the same columns and a chart made the same way, laid out at the tab's size but not drawn and
 * not managed by the tab's layout) makes its rows and bars instead, and is removed again. Nothing
 * blank is ever shown. Steps are skipped once a report is shown.
 */
final class FairnessPrimer {
  /** Lines of blank rows a table makes ahead of its first report. */
  static final int LINES = 24;

  /** The style class of the invisible copy of the Groups tab (for tests). */
  static final String COPY_STYLE = "fairness-primer-copy";

  /** The height of the verdicts table copy: a few lines (the words, not the count, matter). */
  private static final double STEP_TABLE_HEIGHT = 90;

  /** Report-like words for the copy (never shown). */
  private static final String SAMPLE_TEXT =
      "Demographic parity asks whether every group is selected at the same rate: the largest"
          + " difference between two groups' selection rates is 0.1234 (95% CI 0.1111 to 0.1357),"
          + " over the 0.1 the rule allows, and the difference is significant (p < 0.0001).";

  private final PulseSteps steps;
  private final BooleanSupplier reportShown;

  FairnessPrimer(PulseSteps steps, FairnessViewModel viewModel) {
    this.steps = steps;
    this.reportShown = () -> viewModel.reportProperty().get() != null;
  }

  /**
   * Once {@code view} is first in a scene, queues the priming steps (skipped once a report is
   * shown).
   */
  void whenShown(
      javafx.scene.Node view,
      VBox groupsTab,
      TableView<FairnessTables.VerdictRow> verdicts,
      TableView<String[]> policies,
      FairnessCharts charts) {
    view.sceneProperty()
        .addListener(
            new ChangeListener<>() {
              @Override
              public void changed(ObservableValue<? extends Scene> obs, Scene old, Scene now) {
                if (now != null) {
                  view.sceneProperty().removeListener(this);
                  groups(groupsTab);
                  hiddenTabs(verdicts, policies, charts);
                }
              }
            });
  }

  /** An invisible copy of the Groups tab's chart and table makes the first bars and rows. */
  private void groups(VBox groupsTab) {
    FairnessCharts copyCharts = new FairnessCharts();
    TableView<GroupReport> copyTable = FairnessTables.groups();
    copyTable.setId(null);
    copyCharts.bars().setId(null);
    // the chart joins a pulse after the table: each one's skin and styles in a pulse of its own
    VBox copy = new VBox(8, copyTable);
    VBox.setVgrow(copyCharts.bars(), Priority.ALWAYS);
    copy.getStyleClass().add(COPY_STYLE);
    copy.setVisible(false);
    copy.setManaged(false);
    copy.setMouseTransparent(true);
    AttributeReport blank = blankAttribute();
    // each step queued by the one before: the bars after the copy's table has grown (the fill
    // queues its growing steps), then the copy is removed, whatever happened meanwhile
    step(
        () -> {
          // the copy follows the tab's size (the window may still be settling), its table as
          // tall as the tab's own (the bars take what is left)
          groupsTab.getChildren().stream()
              .filter(n -> n instanceof TableView<?>)
              .findFirst()
              .ifPresent(t -> copyTable.prefHeightProperty().bind(((Region) t).heightProperty()));
          Runnable size = () -> copy.resize(groupsTab.getWidth(), groupsTab.getHeight());
          groupsTab.layoutBoundsProperty().addListener((obs, old, now) -> size.run());
          groupsTab.getChildren().add(copy);
          size.run();
          step(
              () -> {
                steps.fill(copyTable, Collections.nCopies(LINES, blank.groups().getFirst()));
                steps.once(
                    () -> {
                      copy.getChildren().addFirst(copyCharts.bars());
                      steps.once(
                          () -> {
                            if (!reportShown.getAsBoolean()) {
                              copyCharts.showGroups(blank, "selection_rate");
                            }
                            steps.once(
                                () -> verdicts(copy, () -> groupsTab.getChildren().remove(copy)));
                          });
                    });
              });
        });
  }

  /**
   * In the invisible copy, a copy of the verdicts table with rows of report-like text (titles,
   * figures, verdicts and wrapped explanations: the blank rows of the Verdicts tab's own table
   * measure no text) and a wrapped explanation: the first report's verdicts then run code the JVM
   * has already loaded and run.
   */
  private void verdicts(VBox copy, Runnable then) {
    if (reportShown.getAsBoolean()) {
      then.run();
      return;
    }
    TableView<FairnessTables.VerdictRow> table = FairnessTables.verdicts();
    table.setId(null);
    table.setPrefHeight(STEP_TABLE_HEIGHT);
    // its own box, not laid out by the copy's (which keeps the Groups tab's sizes)
    VBox box = new VBox(8, table);
    box.setManaged(false);
    copy.getChildren().add(box);
    box.resize(copy.getWidth(), STEP_TABLE_HEIGHT + 120);
    // the table's header, its rows, then the wrapped explanation, each at a pulse of its own
    step(() -> table.getItems().setAll(sampleVerdicts()));
    step(
        () -> {
          javafx.scene.control.Label explanation = new javafx.scene.control.Label(SAMPLE_TEXT);
          explanation.setWrapText(true);
          box.getChildren().add(explanation);
        });
    steps.once(then);
  }

  private static List<FairnessTables.VerdictRow> sampleVerdicts() {
    List<FairnessTables.VerdictRow> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      rows.add(
          new FairnessTables.VerdictRow(
              "attribute " + i,
              new Disparity(
                  "demographic_parity_difference",
                  "Demographic parity difference " + i,
                  0.1234 + i / 1000.0,
                  0.1111,
                  0.1357,
                  i % 2 == 0 ? 0.00001 : 0.0321,
                  "two-proportion z-test",
                  0.1,
                  "|difference| <= 0.1",
                  i % 2 == 0 ? Disparity.UNFAIR : Disparity.FAIR,
                  i % 2 == 0,
                  List.of(),
                  SAMPLE_TEXT,
                  List.of())));
    }
    return rows;
  }

  /** The Verdicts and Threshold tabs' own tables and chart, out of sight. */
  private void hiddenTabs(
      TableView<FairnessTables.VerdictRow> verdicts,
      TableView<String[]> policies,
      FairnessCharts charts) {
    step(() -> steps.prime(verdicts, blankVerdict(), LINES));
    String[] blankPolicy = new String[8];
    Arrays.fill(blankPolicy, "");
    step(() -> steps.prime(policies, blankPolicy, LINES));
    AttributeReport blank = blankAttribute();
    step(() -> charts.showThresholds(blank.thresholds(), "selection_rate"));
    step(() -> charts.showThresholds(null, null));
  }

  /** Queues {@code work} for a pulse of its own, unless a report is shown by then. */
  private void step(Runnable work) {
    steps.once(
        () -> {
          if (!reportShown.getAsBoolean()) {
            work.run();
          }
        });
  }

  private static FairnessTables.VerdictRow blankVerdict() {
    return new FairnessTables.VerdictRow(
        "",
        new Disparity(
            "",
            "",
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            "",
            null,
            "",
            "",
            false,
            List.of(),
            "",
            List.of()));
  }

  /** Blank groups with a figure, an interval and a reference, and a threshold curve each. */
  static AttributeReport blankAttribute() {
    List<String> names = List.of(" ", "  ", "   ", "    ");
    double[] x = {0, 0.5, 1};
    List<GroupReport> groups =
        names.stream()
            .map(
                name ->
                    new GroupReport(
                        name,
                        0,
                        Double.NaN,
                        true,
                        "",
                        Map.of("selection_rate", 0.5),
                        Map.of("selection_rate", new Interval(0.4, 0.6, "")),
                        Map.of()))
            .toList();
    List<ThresholdAnalysis.GroupCurve> curves =
        names.stream()
            .map(name -> new ThresholdAnalysis.GroupCurve(name, true, x, x, x, x))
            .toList();
    ThresholdAnalysis thresholds =
        new ThresholdAnalysis(x, curves, x, x, x, x, 0.5, 0.5, List.of());
    return new AttributeReport(
        "", List.of(), List.of(), names.getFirst(), "", groups, List.of(), thresholds);
  }
}
