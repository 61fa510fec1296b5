package dev.assay.cli;

import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What the CLI needs from the composition root: how to resolve and open a workbench, where to
 * write, and how to start the desktop app when no subcommand is given.
 *
 * @param homeResolver turns the {@code --home} option (null when absent) into the workbench folder
 * @param opener opens the workbench in a folder
 * @param desktop starts the desktop app on a folder (blocks until it is closed)
 * @param startupCheck opens the desktop app on a folder, waits for the main window's first frame,
 *     reports the start-up time and closes it again; returns the exit code ({@code
 *     --startup-check})
 * @param reader opens the workbench in a folder for a command that only reads ({@code models list},
 *     {@code models show}, ...): read-only and without H2's server when it can, otherwise like
 *     {@code opener}
 */
public record CliContext(
    Function<Path, WorkbenchHome> homeResolver,
    Function<WorkbenchHome, Workbench> opener,
    Consumer<WorkbenchHome> desktop,
    PrintWriter out,
    PrintWriter err,
    ToIntFunction<WorkbenchHome> startupCheck,
    Function<WorkbenchHome, Workbench> reader) {

  /** A context whose read-only commands open the workbench like the others. */
  public CliContext(
      Function<Path, WorkbenchHome> homeResolver,
      Function<WorkbenchHome, Workbench> opener,
      Consumer<WorkbenchHome> desktop,
      PrintWriter out,
      PrintWriter err,
      ToIntFunction<WorkbenchHome> startupCheck) {
    this(homeResolver, opener, desktop, out, err, startupCheck, opener);
  }

  /** A context without a start-up check ({@code --startup-check} then ends with a usage error). */
  public CliContext(
      Function<Path, WorkbenchHome> homeResolver,
      Function<WorkbenchHome, Workbench> opener,
      Consumer<WorkbenchHome> desktop,
      PrintWriter out,
      PrintWriter err) {
    this(
        homeResolver,
        opener,
        desktop,
        out,
        err,
        home -> {
          err.println("assay: --startup-check is not available here");
          return 2;
        });
  }
}
