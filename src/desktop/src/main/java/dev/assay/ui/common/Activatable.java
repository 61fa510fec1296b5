package dev.assay.ui.common;

/**
 * A screen's ViewModel told when its screen is shown or hidden (bisq2's controllers). The main
 * window calls {@link #onActivate()} each time the screen comes to the front, and {@link
 * #onDeactivate()} when another screen replaces it; a ViewModel reads its lists in {@code
 * onActivate} so what it shows is fresh, and may stop following live data in {@code onDeactivate}.
 */
public interface Activatable {
  /**
   * The screen is now shown; must be called on the FX thread. No default: each ViewModel says what
   * showing its screen rereads (a forgotten refresh is a stale screen).
   */
  void onActivate();

  /** The screen is no longer shown; must be called on the FX thread. */
  default void onDeactivate() {}
}
