package dev.assay.ui.common;

import java.util.HashMap;
import java.util.Map;

/**
 * Which screen is shown, and telling its ViewModel: the one shown before is deactivated when
 * another replaces it, and the one shown is activated each time it is chosen (choosing it again
 * rereads its lists). A screen without a ViewModel is simply shown.
 */
public final class ScreenActivation {
  private static final Activatable NOTHING = () -> {};

  private final Map<ScreenKind, Activatable> viewModels = new HashMap<>();
  private ScreenKind shown;

  /** {@code viewModel} is told when {@code screen} is shown or hidden. */
  public void register(ScreenKind screen, Activatable viewModel) {
    viewModels.put(screen, viewModel);
  }

  /** {@code screen} is now shown; on the FX thread. */
  public void show(ScreenKind screen) {
    if (shown != screen && shown != null) {
      viewModels.getOrDefault(shown, NOTHING).onDeactivate();
    }
    shown = screen;
    viewModels.getOrDefault(screen, NOTHING).onActivate();
  }

  /** The screen shown, or null before the first. */
  public ScreenKind shown() {
    return shown;
  }
}
