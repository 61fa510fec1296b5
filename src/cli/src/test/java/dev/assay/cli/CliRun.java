package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in this JVM on one workbench, as a CLI test does, and keeps its output. */
final class CliRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliRun() {}

  /** A finished command: its exit code and what it printed. */
  record Outcome(int code, String out, String err) {
    /** Standard output read as JSON ({@code --json -}). */
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  /**
   * Runs {@code assay args... --home home} with the OS user "tester"; the desktop must not start.
   */
  static Outcome run(Path home, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            option -> new WorkbenchHome(option != null ? option : home),
            opened -> Workbench.open(opened, Clock.systemUTC(), "tester"),
            opened -> {
              throw new AssertionError("the desktop must not start in a CLI test");
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--home", home.toString()));
    int code = new AssayCli(context).run(all.toArray(String[]::new));
    return new Outcome(code, out.toString(), err.toString());
  }
}
