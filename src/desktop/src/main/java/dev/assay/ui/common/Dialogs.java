package dev.assay.ui.common;

import dev.assay.core.AssayException;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

/**
 * Message dialogs: user errors show their message; unexpected errors a short explanation, never a
 * stack trace.
 */
public final class Dialogs {
  private Dialogs() {}

  public static void showError(Window owner, String title, Throwable error) {
    String message =
        error instanceof AssayException
            ? error.getMessage()
            : "Something went wrong: "
                + (error.getMessage() == null
                    ? error.getClass().getSimpleName()
                    : error.getMessage());
    showError(owner, title, message);
  }

  public static void showError(Window owner, String title, String message) {
    Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK);
    alert.initOwner(owner);
    alert.setTitle(title);
    alert.setHeaderText(title);
    Label content = new Label(message);
    content.setWrapText(true);
    content.setId("error-message");
    alert.getDialogPane().setContent(content);
    alert.show();
  }

  public static boolean confirm(Window owner, String title, String message) {
    Alert alert =
        new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
    alert.initOwner(owner);
    alert.setTitle(title);
    alert.setHeaderText(title);
    return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
  }
}
