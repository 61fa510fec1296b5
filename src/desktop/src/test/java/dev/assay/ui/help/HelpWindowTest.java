package dev.assay.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Help > User guide shows the bundled documents without a network or a browser. */
class HelpWindowTest {
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void opensOnTheReadmeAndShowsAModelCardWhenChosen() throws Exception {
    Stage stage = FxToolkit.setupFixture(() -> HelpWindow.show(null));
    WaitForAsyncUtils.waitForFxEvents();

    @SuppressWarnings("unchecked")
    ListView<HelpDocs.Doc> list = robot.lookup("#help-documents").queryAs(ListView.class);
    TextArea text = robot.lookup("#help-text").queryAs(TextArea.class);
    assertThat(stage.isShowing()).isTrue();
    assertThat(text.getText()).startsWith("# Assay");
    assertThat(text.isEditable()).isFalse();

    HelpDocs.Doc card =
        list.getItems().stream()
            .filter(d -> d.path().equals("models/hmda-deny.md"))
            .findFirst()
            .orElseThrow();
    robot.interact(() -> list.getSelectionModel().select(card));

    assertThat(text.getText()).isEqualTo(card.text());
  }
}
