package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.model.ModelProblem;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelRejectedException;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.security.Finding;
import dev.assay.core.security.IsolatedLoader;
import dev.assay.core.security.ScanOptions;
import dev.assay.core.security.ScanReport;
import dev.assay.core.security.Severity;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code assay security ...}: model file scans (and robustness tests). */
@Command(
    name = "security",
    description = "Scan model files before they are trusted.",
    mixinStandardHelpOptions = true)
final class SecurityCommand implements Runnable, ParentCommand {
  /** Exit code of a scan that found a critical or high finding. */
  static final int EXIT_BLOCKED = 2;

  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  SecurityCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void addChildren(CommandLine self, AssayCommand root) {
    self.addSubcommand(new RobustnessCommand(root));
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "choose a command: scan or robustness");
  }

  @Command(
      name = "scan",
      description = {
        "Scan an ONNX file (or a registered NAME:VERSION) before ONNX Runtime opens it, then load"
            + " it once in a separate process. The report is stored in the workbench.",
        "Exit codes: 0 no critical or high finding, 2 a critical or high finding (block the"
            + " model), 1 the file cannot be read at all, 3 internal error."
      })
  int scan(
      @Parameters(paramLabel = "FILE|NAME[:VERSION]", description = "the model") String target,
      @Option(
              names = "--json",
              paramLabel = "OUT",
              description = "write the report as JSON (- for stdout)")
          String jsonOut,
      @Option(names = "--no-isolation", description = "do not load the model in a separate process")
          boolean noIsolation,
      @Option(
              names = "--timeout",
              paramLabel = "SECONDS",
              defaultValue = "120",
              description = "time limit of the isolated load (default: ${DEFAULT-VALUE})")
          int timeoutSeconds,
      @Option(
              names = "--memory",
              paramLabel = "MB",
              defaultValue = "1024",
              description = "heap limit of the isolated process (default: ${DEFAULT-VALUE})")
          int memoryMegabytes)
      throws Exception {
    ScanOptions options =
        new ScanOptions(
            !noIsolation,
            new IsolatedLoader.Limits(memoryMegabytes, Duration.ofSeconds(timeoutSeconds)));
    Workbench workbench = root.workbench();
    Path file = Path.of(target);
    ModelVersion version = Files.exists(file) ? null : registered(workbench, target, file);
    ScanReport report =
        version != null
            ? workbench
                .security()
                .scanner()
                .scan(version, options, Progress.NONE, Cancellation.NONE)
            : workbench.security().scanner().scan(file, options, Progress.NONE, Cancellation.NONE);
    // a file whose bytes are a registered version is that version's scan
    ModelVersion same =
        version != null || report.sha256() == null
            ? version
            : workbench.models().findBySha(report.sha256()).orElse(null);
    long id = workbench.security().reports().store(report, same == null ? null : same.id());
    if (jsonOut != null) {
      ObjectNode doc = json.valueToTree(report);
      doc.put("report_id", id);
      String text = json.writeValueAsString(doc);
      if (jsonOut.equals("-")) {
        root.context().out().println(text);
      } else {
        Files.writeString(Path.of(jsonOut), text + "\n");
      }
    }
    if (jsonOut == null || !jsonOut.equals("-")) {
      print(root.context().out(), report, id);
      if (version == null && same != null) {
        root.context()
            .out()
            .printf("counts for the registered model version %s (same SHA-256)%n", same.ref());
      }
    }
    return report.blocking() ? EXIT_BLOCKED : 0;
  }

  /** A registered version named {@code target}, when no file of that name exists. */
  private static ModelVersion registered(Workbench workbench, String target, Path file) {
    if (target.toLowerCase(Locale.ROOT).endsWith(".onnx") || target.contains("/")) {
      throw new ModelRejectedException(file, ModelProblem.NOT_FOUND, "file not found");
    }
    try {
      return workbench.models().get(ModelRef.parse(target));
    } catch (dev.assay.core.AssayException e) {
      throw new ModelRejectedException(
          file, ModelProblem.NOT_FOUND, "file not found, and no registered model of that name");
    }
  }

  static void print(PrintWriter out, ScanReport report, long id) {
    out.printf(
        "scan of %s%s%n",
        report.model() != null ? report.model() + " (" + report.file() + ")" : report.file(), "");
    out.printf("  sha256     %s (%,d bytes)%n", report.sha256(), report.sizeBytes());
    out.printf("  signature  %s%n", report.signature().describe());
    out.printf("  isolation  %s%n", report.isolation().describe());
    if (report.findings().isEmpty()) {
      out.println("no findings");
    }
    for (Finding f : report.findings()) {
      out.printf(
          "%-8s %-30s %s%s%n",
          f.severity().label().toUpperCase(Locale.ROOT),
          f.id(),
          f.title(),
          f.atlas() == null ? "" : " [" + f.atlas() + " " + f.atlasName() + "]");
      out.printf("         %s%n", f.evidence());
    }
    List<String> counts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      long n = report.count(s);
      if (n > 0) {
        counts.add(n + " " + s.label());
      }
    }
    out.printf(
        "result: %s; %s (report %d stored)%n",
        counts.isEmpty() ? "nothing found" : String.join(", ", counts),
        report.blocking() ? "BLOCKED: critical or high findings" : "no critical or high finding",
        id);
  }
}
