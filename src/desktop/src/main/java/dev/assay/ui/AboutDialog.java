package dev.assay.ui;

import dev.assay.core.AssayVersion;
import dev.assay.workbench.Workbench;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Help > About: version and the bundled runtimes. */
final class AboutDialog {
  private AboutDialog() {}

  static void show(Window owner, Workbench workbench) {
    Alert alert =
        new Alert(
            Alert.AlertType.INFORMATION,
            String.join(
                "\n",
                "Assay " + AssayVersion.version(),
                "Build: commit " + AssayVersion.commit(),
                "assay.jar SHA-256: " + AssayVersion.jarSha256().orElse("(not running from a jar)"),
                "ONNX Runtime "
                    + workbench.runtime().version()
                    + " ("
                    + String.join(", ", workbench.runtime().availableProviders())
                    + ")",
                "Java "
                    + Runtime.version()
                    + " ("
                    + System.getProperty("java.vendor")
                    + (System.getProperty("jpackage.app-path") != null ? ", bundled runtime" : "")
                    + ")",
                "JavaFX " + System.getProperty("javafx.runtime.version"),
                "Workbench folder: " + workbench.home().root()),
            ButtonType.OK);
    alert.initOwner(owner);
    alert.setTitle("About Assay");
    alert.setHeaderText("Assay model-operations workbench");
    alert.show();
  }
}
