package dev.assay.cli;

import dev.assay.core.AssayException;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay}: with a subcommand runs the CLI, without one opens the desktop app. */
@Command(
    name = "assay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Assay model-operations workbench. Without a command, opens the desktop app.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 refused input or not found, 2 usage error, 3 internal error;"
          + " 'security scan' exits 2 on critical or high findings, 'eval' 4 on a failed gate."
    })
public final class AssayCommand implements Callable<Integer> {
  /** Exit code for input Assay refuses (bad file, unknown model) and failed conditions. */
  public static final int EXIT_REFUSED = 1;

  /** Exit code for a usage error: an unknown option, a value out of its range. */
  public static final int EXIT_USAGE = 2;

  /** Exit code for an unexpected internal error. */
  public static final int EXIT_INTERNAL = 3;

  private final CliContext context;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Workbench folder (database, stores). Default: $ASSAY_HOME, else a per-user folder.",
      scope = CommandLine.ScopeType.INHERIT)
  Path home;

  @Option(
      names = "--startup-check",
      description =
          "Open the main window, wait for its first frame, print the time since the JVM started"
              + " and exit (start-up benchmark of the packaged app).")
  boolean startupCheck;

  private Workbench workbench;

  public AssayCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (startupCheck) {
      return context.startupCheck().applyAsInt(home());
    }
    context.desktop().accept(home());
    return 0;
  }

  WorkbenchHome home() {
    return context.homeResolver().apply(home);
  }

  /** The workbench, opened on first use and closed by {@link AssayCli} after the command. */
  Workbench workbench() {
    if (workbench == null) {
      workbench = context.opener().apply(home());
    }
    return workbench;
  }

  /**
   * The workbench for a command that only reads: opened read-only when no other process holds it
   * (see {@code Workbench.openForReading}); the command must not write through it.
   */
  Workbench workbenchForReading() {
    if (workbench == null) {
      workbench = context.reader().apply(home());
    }
    return workbench;
  }

  void closeWorkbench() {
    if (workbench != null) {
      workbench.close();
      workbench = null;
    }
  }

  CliContext context() {
    return context;
  }

  /**
   * Thrown by commands for a condition that should end the CLI with a given exit code and one
   * message line.
   */
  static final class ExitException extends AssayException {
    private static final long serialVersionUID = 1L;
    private final int code;

    ExitException(int code, String message) {
      super(message);
      this.code = code;
    }

    int code() {
      return code;
    }
  }
}
