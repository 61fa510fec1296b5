package dev.assay.ui.compare;

import dev.assay.core.Json;
import dev.assay.core.compare.DisagreementExport;
import dev.assay.core.explanations.ExplanationPairs;
import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.ScreenEntry;
import dev.assay.ui.common.ScreenServices;
import dev.assay.workbench.Workbench;
import javafx.scene.Node;

/** The Compare screen ({@code Analysis.COMPARISON}). */
@ScreenEntry(
    title = "Compare",
    position = 50,
    purpose = "Compare model versions side by side in live charts, with significance tests.")
public final class CompareScreen implements AnalysisScreen {
  private final CompareViewModel viewModel;

  public CompareScreen(ScreenServices services) {
    Workbench workbench = services.workbench();
    viewModel =
        new CompareViewModel(
            workbench.models(),
            workbench.datasets(),
            workbench.comparisons(),
            workbench.comparisonStore(),
            new DisagreementExport(workbench.runs(), workbench.scratch().folder()),
            workbench.runtime(),
            services.tasks(),
            new ExplanationPairs(workbench.explanations(), Json.newMapper()));
  }

  @Override
  public CompareViewModel viewModel() {
    return viewModel;
  }

  @Override
  public Node view() {
    return new CompareView(viewModel);
  }
}
