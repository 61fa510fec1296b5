package dev.assay.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The top-level commands: their names in the order help lists them, how each is made, and the
 * commands under it that are added by hand. One place per command, no lambdas (start-up: {@link
 * AssayCli} builds only the command named on the command line). Each analysis's command ({@code
 * dev.assay.workbench.Analysis#command()}) must be here; {@code AnalysisCommandsTest} checks it.
 */
final class TopCommands {
  /** The top-level commands' names, in the order help lists them. */
  static final List<String> NAMES =
      List.of(
          "models",
          "datasets",
          "eval",
          "audit",
          "roles",
          "signoff",
          "security",
          "keys",
          "compare",
          "fairness",
          "drift",
          "monitor",
          "explain",
          "report",
          "contract");

  private TopCommands() {}

  /** A new top-level command {@code name} (one of {@link #NAMES}) over {@code root}. */
  static Object create(String name, AssayCommand root) {
    return switch (name) {
      case "models" -> new ModelsCommand(root);
      case "datasets" -> new DatasetsCommand(root);
      case "eval" -> new EvalCommand(root);
      case "audit" -> new AuditCommand(root);
      case "roles" -> new RolesCommand(root);
      case "signoff" -> new SignoffCommand(root);
      case "security" -> new SecurityCommand(root);
      case "keys" -> new KeysCommand(root);
      case "compare" -> new CompareCommand(root);
      case "fairness" -> new FairnessCommand(root);
      case "drift" -> new DriftCommand(root);
      case "monitor" -> new MonitorCommand(root);
      case "explain" -> new ExplainCommand(root);
      case "report" -> new ReportCommand(root);
      case "contract" -> new ContractCommand(root);
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }

  /** Adds the commands under {@code name} that its class does not declare itself. */
  static void addChildren(String name, CommandLine command, AssayCommand root) {
    switch (name) {
      case "security" -> command.addSubcommand(new RobustnessCommand(root));
      case "models" -> {
        command.addSubcommand(new ModelSigningCommands.Sign(root));
        command.addSubcommand(new ModelSigningCommands.Verify(root));
        command.addSubcommand(new ModelCardCommand(root));
      }
      case "drift" -> {
        command.addSubcommand(new DriftReportsCommand.ListReports(root));
        command.addSubcommand(new DriftReportsCommand.ShowReport(root));
      }
      case "monitor" -> {
        command.addSubcommand(new MonitorRulesCommand.Add(root));
        command.addSubcommand(new MonitorRulesCommand.ListRules(root));
      }
      case "explain" -> {
        command.addSubcommand(new ExplainReportsCommands.ListCommand(root));
        command.addSubcommand(new ExplainReportsCommands.ShowCommand(root));
      }
      case "contract" -> {
        command.addSubcommand(new ContractCommand.Infer(root));
        command.addSubcommand(new ContractCommand.Check(root));
        command.addSubcommand(new ContractCommand.Save(root));
      }
      default -> {}
    }
  }
}
