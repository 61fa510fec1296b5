package dev.assay.ui.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/**
 * "Export PNG…" for any chart on any screen: a snapshot of the node, written where the user
 * chooses.
 */
public final class PngExport {
  private PngExport() {}

  /**
   * A button writing a snapshot of {@code chart} where the user chooses, id {@code <id>-export}.
   */
  public static Button button(Node chart) {
    Button export = new Button("Export PNG…");
    export.setId(chart.getId() + "-export");
    export.setOnAction(
        e -> {
          FileChooser chooser = new FileChooser();
          chooser.setInitialFileName(chart.getId() + ".png");
          chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
          java.io.File file = chooser.showSaveDialog(chart.getScene().getWindow());
          if (file != null) {
            try {
              write(chart, file.toPath());
            } catch (IOException ex) {
              Dialogs.showError(chart.getScene().getWindow(), "Export failed", ex);
            }
          }
        });
    return export;
  }

  /** Writes a snapshot of {@code node} as PNG; call on the FX thread. */
  public static void write(Node node, Path file) throws IOException {
    WritableImage image = node.snapshot(null, null);
    BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
    if (!ImageIO.write(buffered, "png", file.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }
}
