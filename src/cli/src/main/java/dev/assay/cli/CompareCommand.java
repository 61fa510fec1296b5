package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.compare.Comparison;
import dev.assay.core.compare.ComparisonListener;
import dev.assay.core.compare.ComparisonReport;
import dev.assay.core.compare.ComparisonRequest;
import dev.assay.core.compare.Contender;
import dev.assay.core.compare.DisagreementExport;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay compare}: two or more model versions on one dataset, with paired statistics. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare model versions on one dataset in one shared pass; each model's run and the"
          + " comparison are stored in the workbench.",
      "The first model is the baseline: differences are each other model minus the baseline."
    },
    footer = {"", "Exit codes: 0 ok, 1 refused input, 2 usage error, 3 internal error."})
final class CompareCommand implements Callable<Integer> {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--models",
      required = true,
      split = ",",
      paramLabel = "NAME:VERSION[@EP]",
      description =
          "two or more model versions, e.g. hmda-deny:1,hmda-deny:2; @cpu or @cuda picks the"
              + " provider (hmda-deny:2@cpu,hmda-deny:2@cuda)")
  List<String> modelSpecs;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "NAME|FILE",
      description = "a registered dataset, or a CSV file (imported first)")
  String data;

  @Option(names = "--target", required = true, paramLabel = "COL", description = "target column")
  String target;

  @Option(
      names = "--positive-label",
      paramLabel = "L",
      description = "positive class for binary metrics (default: the second class)")
  String positiveLabel;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "4096", description = "rows/batch")
  int batch;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "ONNX Runtime intra-op threads per model (default: all cores)")
  int threads;

  @Option(
      names = "--tolerance",
      paramLabel = "T",
      defaultValue = "1e-5",
      description =
          "largest output difference of numerically equivalent versions (${DEFAULT-VALUE})")
  double tolerance;

  @Option(
      names = "--resamples",
      paramLabel = "B",
      defaultValue = "1000",
      description = "bootstrap resamples (fewer on very large datasets; default ${DEFAULT-VALUE})")
  int resamples;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "20260101",
      description = "bootstrap seed")
  long seed;

  @Option(
      names = "--json",
      paramLabel = "OUT",
      description = "write the result as JSON (- for stdout)")
  String jsonOut;

  @Option(
      names = "--disagreements",
      paramLabel = "OUT.csv",
      description = "write every row where the baseline and the second model disagree")
  Path disagreementsOut;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  @Mixin OutputOptions outputs;

  @Mixin CompareExplanations explanations;

  CompareCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    if (modelSpecs.size() < 2) {
      throw new AssayCommand.ExitException(2, "--models needs at least two models");
    }
    explanations.check();
    Workbench workbench = root.workbench();
    List<Contender> contenders = new ArrayList<>();
    for (String spec : modelSpecs) {
      contenders.add(contender(workbench, spec.strip()));
    }
    explanations.checkModels(contenders.get(0).model(), contenders.get(1).model());
    DatasetVersion dataset = CliInputs.dataset(workbench, data);
    for (Contender contender : contenders) {
      outputs.remember(workbench.models().choices(), contender.model(), dataset.name());
    }
    PrintWriter err = root.context().err();
    Progress progress =
        quiet
            ? Progress.NONE
            : (done, total, message) -> {
              err.print("\rcompare: " + message + "   ");
              err.flush();
            };
    ComparisonRequest request =
        new ComparisonRequest(
            contenders,
            dataset,
            target,
            positiveLabel,
            batch,
            threads,
            tolerance,
            resamples,
            seed,
            500);
    Comparison comparison =
        workbench.comparisons().run(request, progress, ComparisonListener.NONE, Cancellation.NONE);
    if (!quiet) {
      err.println();
    }
    ComparisonReport report = comparison.report();
    if (disagreementsOut != null) {
      ComparisonReport.Disagreement first = report.disagreements().getFirst();
      new DisagreementExport(workbench.runs(), workbench.scratch().folder())
          .toCsv(first.baselineRunId(), first.modelRunId(), disagreementsOut);
    }
    CompareExplanations.Outcome explained =
        !explanations.explain
            ? null
            : explanations.run(
                workbench,
                contenders.get(0).model(),
                contenders.get(1).model(),
                dataset,
                target,
                quiet ? null : err);
    if (jsonOut != null) {
      JsonNode doc = document(comparison);
      if (explained != null) {
        ((ObjectNode) doc)
            .set(
                "explanations",
                nullNonFinite(json.valueToTree(CompareExplanations.document(explained))));
      }
      String text = json.writeValueAsString(doc);
      if (jsonOut.equals("-")) {
        root.context().out().println(text);
      } else {
        Files.writeString(Path.of(jsonOut), text + "\n");
      }
    }
    if (jsonOut == null || !jsonOut.equals("-")) {
      printSummary(root.context().out(), report);
      if (explained != null) {
        CompareExplanations.print(root.context().out(), explained);
      }
    }
    report.warnings().forEach(w -> err.println("assay: warning: " + w));
    return 0;
  }

  private Contender contender(Workbench workbench, String spec) {
    ExecutionProvider provider = ExecutionProvider.AUTO;
    String name = spec;
    int at = spec.lastIndexOf('@');
    if (at > 0) {
      String ep = spec.substring(at + 1).toUpperCase(Locale.ROOT);
      try {
        provider = ExecutionProvider.valueOf(ep);
      } catch (IllegalArgumentException e) {
        throw new AssayCommand.ExitException(
            2, "unknown execution provider '" + spec.substring(at + 1) + "' in " + spec);
      }
      name = spec.substring(0, at);
    }
    return new Contender(CliInputs.model(workbench, name), provider);
  }

  /** The {@code --json} document; non-finite numbers become null. */
  JsonNode document(Comparison comparison) {
    ComparisonReport report = comparison.report();
    ObjectNode doc = json.createObjectNode();
    ObjectNode about = doc.putObject("comparison");
    about.put("id", report.id());
    about.put("dataset", report.dataset());
    about.put("target", report.target());
    about.put("positive_label", report.positiveLabel());
    about.set("class_order", json.valueToTree(report.classOrder()));
    about.put("rows", report.rows());
    about.put("resamples", report.resamples());
    about.put("seed", report.seed());
    about.put("tolerance", report.tolerance());
    about.put("wall_seconds", report.wallSeconds());
    about.put("rows_per_second", report.rowsPerSecond());
    ArrayNode models = doc.putArray("models");
    for (int i = 0; i < report.models().size(); i++) {
      ComparisonReport.ModelRun run = report.models().get(i);
      EvaluationResult result = comparison.results().get(i);
      ObjectNode m = json.valueToTree(run);
      m.remove("latency_counts");
      m.set("metrics", json.valueToTree(result.metrics()));
      models.add(m);
    }
    doc.set("deltas", json.valueToTree(report.deltas()));
    ArrayNode pairs = doc.putArray("disagreements");
    for (ComparisonReport.Disagreement d : report.disagreements()) {
      ObjectNode pair = json.valueToTree(d);
      pair.remove("rows_listed");
      pairs.add(pair);
    }
    doc.set("disagreement", pairs.get(0).deepCopy());
    doc.set("warnings", json.valueToTree(report.warnings()));
    return nullNonFinite(doc);
  }

  private static JsonNode nullNonFinite(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
      List<String> nulls = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (isNonFinite(field.getValue())) {
          nulls.add(field.getKey());
        } else {
          nullNonFinite(field.getValue());
        }
      }
      nulls.forEach(object::putNull);
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (isNonFinite(array.get(i))) {
          array.set(i, array.nullNode());
        } else {
          nullNonFinite(array.get(i));
        }
      }
    }
    return node;
  }

  private static boolean isNonFinite(JsonNode node) {
    return node.isNumber() && node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue());
  }

  private static void printSummary(PrintWriter out, ComparisonReport report) {
    out.printf(
        Locale.ROOT,
        "comparison %d on %s, %,d rows, %.2f s (%,.0f rows/s)%n",
        report.id(),
        report.dataset(),
        report.rows(),
        report.wallSeconds(),
        report.rowsPerSecond());
    for (ComparisonReport.ModelRun m : report.models()) {
      out.printf(Locale.ROOT, "  run %d: %s on %s%n", m.runId(), m.label(), m.provider());
    }
    for (ComparisonReport.MetricDelta d : report.deltas()) {
      out.printf(
          Locale.ROOT,
          "  %-18s %s vs %s: %+.4f [%+.4f, %+.4f] p=%.4f (%s) %s%n",
          d.metric(),
          d.model(),
          d.baseline(),
          d.difference(),
          d.ciLow(),
          d.ciHigh(),
          d.pValue(),
          d.test(),
          d.verdict());
    }
    for (ComparisonReport.Disagreement d : report.disagreements()) {
      out.printf(
          Locale.ROOT,
          "  %s vs %s: labels differ on %d rows (%.2f%%), %d flips to correct, %d to wrong%n",
          d.model(),
          d.baseline(),
          d.disagreements(),
          100 * d.rate(),
          d.flipsToCorrect(),
          d.flipsToWrong());
      if (d.equivalence() != null) {
        out.printf(
            Locale.ROOT,
            "  outputs: max |diff| %.3g, mean |diff| %.3g: %s at tolerance %.1g%n",
            d.equivalence().maxAbsDifference(),
            d.equivalence().meanAbsDifference(),
            d.equivalence().pass() ? "equivalent" : "NOT equivalent",
            d.equivalence().tolerance());
      }
    }
  }
}
