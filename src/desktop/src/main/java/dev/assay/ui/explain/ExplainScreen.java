package dev.assay.ui.explain;

import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.ScreenEntry;
import dev.assay.ui.common.ScreenServices;
import javafx.scene.Node;

/** The Explanations screen ({@code Analysis.EXPLANATIONS}). */
@ScreenEntry(
    title = "Explanations",
    position = 90,
    purpose =
        "Stored explanations: global importance (mean |phi|), efficiency check and reason codes.")
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
