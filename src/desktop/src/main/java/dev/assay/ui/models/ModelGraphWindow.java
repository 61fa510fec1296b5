package dev.assay.ui.models;

import dev.assay.core.inference.OnnxGraphReader;
import dev.assay.core.model.ModelVersion;
import dev.assay.ui.common.BackgroundTasks;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens a model version's graph in a window of its own (several can be open side by side). */
public final class ModelGraphWindow {
  private ModelGraphWindow() {}

  /**
   * Shows the graph of {@code version}, read from its stored file.
   *
   * @return the graph's view (tests look into it)
   */
  public static ModelGraphView show(
      Window owner,
      ModelVersion version,
      Function<ModelVersion, Path> files,
      BackgroundTasks tasks) {
    ModelGraphView view = new ModelGraphView(tasks);
    Stage stage = new Stage();
    stage.initOwner(owner);
    stage.setTitle("Graph of " + version.ref() + " — Assay");
    Scene scene = new Scene(view, 1200, 800);
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().setAll(owner.getScene().getStylesheets());
      if (owner.getScene().getRoot() != null) {
        view.getStylesheets().setAll(owner.getScene().getRoot().getStylesheets());
      }
    }
    stage.setScene(scene);
    stage.show();
    view.open(version.ref().toString(), () -> OnnxGraphReader.read(files.apply(version)));
    return view;
  }
}
