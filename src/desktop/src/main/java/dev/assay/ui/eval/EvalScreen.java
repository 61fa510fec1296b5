package dev.assay.ui.eval;

import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.ScreenEntry;
import dev.assay.ui.common.ScreenServices;
import dev.assay.workbench.Workbench;
import javafx.scene.Node;

/** The Evaluations screen ({@code Analysis.EVALUATION}). */
@ScreenEntry(
    title = "Evaluations",
    position = 40,
    purpose =
        "Run a dataset through a model version on CPU or GPU and see metrics, confusion matrix, ROC and PR curves.")
public final class EvalScreen implements AnalysisScreen {
  private final EvaluationsViewModel viewModel;

  public EvalScreen(ScreenServices services) {
    Workbench workbench = services.workbench();
    viewModel =
        new EvaluationsViewModel(
            workbench.models(),
            workbench.datasets(),
            workbench.runs(),
            workbench.evaluations(),
            workbench.runtime(),
            services.tasks());
  }

  @Override
  public EvaluationsViewModel viewModel() {
    return viewModel;
  }

  @Override
  public Node view() {
    return new EvaluationsView(viewModel);
  }
}
