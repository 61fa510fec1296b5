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
        "Explanations, stored or made here: importance, waterfall, beeswarm, reason codes and effects.")
public final class ExplainScreen implements AnalysisScreen {
  private final ExplanationsViewModel viewModel;
  private final NewExplanation form;

  public ExplainScreen(ScreenServices services) {
    viewModel = new ExplanationsViewModel(services.workbench().explanations(), services.tasks());
    form =
        new NewExplanation(
            new ExplainLauncher(services.workbench()), services.tasks(), viewModel.state());
  }

  @Override
  public ExplanationsViewModel viewModel() {
    return viewModel;
  }

  @Override
  public Node view() {
    return new ExplanationsView(viewModel, form);
  }
}
