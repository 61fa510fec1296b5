package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Json;
import dev.assay.core.NotFoundException;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay drift list} and {@code assay drift show}: the stored drift reports. */
final class DriftReportsCommand {
  private DriftReportsCommand() {}

  /** {@code assay drift list [--model NAME:VERSION]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Stored drift reports, newest first.")
  static final class ListReports implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--model", paramLabel = "NAME:VERSION", description = "only this version's")
    String model;

    ListReports(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      Workbench workbench = root.workbench();
      Long versionId = null;
      if (model != null) {
        ModelVersion version = CliInputs.model(workbench, model);
        versionId = version.id();
      }
      List<DriftReportStore.Summary> reports = workbench.driftReports().list(versionId);
      PrintWriter out = root.context().out();
      if (reports.isEmpty()) {
        out.println("no drift reports");
        return 0;
      }
      out.printf(
          "%-5s %-20s %-20s %-20s %-9s %-20s %s%n",
          "ID", "MODEL", "REFERENCE", "CURRENT", "VERDICT", "CREATED", "DRIFTED");
      for (DriftReportStore.Summary s : reports) {
        out.printf(
            "%-5d %-20s %-20s %-20s %-9s %-20s %s%n",
            s.id(),
            s.model() == null ? "-" : s.model(),
            s.reference(),
            s.current(),
            s.verdict(),
            s.createdAt().toString().substring(0, 19).replace('T', ' '),
            s.drifted().isEmpty() ? "-" : s.drifted());
      }
      return 0;
    }
  }

  /** {@code assay drift show ID}: the stored report's JSON. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "A stored drift report as JSON (the document `assay drift --json` wrote).")
  static final class ShowReport implements Callable<Integer> {
    private final AssayCommand root;
    private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(paramLabel = "ID", description = "the report's id (see `assay drift list`)")
    String idText;

    ShowReport(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws Exception {
      long id = OptionRanges.positiveId(idText, "a report");
      DriftReportStore.Stored stored;
      try {
        stored = root.workbench().driftReports().get(id);
      } catch (NotFoundException e) {
        throw new AssayCommand.ExitException(AssayCommand.EXIT_REFUSED, "no drift report " + id);
      }
      com.fasterxml.jackson.databind.node.ObjectNode doc =
          (com.fasterxml.jackson.databind.node.ObjectNode) stored.document();
      doc.put("report_id", id);
      root.context().out().println(json.writeValueAsString(doc));
      return 0;
    }
  }
}
