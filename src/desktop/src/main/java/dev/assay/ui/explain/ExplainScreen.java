package dev.assay.ui.explain;

import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.ScreenServices;
import javafx.scene.Node;

/** The Explanations screen ({@code Analysis.EXPLANATIONS}). */
public final class ExplainScreen implements AnalysisScreen {
  private final ExplanationsViewModel viewModel;

  public ExplainScreen(ScreenServices services) {
    viewModel = new ExplanationsViewModel(services.workbench().explanations(), services.tasks());
  }

  @Override
  public ExplanationsViewModel viewModel() {
    return viewModel;
  }

  @Override
  public Node view() {
    return new ExplanationsView(viewModel);
  }
}
