package dev.assay.cli;

import dev.assay.workbench.Analysis;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine;

/**
 * The top-level commands: their names in the order help lists them, how each is made, and the
 * commands under it that are added by hand. The analyses' commands are not listed here: each {@link
 * Analysis} names its command's class ({@link Analysis#commandClass()}), made by its constructor
 * over the root, and a command whose subcommands need the root adds them itself ({@link
 * ParentCommand}). No lambdas (start-up: {@link AssayCli} builds only the command named on the
 * command line). {@code ArchitectureTest} (app) checks that every analysis has its command.
 */
final class TopCommands {
  /** The workbench's commands listed before the analyses, in help order. */
  private static final List<String> BEFORE_ANALYSES = List.of("models", "datasets");

  /** The workbench's commands listed after the analyses, in help order. */
  private static final List<String> AFTER_ANALYSES =
      List.of("audit", "roles", "signoff", "keys", "report", "contract", "runs", "rollout");

  /** The top-level commands' names, in the order help lists them. */
  static final List<String> NAMES = names();

  private TopCommands() {}

  private static List<String> names() {
    List<String> names = new ArrayList<>(BEFORE_ANALYSES);
    for (Analysis analysis : Analysis.values()) {
      names.add(analysis.command());
    }
    names.addAll(AFTER_ANALYSES);
    return Collections.unmodifiableList(names);
  }

  /** A new top-level command {@code name} (one of {@link #NAMES}) over {@code root}. */
  static Object create(String name, AssayCommand root) {
    return switch (name) {
      case "models" -> new ModelsCommand(root);
      case "datasets" -> new DatasetsCommand(root);
      case "audit" -> new AuditCommand(root);
      case "roles" -> new RolesCommand(root);
      case "signoff" -> new SignoffCommand(root);
      case "keys" -> new KeysCommand(root);
      case "report" -> new ReportCommand(root);
      case "contract" -> new ContractCommand(root);
      case "runs" -> new RunsCommand(root);
      case "rollout" -> new RolloutCommand(root);
      default -> analysisCommand(name, root);
    };
  }

  /** The command of the analysis whose command is {@code name}, made from its class's name. */
  private static Object analysisCommand(String name, AssayCommand root) {
    for (Analysis analysis : Analysis.values()) {
      if (analysis.command().equals(name)) {
        try {
          return Class.forName(analysis.commandClass())
              .getDeclaredConstructor(AssayCommand.class)
              .newInstance(root);
        } catch (ClassNotFoundException
            | NoSuchMethodException
            | InstantiationException
            | IllegalAccessException e) {
          throw new IllegalStateException(
              "analysis " + analysis + " has no command " + analysis.commandClass(), e);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof RuntimeException cause) {
            throw cause;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    }
    throw new IllegalArgumentException("no command " + name);
  }

  /**
   * Whether {@code sub} is a subcommand that {@code command}'s class declares itself (its annotated
   * methods and classes), so that the subcommands {@link #addChildren} adds are not needed to run
   * it. A command that adds its own children ({@link ParentCommand}) never says so.
   */
  static boolean declares(CommandLine command, String sub) {
    return !(command.getCommand() instanceof ParentCommand)
        && command.getSubcommands().containsKey(sub);
  }

  /** Adds the commands under {@code name} that its class does not declare itself. */
  static void addChildren(String name, CommandLine command, AssayCommand root) {
    if (command.getCommand() instanceof ParentCommand parent) {
      parent.addChildren(command, root);
      return;
    }
    switch (name) {
      case "models" -> {
        command.addSubcommand(new ModelSigningCommands.Sign(root));
        command.addSubcommand(new ModelSigningCommands.Verify(root));
        command.addSubcommand(new ModelCardCommand(root));
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
