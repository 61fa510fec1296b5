package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DataFinding;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.InputFindings;
import dev.assay.core.eval.JUnitReport;
import dev.assay.core.eval.PredictionsExport;
import dev.assay.core.eval.QualityGate;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay eval}: run a dataset through a model version and store the run. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate a model version on a dataset; the run is stored in the workbench.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 refused input, 2 usage error, 3 internal error, 4 a --fail-if condition holds."
    })
final class EvalCommand implements Callable<Integer> {
  /** Exit code when a quality gate holds. */
  static final int EXIT_GATE = 4;

  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin ModelDataOptions inputs;

  @Mixin OutputOptions outputs;

  /** --engine spark --master ... (issue 21) */
  @Mixin SparkOptions engine;

  @Option(
      names = "--sensitive",
      paramLabel = "COL",
      description = "a sensitive column, never a default feature (repeatable)")
  List<String> sensitive;

  @Option(
      names = "--positive-label",
      paramLabel = "L",
      description = "positive class for binary metrics (default: the second class)")
  String positiveLabel;

  @Option(
      names = "--label-source",
      paramLabel = "SOURCE",
      defaultValue = "label_output",
      description = "label_output (default) or probabilities")
  String labelSource;

  @Option(names = "--softmax", description = "apply softmax to a score (logit) output")
  boolean softmax;

  @Option(
      names = "--ep",
      paramLabel = "auto|cpu|cuda",
      defaultValue = "auto",
      description = "execution provider (default: ${DEFAULT-VALUE})")
  ExecutionProvider provider;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "4096",
      description = "rows per batch (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads (default: all cores)")
  int threads;

  @Option(
      names = "--json",
      paramLabel = "OUT",
      description = "write the result as JSON (- for stdout)")
  String jsonOut;

  @Option(
      names = "--predictions",
      paramLabel = "OUT.csv",
      description = "write per-row predictions")
  Path predictionsOut;

  @Option(
      names = "--fail-if",
      paramLabel = "COND",
      description = "fail (exit 4) when a condition holds, e.g. \"f1 < 0.85\" (repeatable)")
  List<String> failIf;

  @Option(names = "--junit", paramLabel = "OUT.xml", description = "write a JUnit XML report")
  Path junit;

  @Option(
      names = "--allow-nonfinite",
      description =
          "give infinite feature cells (inf, -inf, 1e309) to the model instead of refusing them")
  boolean allowNonFinite;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  @Option(
      names = "--no-target",
      description =
          "score only, without a target column: stores the predictions and output statistics but"
              + " no label metrics (for drift and estimated performance on unlabelled data)")
  boolean noTarget;

  EvalCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    if (engine.writeSpec != null && !engine.spark()) {
      throw new AssayCommand.ExitException(2, "--write-spec needs --engine spark");
    }
    engine.checkParquet();
    if (noTarget && inputs.target != null) {
      throw new AssayCommand.ExitException(2, "--no-target and --target exclude each other");
    }
    if (noTarget && failIf != null) {
      throw new AssayCommand.ExitException(
          2, "--fail-if needs label metrics, which a run with --no-target does not have");
    }
    String target = noTarget ? null : inputs.target();
    List<QualityGate> gates = new ArrayList<>();
    if (failIf != null) {
      failIf.forEach(text -> gates.add(QualityGate.parse(text)));
    }
    EvaluationRequest.LabelSource source =
        switch (labelSource.toLowerCase(Locale.ROOT)) {
          case "label_output", "label" -> EvaluationRequest.LabelSource.LABEL_OUTPUT;
          case "probabilities", "proba" -> EvaluationRequest.LabelSource.PROBABILITIES;
          default ->
              throw new AssayCommand.ExitException(
                  2, "--label-source must be label_output or probabilities, not " + labelSource);
        };
    Workbench workbench = root.workbench();
    ModelVersion version = inputs.model(workbench);
    // A new file is imported in the evaluation's own pass (one parse; its findings follow the run):
    // the default since the pass hands its parsed numbers to the profile (README, issue 14).
    // -Dassay.eval.onePass=false imports first and evaluates from the column cache.
    // A file that looks like a registered version (same path, size, not modified since) is
    // evaluated
    // from it while it is hashed on another thread; the run is stored only if the hash agrees.
    Path dataFile =
        Boolean.parseBoolean(System.getProperty("assay.eval.onePass", "true")) && !engine.spark()
            ? inputs.dataFile()
            : null;
    Function<DatasetVersion, EvaluationRequest> requests =
        dataset ->
            EvaluationRequest.builder(version, dataset, target)
                .features(inputs.features)
                .positiveLabel(positiveLabel)
                .sensitive(sensitive)
                .provider(provider)
                .batchSize(batch)
                .threads(threads)
                .labelSource(source)
                .softmax(softmax)
                .outputs(outputs.outputs())
                .targetMap(outputs.targetMap())
                .allowNonFinite(allowNonFinite)
                .build();
    PrintWriter err = root.context().err();
    List<String> shown = new ArrayList<>();
    Progress progress = quiet ? Progress.NONE : new StderrProgress(err);
    EvaluationResult result;
    if (dataFile == null) {
      DatasetVersion dataset = inputs.dataset(workbench);
      showFindings(err, dataset, shown);
      EvaluationRequest request = requests.apply(dataset);
      if (engine.writeSpec != null) {
        engine.writeSpec(workbench, request, root.context().out());
        return 0;
      }
      result =
          engine.spark()
              ? engine.run(workbench, request, progress, err, quiet)
              : workbench.evaluations().run(request, progress, Cancellation.NONE);
      if (!quiet) {
        err.println();
      }
    } else {
      result = workbench.evaluations().run(dataFile, requests, progress, Cancellation.NONE);
      if (!quiet) {
        err.println();
      }
      showFindings(err, workbench.datasets().get(result.run().dataset()), shown);
    }
    List<QualityGate.Outcome> outcomes = new ArrayList<>();
    for (QualityGate gate : gates) {
      outcomes.add(gate.check(result.metrics()));
    }
    if (predictionsOut != null) {
      new PredictionsExport(workbench.runs(), workbench.scratch().folder())
          .toCsv(result.run().id(), predictionsOut);
    }
    if (junit != null) {
      JUnitReport.write(junit, result, outcomes);
    }
    if (jsonOut != null) {
      Map<String, Object> doc = document(result, outcomes);
      engine.annotate(doc);
      String text = json.writeValueAsString(doc);
      if (jsonOut.equals("-")) {
        root.context().out().println(text);
      } else {
        Files.writeString(Path.of(jsonOut), text + "\n");
      }
    }
    if (jsonOut == null || !jsonOut.equals("-")) {
      printSummary(root.context().out(), result);
    }
    result.warnings().stream()
        .filter(w -> !shown.contains(w))
        .forEach(w -> err.println("assay: warning: " + w));
    List<QualityGate.Outcome> failed =
        outcomes.stream().filter(QualityGate.Outcome::holds).toList();
    if (!failed.isEmpty()) {
      err.println(
          "assay: quality gate failed: "
              + String.join("; ", failed.stream().map(QualityGate.Outcome::describe).toList()));
      return EXIT_GATE;
    }
    return 0;
  }

  /** The dataset's findings on cells, other than the target's, on stderr (and in {@code shown}). */
  private void showFindings(PrintWriter err, DatasetVersion dataset, List<String> shown) {
    for (DataFinding finding : InputFindings.cells(dataset)) {
      if (!finding.column().equals(inputs.target)) {
        err.println("assay: data: " + finding.message());
        shown.add("input " + finding.message());
      }
    }
  }

  static Map<String, Object> document(EvaluationResult r, List<QualityGate.Outcome> outcomes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("run", r.run());
    doc.put("task", r.task());
    // false: scored without a target (--no-target); metrics is empty, not a perfect score
    doc.put("labelled", r.labelled());
    doc.put("class_order", r.classOrder());
    doc.put("positive_label", r.positiveLabel());
    doc.put("label_source", r.labelSource());
    doc.put("rows", r.rows());
    doc.put("skipped_rows", r.skippedRows());
    doc.put("metrics", r.metrics());
    doc.put("agreement", r.agreement());
    doc.put("binding", r.binding());
    doc.put("binding_source", r.bindingSource());
    doc.put("reading", r.reading());
    doc.put("warnings", r.warnings());
    List<Map<String, Object>> gates = new ArrayList<>();
    for (QualityGate.Outcome o : outcomes) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("condition", o.gate().text());
      g.put("value", o.value());
      g.put("holds", o.holds());
      gates.add(g);
    }
    doc.put("gates", gates);
    return doc;
  }

  private static void printSummary(PrintWriter out, EvaluationResult r) {
    out.printf(
        "run %d: %s on %s, %,d rows, %s, %.2f s (%,.0f rows/s)%n",
        r.run().id(),
        r.run().model(),
        r.run().dataset(),
        r.rows(),
        r.run().provider(),
        r.run().wallSeconds(),
        r.run().rowsPerSecond());
    if (r.positiveLabel() != null) {
      out.printf("positive class '%s', labels from %s%n", r.positiveLabel(), r.labelSource());
    }
    if (r.reading() != null) {
      printReading(out, r.reading());
    }
    if (!r.labelled()) {
      out.println("UNLABELLED: scored without a target (--no-target); no label metrics");
    }
    for (Map.Entry<String, Object> m : r.metrics().entrySet()) {
      if (m.getValue() instanceof Number n) {
        out.printf(Locale.ROOT, "  %-22s %.6f%n", m.getKey(), n.doubleValue());
      }
    }
    if (r.agreement() != null && r.agreement().disagreements() > 0) {
      out.printf(
          "WARNING: label output and probabilities disagree on %d of %d rows%n",
          r.agreement().disagreements(), r.agreement().compared());
    }
  }

  private static void printReading(PrintWriter out, EvaluationResult.Reading reading) {
    var used = reading.outputs();
    if (used.probabilities() != null) {
      out.printf(
          "%s '%s': %s%n",
          used.scoresOnly() ? "scores" : "probabilities",
          used.probabilities(),
          used.probabilitiesReason());
    }
    if (used.label() != null) {
      out.printf("label output '%s': %s%n", used.label(), used.labelReason());
    }
    if (!reading.targetMap().isEmpty()) {
      List<String> entries = new ArrayList<>();
      reading.targetMap().forEach((k, v) -> entries.add(k + "=" + v));
      out.printf(
          "target values mapped (%s): %s%n", reading.targetMapSource(), String.join(",", entries));
    }
  }

  /** Progress as one updating line on stderr. */
  private static final class StderrProgress implements Progress {
    private final PrintWriter err;
    private long last;

    StderrProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void update(long done, long total, String message) {
      long now = System.nanoTime();
      if (now - last < 500_000_000L && done < total) {
        return;
      }
      last = now;
      int percent = total > 0 ? (int) (100 * done / total) : 0;
      err.print("\reval: " + percent + "% " + message + "   ");
      err.flush();
    }
  }
}
