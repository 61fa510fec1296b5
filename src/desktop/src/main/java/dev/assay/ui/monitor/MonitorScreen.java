package dev.assay.ui.monitor;

import dev.assay.core.live.MonitorStore;
import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.ScreenEntry;
import dev.assay.ui.common.ScreenServices;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.util.Duration;

/** The Monitoring screen ({@code Analysis.MONITOR}). */
@ScreenEntry(
    title = "Monitoring",
    position = 1100,
    purpose =
        "Monitored streams of deployed versions: per window accuracy, drift and alerts, updated"
            + " while a monitor runs.")
public final class MonitorScreen implements AnalysisScreen {
  private final MonitorViewModel viewModel;

  public MonitorScreen(ScreenServices services) {
    MonitorStore store = services.workbench().monitors();
    viewModel =
        new MonitorViewModel(store.reads(), store.alerts(), services.tasks(), MonitorScreen::every)
            .withRollouts(store.rollouts());
  }

  /** A timeline on the FX thread that runs {@code task} every {@code millis} until closed. */
  static AutoCloseable every(long millis, Runnable task) {
    Timeline timeline = new Timeline(new KeyFrame(Duration.millis(millis), e -> task.run()));
    timeline.setCycleCount(Timeline.INDEFINITE);
    timeline.play();
    return timeline::stop;
  }

  @Override
  public MonitorViewModel viewModel() {
    return viewModel;
  }

  @Override
  public Node view() {
    return new MonitorView(viewModel);
  }
}
