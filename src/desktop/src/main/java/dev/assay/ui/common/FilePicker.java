package dev.assay.ui.common;

import java.nio.file.Path;
import java.util.List;
import javafx.stage.Window;

/** Asks the user for model files; the desktop uses a native file chooser, tests a fixed answer. */
@FunctionalInterface
public interface FilePicker {
  /** The chosen files, empty when the user cancelled. */
  List<Path> pick(Window owner, Path initialFolder);
}
