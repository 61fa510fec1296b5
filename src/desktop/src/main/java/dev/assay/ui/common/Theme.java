package dev.assay.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Parent;

/**
 * The window's look: AtlantaFX's Primer themes (light, dark), or JavaFX's own Modena. The choice is
 * kept in the settings ({@value #SETTING}) and applies to every window of the application.
 */
public enum Theme {
  LIGHT("Light (Primer)"),
  DARK("Dark (Primer)"),
  CLASSIC("Classic (Modena)");

  /** The settings key that remembers the choice. */
  public static final String SETTING = "ui.theme";

  private final String title;

  Theme(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** The remembered theme, or {@link #LIGHT} when none (or an unknown one) is remembered. */
  public static Theme remembered(UiSettings settings) {
    String name = settings.getString(SETTING, LIGHT.name());
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return LIGHT;
    }
  }

  /** Remembers this theme in the settings and saves them. */
  public void remember(UiSettings settings) {
    settings.putString(SETTING, name());
    settings.save();
  }

  /**
   * Makes this the application's look (its user-agent stylesheet); {@code root} gets the style
   * class {@code dark} in the dark theme, for Assay's own colours, and {@code primer} in both
   * Primer themes (for the Modena colours ControlsFX's stylesheets look up). Must run on the FX
   * thread.
   */
  public void apply(Parent root) {
    Application.setUserAgentStylesheet(
        switch (this) {
          case LIGHT -> new PrimerLight().getUserAgentStylesheet();
          case DARK -> new PrimerDark().getUserAgentStylesheet();
          case CLASSIC -> Application.STYLESHEET_MODENA;
        });
    if (root != null) {
      root.getStyleClass().removeAll("dark", "primer");
      if (this == DARK) {
        root.getStyleClass().add("dark");
      }
      if (this != CLASSIC) {
        root.getStyleClass().add("primer");
      }
    }
  }
}
