package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.workbench.Analysis;
import org.junit.jupiter.api.Test;

/** Every analysis the workbench names has its top-level command. */
class AnalysisCommandsTest {
  @Test
  void everyAnalysisHasItsCommand() {
    for (Analysis analysis : Analysis.values()) {
      assertThat(TopCommands.NAMES).as(analysis.title()).contains(analysis.command());
    }
  }
}
