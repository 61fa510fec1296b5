package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.security.Finding;
import dev.assay.core.security.RobustnessReport;
import dev.assay.core.security.RobustnessRequest;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code assay security robustness}: perturbation, fuzzing and determinism tests, and adversarial
 * evasion attacks.
 */
@Command(
    name = "robustness",
    mixinStandardHelpOptions = true,
    description = {
      "Test a model version's robustness on a dataset: small perturbations (x1.01, x0.99, Gaussian"
          + " noise at 1/5/10% of each feature's spread), unusual inputs (NaN, infinities, extreme"
          + " values, empty batch, wrong type), determinism, and adversarial evasion attacks (a"
          + " score-based finite-difference gradient-sign attack and the decision-based"
          + " HopSkipJump) with robust accuracy over an epsilon grid (L-infinity, in standard"
          + " deviations) and per sensitive group. The report is stored.",
      "Exit codes: 0 no critical or high finding, 2 a high finding (a perturbation test changed 10%"
          + " or more of the predictions; attacks flip rows worth 25% of the accuracy within 0.1"
          + " standard deviation; one group is 20 points easier to fool), 1 refused input, 3"
          + " internal error."
    })
final class RobustnessCommand implements Callable<Integer> {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Mixin ModelDataOptions inputs;

  @Mixin OutputOptions outputs;

  @Option(
      names = "--immutable",
      split = ",",
      paramLabel = "a,b",
      description = "features never perturbed (e.g. the sensitive attribute)")
  List<String> immutable;

  @Option(
      names = "--rows",
      paramLabel = "N",
      defaultValue = "2000",
      description = "rows of the dataset used, from the top (default: ${DEFAULT-VALUE})")
  int rows;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "seed of the noise (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--sensitive",
      paramLabel = "COL",
      description =
          "column whose groups get their own robust accuracy (default: the model's declared"
              + " sensitive attribute when the dataset has it)")
  String sensitive;

  @Option(
      names = "--attack-rows",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "rows attacked by each evasion attack, chosen with the seed; 0: no attacks (default:"
              + " ${DEFAULT-VALUE})")
  int attackRows;

  @Option(
      names = "--query-budget",
      paramLabel = "N",
      defaultValue = "1000",
      description = "model queries each attack may spend on one row (default: ${DEFAULT-VALUE})")
  int queryBudget;

  @Option(
      names = "--epsilons",
      split = ",",
      paramLabel = "e1,e2",
      description =
          "perturbation sizes for robust accuracy, in standard deviations (L-infinity; default:"
              + " 0.05,0.1,0.25,0.5,1)")
  List<Double> epsilons;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  @Option(
      names = "--json",
      paramLabel = "OUT",
      description = "write the report as JSON (- for stdout)")
  String jsonOut;

  RobustnessCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    inputs.target();
    Workbench workbench = root.workbench();
    ModelVersion version = inputs.model(workbench);
    DatasetVersion dataset = inputs.dataset(workbench);
    outputs.remember(workbench.models().choices(), version, dataset.name());
    LineProgress progress =
        quiet || "-".equals(jsonOut) ? null : new LineProgress(root.context().err());
    RobustnessReport report;
    try {
      report =
          workbench
              .security()
              .robustness()
              .run(
                  new RobustnessRequest(
                          version, dataset, inputs.target(), inputs.features, immutable, rows, seed)
                      .withAttacks(sensitive, attackRows, queryBudget, epsilons),
                  progress == null ? Progress.NONE : progress,
                  Cancellation.NONE);
    } finally {
      if (progress != null) {
        progress.end();
      }
    }
    long id = workbench.security().reports().store(report, version.id());
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
    }
    return report.blocking() ? SecurityCommand.EXIT_BLOCKED : 0;
  }

  /** Progress as one updating line on stderr, at most twice a second. */
  private static final class LineProgress implements Progress {
    private final PrintWriter err;
    private long last;
    private boolean printed;

    LineProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void update(long done, long total, String message) {
      long now = System.nanoTime();
      if (printed && now - last < 500_000_000L && done < total) {
        return;
      }
      last = now;
      printed = true;
      String percent = total > 0 ? (100 * done / total) + "% " : "";
      err.print("\rrobustness: " + percent + message + "          ");
      err.flush();
    }

    /** Ends the progress line, if one was printed. */
    synchronized void end() {
      if (printed) {
        err.println();
        err.flush();
      }
    }
  }

  private static void print(PrintWriter out, RobustnessReport r, long id) {
    out.printf(
        "robustness of %s on %s (%d rows, %s, seed %d)%n",
        r.model(), r.dataset(), r.rows(), r.task(), r.seed());
    out.printf(
        "  perturbed    %s%n", r.perturbed().isEmpty() ? "-" : String.join(", ", r.perturbed()));
    if (!r.immutable().isEmpty()) {
      out.printf("  immutable    %s%n", String.join(", ", r.immutable()));
    }
    if (!r.categorical().isEmpty()) {
      out.printf("  categorical  %s (not perturbed)%n", String.join(", ", r.categorical()));
    }
    out.println("perturbation");
    for (RobustnessReport.Perturbation p : r.perturbation()) {
      out.printf(
          Locale.ROOT,
          "  %-11s %6.2f%% changed  %-5s  %s%n",
          p.test(),
          100 * p.changedRate(),
          p.verdict(),
          p.description());
    }
    out.println("fuzzing");
    r.fuzzing().forEach(f -> out.printf("  %-11s %-17s %s%n", f.input(), f.outcome(), f.detail()));
    out.println("determinism");
    r.determinism()
        .forEach(d -> out.printf("  %-20s %-9s %s%n", d.check(), d.outcome(), d.detail()));
    AttackText.print(out, r.attacks());
    for (Finding f : r.findings()) {
      out.printf(
          "%-8s %-22s %s%s%n",
          f.severity().label().toUpperCase(Locale.ROOT),
          f.id(),
          f.evidence(),
          f.atlas() == null ? "" : " [" + f.atlas() + "]");
    }
    out.printf(
        "result: %s (report %d stored)%n",
        r.blocking() ? "BLOCKED: a critical or high finding" : "no critical or high finding", id);
  }
}
