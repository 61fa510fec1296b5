package dev.assay.ui.fairness;

import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.ScreenEntry;
import dev.assay.ui.common.ScreenServices;
import dev.assay.workbench.Workbench;
import javafx.scene.Node;

/** The Fairness screen ({@code Analysis.FAIRNESS}). */
@ScreenEntry(
    title = "Fairness",
    position = 60,
    purpose = "Group fairness of a model version: per-group rates, disparities and verdicts.")
public final class FairnessScreen implements AnalysisScreen {
  private final FairnessViewModel viewModel;

  public FairnessScreen(ScreenServices services) {
    Workbench workbench = services.workbench();
    viewModel =
        new FairnessViewModel(
            workbench.models(),
            workbench.datasets(),
            workbench.runs(),
            workbench.evaluations(),
            workbench.fairness(),
            services.tasks());
  }

  @Override
  public FairnessViewModel viewModel() {
    return viewModel;
  }

  @Override
  public Node view() {
    return new FairnessView(viewModel);
  }
}
