package dev.assay.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The main window's screen switching tells each ViewModel when it is shown and hidden. */
class ScreenActivationTest {
  private final List<String> told = new ArrayList<>();

  private Activatable recording(String name) {
    return new Activatable() {
      @Override
      public void onActivate() {
        told.add(name + " shown");
      }

      @Override
      public void onDeactivate() {
        told.add(name + " hidden");
      }
    };
  }

  @Test
  void thePreviousScreenIsHiddenBeforeTheNextIsShownAndShowingAgainRereads() {
    ScreenActivation screens = new ScreenActivation();
    screens.register(ScreenKind.DRIFT, recording("drift"));
    screens.register(ScreenKind.EXPLANATIONS, recording("explanations"));

    screens.show(ScreenKind.DRIFT);
    screens.show(ScreenKind.EXPLANATIONS);
    screens.show(ScreenKind.EXPLANATIONS);
    // a screen without a ViewModel is shown all the same, and the one before is hidden
    screens.show(ScreenKind.MODELS);
    screens.show(ScreenKind.DRIFT);

    assertThat(told)
        .containsExactly(
            "drift shown",
            "drift hidden",
            "explanations shown",
            "explanations shown",
            "explanations hidden",
            "drift shown");
    assertThat(screens.shown()).isEqualTo(ScreenKind.DRIFT);
  }
}
