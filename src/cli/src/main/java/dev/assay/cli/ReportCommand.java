package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.report.WorkbookExport;
import dev.assay.core.report.WorkbookOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code assay report ...}: compliance workbooks. */
@Command(
    name = "report",
    description = "Export compliance reports.",
    mixinStandardHelpOptions = true)
final class ReportCommand implements Runnable {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  ReportCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a command: xlsx");
  }

  @Command(
      name = "xlsx",
      description = {
        "Write the compliance workbook of an evaluation run (Summary, Performance, Comparison,"
            + " Fairness, Explanations, Security, Drift, Data, Provenance, Regulatory crosswalk,"
            + " Audit trail, Sign-off)"
            + " and record the export with the file's SHA-256 in the audit trail.",
        "The newest comparison, fairness, explanation, security and drift report of the model version is taken"
            + " unless one is named."
      })
  int xlsx(
      @Option(names = "--run", required = true, paramLabel = "RUN_ID") long run,
      @Option(names = "--out", required = true, paramLabel = "FILE.xlsx") Path out,
      @Option(names = "--compare", paramLabel = "ID", description = "comparison report to include")
          Long compare,
      @Option(names = "--fairness", paramLabel = "ID", description = "fairness report to include")
          Long fairness,
      @Option(names = "--security", paramLabel = "ID", description = "security report to include")
          Long security,
      @Option(
              names = "--explanation",
              paramLabel = "ID",
              description =
                  "explanation to include (default: the model version's newest), with its"
                      + " stability and adverse-action reasons")
          Long explanation,
      @Option(
              names = "--predictions",
              description = "add the per-row Predictions sheet (streamed; large for big runs)")
          boolean predictions,
      @Option(
              names = "--mask",
              split = ",",
              paramLabel = "COL,...",
              description = "dataset columns whose raw values are replaced by [masked]")
          List<String> mask,
      @Option(
              names = "--crosswalk",
              paramLabel = "FILE.csv",
              description =
                  "crosswalk to use (default: <workbench>/reports/crosswalk.csv, else built in)")
          Path crosswalk,
      @Option(names = "--json", description = "print the result as JSON") boolean asJson,
      @Option(names = "--quiet", description = "no progress on stderr") boolean quiet)
      throws Exception {
    WorkbookOptions options =
        new WorkbookOptions(run, compare, fairness, security, predictions, mask, crosswalk)
            .withExplanation(explanation);
    PrintWriter err = root.context().err();
    Progress progress = quiet || asJson ? Progress.NONE : new LineProgress(err);
    WorkbookExport export =
        root.workbench().reports().export(options, out, progress, Cancellation.NONE);
    if (progress != Progress.NONE) {
      err.println();
    }
    PrintWriter o = root.context().out();
    if (asJson) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", export.file().toString());
      m.put("sha256", export.sha256());
      m.put("sheets", export.sheets());
      m.put("prediction_rows", export.predictionRows());
      m.put("seconds", export.seconds());
      m.put("notes", export.notes());
      o.println(json.writeValueAsString(m));
      return 0;
    }
    o.printf(
        Locale.ROOT,
        "wrote %s: %d sheets%s, %.1f s%n",
        export.file(),
        export.sheets().size(),
        export.predictionRows() > 0
            ? String.format(Locale.ROOT, ", %,d prediction rows", export.predictionRows())
            : "",
        export.seconds());
    o.printf("sha256 %s (recorded in the audit trail as report.export)%n", export.sha256());
    for (String note : export.notes()) {
      o.println("note: " + note);
    }
    return 0;
  }

  /** Progress as one updating line on stderr, at most twice a second. */
  private static final class LineProgress implements Progress {
    private final PrintWriter err;
    private long last;

    LineProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void update(long done, long total, String message) {
      long now = System.nanoTime();
      if (now - last < 500_000_000L && done < total) {
        return;
      }
      last = now;
      String percent = total > 0 ? (100 * done / total) + "% " : "";
      err.print("\rreport: " + percent + message + "   ");
      err.flush();
    }
  }
}
