package dev.assay.ui.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where an analysis's screen ({@link AnalysisScreen}) stands in the main window: its title in the
 * navigation, its place (which also gives its keyboard shortcut) and its purpose. {@link
 * ScreenKind} reads it from the class the {@code Analysis} names, without making the screen, so an
 * analysis's screen is listed by its class alone.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ScreenEntry {
  /** Its name in the navigation, e.g. {@code Drift}. */
  String title();

  /**
   * Its place in the navigation, smallest first: Overview 10, Models 20, Datasets 30, the analyses
   * 40 to 990, Reports 1000.
   */
  int position();

  /** What the screen is for, in one sentence. */
  String purpose();
}
