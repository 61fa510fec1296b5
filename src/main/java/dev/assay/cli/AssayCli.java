package dev.assay.cli;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.WorkbenchHome;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Builds the picocli command tree over one {@link CliContext} and runs it with Assay's error
 * conventions.
 */
public final class AssayCli {
  private final CliContext context;

  public AssayCli(CliContext context) {
    this.context = context;
  }

  /** Runs {@code args}; returns the process exit code. */
  public int run(String... args) {
    Optional<DesktopArguments> desktop = DesktopArguments.parse(args);
    if (desktop.isPresent()) {
      return runDesktop(desktop.get());
    }
    AssayCommand root = new AssayCommand(context);
    CommandLine cli = new CommandLine(root);
    cli.addSubcommand(new ModelsCommand(root));
    cli.addSubcommand(new DatasetsCommand(root));
    cli.addSubcommand(new EvalCommand(root));
    cli.addSubcommand(new AuditCommand(root));
    cli.addSubcommand(new RolesCommand(root));
    cli.addSubcommand(new SignoffCommand(root));
    cli.addSubcommand(new SecurityCommand(root));
    cli.addSubcommand(new KeysCommand(root));
    cli.getSubcommands().get("security").addSubcommand(new RobustnessCommand(root));
    cli.getSubcommands().get("models").addSubcommand(new ModelSigningCommands.Sign(root));
    cli.getSubcommands().get("models").addSubcommand(new ModelSigningCommands.Verify(root));
    cli.addSubcommand(new CompareCommand(root));
    cli.addSubcommand(new FairnessCommand(root));
    cli.addSubcommand(new ExplainCommand(root));
    cli.addSubcommand(new ReportCommand(root));
    cli.getSubcommands().get("models").addSubcommand(new ModelCardCommand(root));
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> exitCode(e));
    try {
      return cli.execute(args);
    } finally {
      root.closeWorkbench();
      context.out().flush();
      context.err().flush();
    }
  }

  /** The desktop start without picocli (see {@link DesktopArguments}), same exit codes. */
  private int runDesktop(DesktopArguments desktop) {
    try {
      WorkbenchHome home = context.homeResolver().apply(desktop.home());
      if (desktop.startupCheck()) {
        return context.startupCheck().applyAsInt(home);
      }
      context.desktop().accept(home);
      return 0;
    } catch (Exception e) {
      return exitCode(e);
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  /** Assay's exit code for an exception a command ended with, and its one line on stderr. */
  private int exitCode(Exception e) {
    if (e instanceof AssayCommand.ExitException exit) {
      context.err().println("assay: " + exit.getMessage());
      return exit.code();
    }
    if (e instanceof AssayException user) {
      context.err().println("assay: " + user.getMessage());
      return AssayCommand.EXIT_REFUSED;
    }
    if (e instanceof Cancellation.CancelledException) {
      context.err().println("assay: cancelled");
      return AssayCommand.EXIT_REFUSED;
    }
    context.err().println("assay: internal error: " + e);
    return AssayCommand.EXIT_INTERNAL;
  }
}
