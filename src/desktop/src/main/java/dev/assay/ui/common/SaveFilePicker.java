package dev.assay.ui.common;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks where to save a file; the desktop uses a native save dialog, tests a fixed answer. */
@FunctionalInterface
public interface SaveFilePicker {
  /**
   * The chosen file, or null when the user cancelled.
   *
   * @param suggestedName the file name offered
   * @param initialFolder the folder offered, or null
   */
  Path pick(Window owner, String suggestedName, Path initialFolder);

  /** The native save dialog for .xlsx workbooks. */
  static SaveFilePicker nativeXlsx() {
    return (owner, suggestedName, initialFolder) -> {
      FileChooser chooser = new FileChooser();
      chooser.setTitle("Export compliance workbook");
      chooser
          .getExtensionFilters()
          .add(new FileChooser.ExtensionFilter("Excel workbook (*.xlsx)", "*.xlsx"));
      chooser.setInitialFileName(suggestedName);
      if (initialFolder != null) {
        chooser.setInitialDirectory(initialFolder.toFile());
      }
      File chosen = chooser.showSaveDialog(owner);
      return chosen == null ? null : chosen.toPath();
    };
  }
}
