package dev.assay.ui.security;

import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.FilePicker;
import dev.assay.ui.common.ScreenEntry;
import dev.assay.ui.common.ScreenServices;
import dev.assay.workbench.Workbench;
import javafx.scene.Node;

/** The Security screen ({@code Analysis.SECURITY}). */
@ScreenEntry(
    title = "Security",
    position = 70,
    purpose =
        "Scan model files before they are trusted: structure, external data, secrets, signature, isolated loading.")
public final class SecurityScreen implements AnalysisScreen {
  private final SecurityViewModel viewModel;
  private final FilePicker picker;

  public SecurityScreen(ScreenServices services) {
    Workbench workbench = services.workbench();
    viewModel =
        new SecurityViewModel(
            workbench.models(), workbench.datasets(), workbench.security(), services.tasks());
    picker = services.modelPicker();
  }

  @Override
  public SecurityViewModel viewModel() {
    return viewModel;
  }

  @Override
  public Node view() {
    return new SecurityView(viewModel, picker);
  }
}
