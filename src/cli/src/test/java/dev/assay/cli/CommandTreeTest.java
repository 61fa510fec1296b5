package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command line that names a top-level command builds only that command's part of the picocli tree
 * (start-up time of short commands); anything else (help, a typo) gets the whole tree, so help and
 * picocli's suggestions are unchanged.
 */
class CommandTreeTest {
  private static final String[] ALL = {
    "models",
    "datasets",
    // the analyses, in dev.assay.workbench.Analysis's order
    "eval",
    "compare",
    "fairness",
    "explain",
    "security",
    "drift",
    "monitor",
    "audit",
    "roles",
    "signoff",
    "keys",
    "report",
    "contract",
    "runs",
    "rollout"
  };

  @Test
  void theNamedCommandIsFoundAfterTheRootsOwnOptions() {
    assertThat(AssayCli.namedCommand("models", "list")).isEqualTo("models");
    assertThat(AssayCli.namedCommand("--home", "dir", "eval", "--model", "m")).isEqualTo("eval");
    assertThat(AssayCli.namedCommand("--home=dir", "security", "robustness")).isEqualTo("security");
    // the value of --home is not a command, even when it reads like one
    assertThat(AssayCli.namedCommand("--home", "eval", "models", "list")).isEqualTo("models");
  }

  @Test
  void helpTyposAndOptionsFirstGetTheWholeTree() {
    assertThat(AssayCli.namedCommand()).isNull();
    assertThat(AssayCli.namedCommand("--help")).isNull();
    assertThat(AssayCli.namedCommand("mdoels", "list")).isNull();
    assertThat(AssayCli.namedCommand("--home", "dir")).isNull();
    assertThat(AssayCli.namedCommand("--startup-check", "models")).isNull();
  }

  @Test
  void aNamedCommandsTreeHasThatCommandWithEverythingUnderIt() {
    AssayCli cli = new AssayCli(context());
    CommandLine models = cli.commandTree(new AssayCommand(context()), "models");
    assertThat(models.getSubcommands()).containsOnlyKeys("models");
    assertThat(models.getSubcommands().get("models").getSubcommands())
        .containsKeys("import", "list", "show", "remove", "sign", "verify", "card");
    CommandLine security = cli.commandTree(new AssayCommand(context()), "security");
    assertThat(security.getSubcommands().get("security").getSubcommands())
        .containsKeys("scan", "robustness");
  }

  @Test
  void aDeclaredSubcommandIsBuiltWithoutTheOnesAddedByHand() {
    assertThat(AssayCli.namedSubcommand("models", "list")).isEqualTo("list");
    assertThat(AssayCli.namedSubcommand("--home", "list", "models", "show", "x")).isEqualTo("show");
    assertThat(AssayCli.namedSubcommand("--home=d", "models")).isNull();
    assertThat(AssayCli.namedSubcommand("list", "models")).isNull();
    AssayCli cli = new AssayCli(context());
    CommandLine list = cli.commandTree(new AssayCommand(context()), "models", "list");
    assertThat(list.getSubcommands().get("models").getSubcommands())
        .containsOnlyKeys("import", "list", "show", "remove", "bind");
    // a subcommand added by hand, help, a typo or an option: everything under the command
    for (String sub : new String[] {"sign", "card", "--help", "lsit", "-h"}) {
      CommandLine tree = cli.commandTree(new AssayCommand(context()), "models", sub);
      assertThat(tree.getSubcommands().get("models").getSubcommands())
          .as(sub)
          .containsKeys("import", "list", "show", "remove", "sign", "verify", "card");
    }
    // a command that adds its own children keeps all of them
    CommandLine security = cli.commandTree(new AssayCommand(context()), "security", "scan");
    assertThat(security.getSubcommands().get("security").getSubcommands())
        .containsKeys("scan", "robustness");
  }

  @Test
  void theWholeTreeHasEveryCommandInHelpOrder() {
    CommandLine all = new AssayCli(context()).commandTree(new AssayCommand(context()));
    assertThat(all.getSubcommands().keySet()).containsExactly(ALL);
    for (String name : ALL) {
      CommandLine only = new AssayCli(context()).commandTree(new AssayCommand(context()), name);
      assertThat(only.getSubcommands().keySet()).containsExactly(name);
      assertThat(only.getSubcommands().get(name).getSubcommands().keySet())
          .containsExactlyElementsOf(all.getSubcommands().get(name).getSubcommands().keySet());
    }
  }

  @Test
  void versionLinesNameAssayAndTheRuntimeAsPicocliPrintedThem() {
    String[] lines = VersionProvider.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("assay ").contains(" (commit ").endsWith(")");
    assertThat(lines[1])
        .isEqualTo("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    assertThat(VersionProvider.asked("--version")).isTrue();
    assertThat(VersionProvider.asked("-V")).isTrue();
    assertThat(VersionProvider.asked("--version", "models")).isFalse();
  }

  private static CliContext context() {
    return new CliContext(
        option -> fail("no home"),
        home -> fail("no workbench"),
        home -> fail("no desktop"),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
  }
}
