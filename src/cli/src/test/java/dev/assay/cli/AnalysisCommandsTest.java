package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.workbench.Analysis;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every analysis the workbench names has its top-level command, found from the analysis alone. */
class AnalysisCommandsTest {
  @Test
  void everyAnalysisHasItsCommand() {
    for (Analysis analysis : Analysis.values()) {
      assertThat(TopCommands.NAMES).as(analysis.title()).contains(analysis.command());
      Object command = TopCommands.create(analysis.command(), new AssayCommand(null));
      assertThat(command.getClass().getName()).isEqualTo(analysis.commandClass());
      assertThat(new CommandLine(command).getCommandName()).isEqualTo(analysis.command());
    }
  }
}
