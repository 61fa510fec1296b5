package dev.assay.cli;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.store.WorkbenchHome;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Builds the picocli command tree over one {@link CliContext} and runs it with Assay's error
 * conventions.
 */
public final class AssayCli {
  private final CliContext context;
  private final LineEndTracker errLine;

  public AssayCli(CliContext context) {
    this.errLine = new LineEndTracker(context.err());
    this.context =
        new CliContext(
            context.homeResolver(),
            context.opener(),
            context.desktop(),
            context.out(),
            new java.io.PrintWriter(errLine, true),
            context.startupCheck(),
            context.reader());
  }

  /** Runs {@code args}; returns the process exit code. */
  public int run(String... args) {
    if (VersionProvider.asked(args)) {
      // picocli's own answer, without building the command tree (every command and its options)
      for (String line : VersionProvider.lines()) {
        context.out().println(line);
      }
      context.out().flush();
      return 0;
    }
    Optional<DesktopArguments> desktop = DesktopArguments.parse(args);
    if (desktop.isPresent()) {
      return runDesktop(desktop.get());
    }
    AssayCommand root = new AssayCommand(context);
    DirectList direct = DirectList.parse(args);
    CommandLine cli =
        direct == null ? commandTree(root, namedCommand(args), namedSubcommand(args)) : null;
    try {
      if (direct != null) {
        try {
          return direct.run(root);
        } catch (Exception e) {
          return exitCode(e); // as picocli's execution exception handler below
        }
      }
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      context
          .err()
          .println(
              "assay: out of memory (Java heap limit "
                  + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                  + " MiB); give it more with ASSAY_JAVA_OPTS=-Xmx...");
      return AssayCommand.EXIT_INTERNAL;
    } finally {
      root.closeWorkbench();
      context.out().flush();
      context.err().flush();
    }
  }

  /** The whole command tree over {@code root}, with Assay's error handling and option ranges. */
  CommandLine commandTree(AssayCommand root) {
    return commandTree(root, null);
  }

  /**
   * The command tree over {@code root} with only the top-level command {@code only} (and the
   * commands under it), or every command when {@code only} is null. Picocli reads each command's
   * annotations by reflection when it is added, and its classes cannot be linked ahead of time
   * (Java 5 bytecode), so building all of them costs a short command such as {@code models list} a
   * large part of its run.
   */
  CommandLine commandTree(AssayCommand root, String only) {
    return commandTree(root, only, null);
  }

  /**
   * As {@link #commandTree(AssayCommand, String)}, and when {@code sub} (the word after {@code
   * only}) names a subcommand that {@code only}'s class declares, without the subcommands added to
   * it by hand ({@code models list} does not build {@code models sign}, {@code verify} and {@code
   * card}: picocli gives each command its own parser, with its converters found by reflection).
   */
  CommandLine commandTree(AssayCommand root, String only, String sub) {
    CommandLine cli = new CommandLine(root);
    for (String name : TopCommands.NAMES) {
      if (only == null || only.equals(name)) {
        cli.addSubcommand(TopCommands.create(name, root));
        CommandLine command = cli.getSubcommands().get(name);
        if (only == null || sub == null || !TopCommands.declares(command, sub)) {
          TopCommands.addChildren(name, command, root);
        }
      }
    }
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.registerConverter(java.nio.file.Path.class, FileNames::parse);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> exitCode(e));
    CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          if (e instanceof OptionRanges.OutOfRange) {
            e.getCommandLine().getErr().println("assay: " + e.getMessage());
            return AssayCommand.EXIT_USAGE;
          }
          if (RolloutCommand.oneLineErrors(e.getCommandLine())) {
            e.getCommandLine().getErr().println("assay: " + e.getMessage());
            return AssayCommand.EXIT_USAGE;
          }
          if (e.getCause() instanceof FileNames.Refused refused) {
            e.getCommandLine().getErr().println("assay: " + refused.getMessage());
            return AssayCommand.EXIT_USAGE;
          }
          return usage.handleParseException(e, arguments);
        });
    CommandLine.IExecutionStrategy strategy = cli.getExecutionStrategy();
    cli.setExecutionStrategy(
        parsed -> {
          OptionRanges.check(parsed);
          return strategy.execute(parsed);
        });
    return cli;
  }

  /**
   * The top-level command {@code args} name, when it is one of {@link TopCommands#NAMES} and comes
   * after nothing but the root's own options ({@code --home DIR}, {@code --home=DIR}); else null
   * (help, a typo, an option picocli should report), for which the whole tree is built.
   */
  static String namedCommand(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--home")) {
        i++;
      } else if (arg.startsWith("--home=")) {
        continue;
      } else {
        return TopCommands.NAMES.contains(arg) ? arg : null;
      }
    }
    return null;
  }

  /**
   * The word after the top-level command {@link #namedCommand} finds, or null (no such command, or
   * nothing after it).
   */
  static String namedSubcommand(String... args) {
    String named = namedCommand(args);
    if (named == null) {
      return null;
    }
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--home")) {
        i++;
      } else if (!args[i].startsWith("--home=")) {
        return args[i + 1];
      }
    }
    return null;
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
    errLine.endLine();
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
    String fileProblem = fileProblem(e);
    if (fileProblem != null) {
      context.err().println("assay: " + fileProblem);
      return AssayCommand.EXIT_REFUSED;
    }
    context.err().println("assay: internal error: " + e);
    return AssayCommand.EXIT_INTERNAL;
  }

  /**
   * One line for a file the user named that cannot be read or written (an output into a folder that
   * does not exist, a read-only folder, a full disk), or null when {@code e} is not one.
   */
  private static String fileProblem(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.nio.file.NoSuchFileException missing) {
        return "no such file or folder: " + missing.getFile();
      }
      if (cause instanceof java.nio.file.AccessDeniedException denied) {
        return "permission denied: " + denied.getFile();
      }
      if (cause instanceof java.nio.file.FileSystemException other && other.getFile() != null) {
        String reason = other.getReason();
        return "cannot use " + other.getFile() + (reason == null ? "" : ": " + reason);
      }
    }
    return null;
  }
}
