package dev.assay.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.workbench.Analysis;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every analysis the workbench names with a screen has that screen in the main window's list, and
 * the class that makes it (found from the analysis alone).
 */
class AnalysisScreensTest {
  @Test
  void everyAnalysisScreenIsAScreenKindWithItsClass() throws Exception {
    for (Analysis analysis : Analysis.values()) {
      if (analysis.screen() != null) {
        assertThat(Arrays.stream(ScreenKind.values()).map(ScreenKind::name))
            .as(analysis.title())
            .contains(analysis.screen());
        Class<?> screen = Class.forName(analysis.screenClass());
        assertThat(AnalysisScreen.class.isAssignableFrom(screen)).as(screen.getName()).isTrue();
        assertThat(screen.getConstructor(ScreenServices.class)).isNotNull();
      } else {
        assertThat(analysis.screenClass()).isNull();
      }
    }
  }
}
