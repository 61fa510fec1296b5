package dev.assay.ui.drift;

import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.ScreenEntry;
import dev.assay.ui.common.ScreenServices;
import javafx.scene.Node;

/** The Drift screen ({@code Analysis.DRIFT}). */
@ScreenEntry(
    title = "Drift",
    position = 80,
    purpose =
        "Stored drift reports: per-feature tests, effect sizes and verdicts, reference against current"
            + " data; data contracts inferred, edited, kept and checked.")
public final class DriftScreen implements AnalysisScreen {
  private final DriftViewModel viewModel;
  private final ContractViewModel contracts;

  public DriftScreen(ScreenServices services) {
    viewModel = new DriftViewModel(services.workbench().driftReports(), services.tasks());
    contracts =
        new ContractViewModel(
            services.workbench().dataContracts(),
            services.workbench().datasets(),
            services.workbench().models(),
            services.tasks());
    viewModel.alsoOnActivate(contracts::refresh);
  }

  @Override
  public DriftViewModel viewModel() {
    return viewModel;
  }

  @Override
  public Node view() {
    return new DriftView(viewModel, contracts);
  }
}
