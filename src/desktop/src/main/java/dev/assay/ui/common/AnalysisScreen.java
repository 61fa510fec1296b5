package dev.assay.ui.common;

import dev.assay.workbench.Analysis;
import java.lang.reflect.InvocationTargetException;
import javafx.scene.Node;

/**
 * The desktop part of one {@link Analysis}: its ViewModel, made with the services it uses, and its
 * view, built when the screen is first shown. The main window makes one for each analysis that has
 * a screen, from the class the analysis names ({@link Analysis#screenClass()}: a public class with
 * a public constructor that takes the {@link ScreenServices}), so adding an analysis's screen
 * touches no list in the window; {@code ArchitectureTest} (app) checks that each exists.
 */
public interface AnalysisScreen {
  /** Its ViewModel: told when the screen is shown or hidden. */
  Activatable viewModel();

  /** A new view over {@link #viewModel()} (the window builds it when the screen is first shown). */
  Node view();

  /** The screen of {@code analysis} over {@code services}. */
  static AnalysisScreen of(Analysis analysis, ScreenServices services) {
    String name = analysis.screenClass();
    if (name == null) {
      throw new IllegalArgumentException(analysis.title() + " has no screen");
    }
    try {
      return Class.forName(name)
          .asSubclass(AnalysisScreen.class)
          .getConstructor(ScreenServices.class)
          .newInstance(services);
    } catch (ReflectiveOperationException | ClassCastException e) {
      if (e instanceof InvocationTargetException thrown
          && thrown.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(analysis.title() + " has no screen " + name, e);
    }
  }
}
