package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.fairness.Disparity;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.fairness.FairnessThresholds;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.fairness.VersionComparison;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay fairness}: the bias report of a stored run, or of a new evaluation. */
@Command(
    name = "fairness",
    mixinStandardHelpOptions = true,
    description = {
      "Group fairness (bias) report of a model version on a dataset, from a stored run's"
          + " predictions (--run) or after evaluating (--model, --data, --target). Several --run"
          + " or --model give one report each and a comparison table. Reports are stored.",
      "Selection rate = share predicted the positive class (Fairlearn); favourable rate = share"
          + " predicted the favourable outcome (disparate impact, four-fifths rule)."
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 refused input, 2 usage error, 3 internal error,"
          + " 4 --fail-on-unfair and a disparity is unfair."
    })
final class FairnessCommand implements Callable<Integer> {
  @Mixin OutputOptions outputs;

  /** Exit code when --fail-on-unfair is given and a verdict is unfair. */
  static final int EXIT_UNFAIR = 4;

  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--run",
      paramLabel = "RUN_ID",
      description = "a completed run (repeatable); no inference again")
  List<Long> runIds;

  @Option(
      names = "--model",
      paramLabel = "NAME[:VERSION]|FILE",
      description = "evaluate this model version first (repeatable)")
  List<String> models;

  @Option(names = "--data", paramLabel = "NAME|FILE", description = "dataset to evaluate on")
  String data;

  @Option(names = "--target", paramLabel = "COL", description = "the target column")
  String target;

  @Option(
      names = "--features",
      split = ",",
      paramLabel = "a,b,c",
      description = "feature columns in model input order (default: remembered, else metadata)")
  List<String> features;

  @Option(
      names = "--sensitive",
      required = true,
      paramLabel = "COL",
      description = "a sensitive column (repeatable; several also form intersectional groups)")
  List<String> sensitive;

  @Option(
      names = "--positive-label",
      paramLabel = "L",
      description = "the positive class (default: the run's, else the second class)")
  String positiveLabel;

  @Option(
      names = {"--favorable", "--favourable"},
      paramLabel = "V",
      description = "the favourable outcome, e.g. 0 for deny (default: the positive class)")
  String favorable;

  @Option(
      names = "--reference",
      paramLabel = "[COL=]V",
      description = "reference group, per column or for all (repeatable; default: the largest)")
  List<String> references;

  @Option(
      names = "--bins",
      paramLabel = "COL=e1,e2,...",
      description = "bin a numeric column at these edges (repeatable)")
  List<String> bins;

  @Option(
      names = "--quantile-bins",
      paramLabel = "N",
      defaultValue = "4",
      description =
          "quantile bins for numeric columns with many values (default: ${DEFAULT-VALUE})")
  int quantileBins;

  @Option(
      names = "--min-group",
      paramLabel = "N",
      defaultValue = "20",
      description = "smaller groups are flagged, not judged (default: ${DEFAULT-VALUE})")
  int minGroup;

  @Option(
      names = "--resamples",
      paramLabel = "N",
      defaultValue = "1000",
      description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
  int resamples;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "42",
      description = "bootstrap seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--threshold",
      paramLabel = "KEY=VALUE",
      description = "change a verdict threshold, e.g. demographic_parity_difference=0.05")
  List<String> thresholds;

  @Option(names = "--no-intersection", description = "do not report the columns' intersection")
  boolean noIntersection;

  @Option(
      names = "--ep",
      paramLabel = "auto|cpu|cuda",
      defaultValue = "auto",
      description = "execution provider when evaluating (default: ${DEFAULT-VALUE})")
  ExecutionProvider provider;

  @Option(
      names = "--json",
      paramLabel = "OUT",
      description = "write the report(s) as JSON (- for stdout)")
  String jsonOut;

  @Option(names = "--fail-on-unfair", description = "exit 4 when a disparity is unfair")
  boolean failOnUnfair;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  /** --engine spark: evaluation and report as one Spark job (with --model, --data, --target). */
  @Mixin SparkOptions engine;

  FairnessCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    boolean byRun = runIds != null && !runIds.isEmpty();
    boolean byModel = models != null && !models.isEmpty();
    if (byRun == byModel) {
      throw new AssayCommand.ExitException(
          2, "give --run RUN_ID, or --model with --data and --target (not both)");
    }
    if (byModel && (data == null || target == null)) {
      throw new AssayCommand.ExitException(2, "--model needs --data and --target");
    }
    if (engine.writeSpec != null) {
      throw new AssayCommand.ExitException(2, "--write-spec is for assay eval");
    }
    engine.checkParquet();
    if (engine.spark() && byRun) {
      throw new AssayCommand.ExitException(
          2,
          "--engine spark evaluates in the job: give --model with --data and --target, not --run");
    }
    FairnessSettings settings = settings();
    Workbench workbench = root.workbench();
    PrintWriter err = root.context().err();
    List<Long> runs = new ArrayList<>();
    List<StoredFairnessReport> reports = new ArrayList<>();
    if (byRun) {
      runs.addAll(runIds);
    } else {
      DatasetVersion dataset = CliInputs.dataset(workbench, data);
      for (String m : models) {
        ModelVersion model = CliInputs.model(workbench, m);
        if (engine.spark()) {
          reports.add(
              FairnessSpark.run(
                  engine,
                  workbench,
                  request(model, dataset),
                  settings,
                  progress(model, err),
                  err,
                  quiet));
        } else {
          runs.add(evaluate(workbench, model, dataset, err));
        }
      }
    }
    for (long run : runs) {
      reports.add(workbench.fairness().report(run, settings, Progress.NONE, Cancellation.NONE));
    }
    VersionComparison comparison =
        reports.size() > 1 ? workbench.fairness().compare(reports) : null;
    boolean toStdout = "-".equals(jsonOut);
    if (jsonOut != null) {
      java.util.Map<String, Object> doc =
          reports.size() == 1
              ? FairnessDocument.report(reports.getFirst())
              : FairnessDocument.comparison(reports, comparison);
      engine.annotate(doc);
      String text = json.writeValueAsString(doc);
      if (toStdout) {
        root.context().out().println(text);
      } else {
        Files.writeString(Path.of(jsonOut), text + "\n");
      }
    }
    if (!toStdout) {
      PrintWriter out = root.context().out();
      reports.forEach(r -> FairnessText.print(out, r));
      if (comparison != null) {
        FairnessText.print(out, comparison);
      }
    }
    for (StoredFairnessReport r : reports) {
      r.report().warnings().forEach(w -> err.println("assay: warning: " + w));
    }
    boolean unfair = reports.stream().anyMatch(r -> r.report().verdict().equals(Disparity.UNFAIR));
    if (failOnUnfair && unfair) {
      err.println("assay: a disparity is unfair (see the verdicts)");
      return EXIT_UNFAIR;
    }
    return 0;
  }

  private FairnessSettings settings() {
    FairnessSettings settings =
        FairnessSettings.of(sensitive)
            .withPositive(positiveLabel)
            .withFavorable(favorable)
            .withBootstrap(resamples, seed)
            .withGrouping(!noIntersection, quantileBins, minGroup);
    List<String> attributes = new ArrayList<>(sensitive);
    attributes.add(String.join(" & ", sensitive));
    for (String reference : references == null ? List.<String>of() : references) {
      // COL=V when the text before the first '=' names an attribute; else V (bins read ">= 0.33")
      int eq = reference.indexOf('=');
      boolean named = eq > 0 && attributes.contains(reference.substring(0, eq).strip());
      settings =
          named
              ? settings.withReference(
                  reference.substring(0, eq).strip(), reference.substring(eq + 1).strip())
              : settings.withReference(FairnessSettings.ANY_ATTRIBUTE, reference.strip());
    }
    for (String bin : bins == null ? List.<String>of() : bins) {
      int eq = bin.indexOf('=');
      if (eq <= 0) {
        throw new AssayCommand.ExitException(2, "--bins wants COL=e1,e2,..., not " + bin);
      }
      List<Double> edges = new ArrayList<>();
      for (String e : bin.substring(eq + 1).split(",")) {
        try {
          edges.add(Double.valueOf(e.strip()));
        } catch (NumberFormatException ex) {
          throw new AssayCommand.ExitException(2, "--bins: '" + e + "' is not a number");
        }
      }
      if (!edges.stream().sorted().distinct().toList().equals(edges)) {
        throw new AssayCommand.ExitException(2, "--bins: edges must increase: " + bin);
      }
      settings = settings.withBins(bin.substring(0, eq), edges);
    }
    FairnessThresholds limits = FairnessThresholds.DEFAULTS;
    for (String t : thresholds == null ? List.<String>of() : thresholds) {
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new AssayCommand.ExitException(2, "--threshold wants KEY=VALUE, not " + t);
      }
      double value;
      try {
        value = Double.parseDouble(t.substring(eq + 1).strip());
      } catch (NumberFormatException ex) {
        throw new AssayCommand.ExitException(2, "--threshold: '" + t + "' has no number");
      }
      try {
        limits = limits.with(t.substring(0, eq).strip(), value);
      } catch (AssayException ex) {
        throw new AssayCommand.ExitException(2, "--threshold: " + ex.getMessage());
      }
    }
    return settings.withThresholds(limits);
  }

  private EvaluationRequest request(ModelVersion model, DatasetVersion dataset) {
    return EvaluationRequest.builder(model, dataset, target)
        .features(features)
        .positiveLabel(positiveLabel)
        .sensitive(sensitive)
        .provider(provider)
        .outputs(outputs.outputs())
        .targetMap(outputs.targetMap())
        .build();
  }

  private long evaluate(
      Workbench workbench, ModelVersion model, DatasetVersion dataset, PrintWriter err) {
    EvaluationRequest request = request(model, dataset);
    EvaluationResult result =
        workbench.evaluations().run(request, progress(model, err), Cancellation.NONE);
    if (!quiet) {
      err.println();
    }
    return result.run().id();
  }

  private Progress progress(ModelVersion model, PrintWriter err) {
    return quiet
        ? Progress.NONE
        : new Progress() {
          private long last;

          @Override
          public synchronized void update(long done, long total, String message) {
            long now = System.nanoTime();
            if (now - last > 500_000_000L || done >= total) {
              last = now;
              err.print("\reval " + model.ref() + ": " + message + "   ");
              err.flush();
            }
          }
        };
  }
}
