package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.AccumulatedLocalEffects;
import dev.assay.core.explain.AdverseActionReasons;
import dev.assay.core.explain.BackgroundSet;
import dev.assay.core.explain.DependenceRunner;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.explain.PartialDependence;
import dev.assay.core.explain.ReasonCodes;
import dev.assay.core.explain.StabilityCheck;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay explain}: Shapley attributions of a model's output for rows of a dataset. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Interventional Shapley attributions of a model's output, v(S) = mean over background rows"
          + " b of f(x_S, b_rest): exact enumeration (up to 12 features), KernelSHAP with paired"
          + " sampling to a standard-error tolerance, or the closed form w_i (x_i - mean_i) of a"
          + " linear model in log-odds, or interventional TreeSHAP on an ai.onnx.ml tree ensemble"
          + " read from the graph. Every row reports |sum(phi) - (f(x) - mean f(B))|.",
      "Global: mean |phi| and permutation importance (scikit-learn's definition; ROC AUC or R2)."
    },
    footer = {"", "Exit codes: 0 ok, 1 refused input, 2 usage error, 3 internal error."})
final class ExplainCommand implements Callable<Integer>, ParentCommand {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--model", paramLabel = "NAME[:VERSION]|FILE", description = "the model version")
  String model;

  @Option(names = "--data", paramLabel = "NAME|FILE", description = "the rows to explain")
  String data;

  @Option(
      names = "--rows",
      paramLabel = "N|a-b",
      defaultValue = "100",
      description = "the first N rows, or rows a to b (0-based, inclusive) (default: 100)")
  String rows;

  @Option(
      names = "--background",
      paramLabel = "N|DATASET",
      defaultValue = "100",
      description =
          "N rows of the data drawn with the seed, or all rows of a dataset (default: 100)")
  String background;

  @Option(
      names = "--method",
      paramLabel = "auto|exact|kernel|linear|tree|tree_path",
      defaultValue = "auto",
      description =
          "tree (interventional TreeSHAP) for a tree ensemble whose output sums over its trees,"
              + " tree_path (path-dependent TreeSHAP by the trees' node covers: the graph's"
              + " nodes_hitrates, else counted over the background),"
              + " linear for log-odds of a linear model, else exact up to 12 features, else kernel")
  Method method;

  @Option(
      names = "--output",
      paramLabel = "proba|logit",
      description = "explain the probability (default) or the log-odds of the class")
  String output;

  @Option(names = "--class", paramLabel = "C", description = "the class (default: the last)")
  String classLabel;

  @Option(
      names = "--features",
      split = ",",
      paramLabel = "a,b,c",
      description = "feature columns in model input order (default: the model's metadata)")
  List<String> features;

  @Option(
      names = "--target",
      paramLabel = "COL",
      description = "target for permutation importance (default: the model's, when present)")
  String target;

  @Option(
      names = "--repeats",
      paramLabel = "N",
      defaultValue = "5",
      description = "permutation importance repeats, 0 to skip (default: ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "(default: 42)")
  long seed;

  @Option(
      names = "--tolerance",
      paramLabel = "SE",
      defaultValue = "0.01",
      description = "KernelSHAP stops when every standard error is below (default: 0.01)")
  double tolerance;

  @Option(
      names = "--reasons",
      arity = "0..1",
      fallbackValue = "4",
      paramLabel = "K",
      description =
          "reason codes: per row the K (default 4) features pushing most toward the adverse"
              + " outcome, with their values")
  Integer reasons;

  @Option(
      names = "--adverse",
      paramLabel = "higher|lower",
      defaultValue = "higher",
      description =
          "which way of the explained output is adverse, e.g. higher for a denial class"
              + " (default: ${DEFAULT-VALUE})")
  String adverse;

  @Option(
      names = "--pdp",
      split = ",",
      paramLabel = "FEATURE[,FEATURE]",
      description =
          "partial dependence of these features over the explained rows (scikit-learn's brute"
              + " method and grid: 100 points between the 5th and 95th percentiles, or the"
              + " distinct values when fewer)")
  List<String> pdp;

  @Option(names = "--ice", description = "with --pdp: also each row's ICE curve (JSON)")
  boolean ice;

  @Option(
      names = "--stability",
      paramLabel = "N",
      description =
          "rerun with N more seeds (seed+1 ..) and report how often each row's top 4 features by"
              + " |φ| agree with the first run's (same set, same first, Jaccard index), and"
              + " Spearman's ρ of mean |φ|")
  Integer stability;

  @Mixin ExplainOptions extra;

  @Option(names = "--json", paramLabel = "OUT", description = "write JSON (- for stdout)")
  String jsonOut;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  ExplainCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void addChildren(CommandLine self, AssayCommand root) {
    self.addSubcommand(new ExplainReportsCommands.ListCommand(root));
    self.addSubcommand(new ExplainReportsCommands.ShowCommand(root));
  }

  @Override
  public Integer call() throws Exception {
    if (model == null || data == null) {
      throw new AssayCommand.ExitException(
          2, "assay explain needs --model and --data (or a subcommand: list, show)");
    }
    if (reasons != null && (reasons < 1 || reasons > 20)) {
      throw new AssayCommand.ExitException(2, "--reasons must be 1 to 20, not " + reasons);
    }
    if (stability != null && (stability < 1 || stability > 20)) {
      throw new AssayCommand.ExitException(2, "--stability must be 1 to 20, not " + stability);
    }
    if (ice && (pdp == null || pdp.isEmpty())) {
      throw new AssayCommand.ExitException(2, "--ice needs --pdp FEATURE");
    }
    if (!adverse.equals("higher") && !adverse.equals("lower")) {
      throw new AssayCommand.ExitException(2, "--adverse is higher or lower, not " + adverse);
    }
    int[] range = ExplainArguments.rowRange(rows);
    int backgroundRows = 0;
    String backgroundData = null;
    if (background.matches("\\d+")) {
      backgroundRows = ExplainArguments.parseCount("--background", background, 1_000_000);
    } else {
      backgroundData = background;
    }
    BackgroundSet.Mode mode = extra.mode(backgroundData != null, reasons != null);
    if (!(tolerance > 0 && tolerance <= 1)) {
      throw new AssayCommand.ExitException(2, "--tolerance must be in (0, 1], not " + tolerance);
    }
    if (repeats < 0 || repeats > 1000) {
      throw new AssayCommand.ExitException(2, "--repeats must be 0 to 1000, not " + repeats);
    }
    OutputSpace space = ExplainArguments.space(output);
    Workbench workbench = root.workbench();
    ModelVersion version = CliInputs.model(workbench, model);
    DatasetVersion dataset = CliInputs.dataset(workbench, data);
    Path backgroundFile =
        backgroundData == null
            ? null
            : workbench.datasets().file(CliInputs.dataset(workbench, backgroundData));
    ExplanationRequest request =
        ExplanationRequest.builder(
                workbench.models().modelFile(version),
                version.inspection(),
                workbench.datasets().file(dataset))
            .rows(range[0], range[1] - range[0] + 1)
            .background(backgroundRows, backgroundFile)
            .method(method, space, classLabel)
            .sampling(seed, tolerance)
            .columns(features, target, repeats)
            .backgroundMode(mode, extra.stratifiedBy())
            .cutoff(
                mode == BackgroundSet.Mode.CUTOFF ? extra.threshold(space, version) : 0.5,
                adverse.equals("higher"))
            .build();
    PrintWriter err = root.context().err();
    DependenceRunner dependence = new DependenceRunner(workbench.runtime(), Json.newMapper());
    List<String> pdpFeatures = pdp == null ? List.of() : pdp;
    List<String> aleFeatures = extra.ale == null ? List.of() : extra.ale;
    List<String> fixed = extra.immutable == null ? List.of() : extra.immutable;
    double decision = extra.decision(space, version);
    // checked before any work: an unknown feature is one line, not a finished explanation lost
    extra.check(dependence, request, pdpFeatures);
    // the curves first: they are cheap, and a feature too flat for a grid fails before the
    // explanation runs
    List<PartialDependence.Curve> curves =
        pdpFeatures.isEmpty()
            ? List.of()
            : dependence.run(
                request,
                pdpFeatures,
                PartialDependence.RESOLUTION,
                Progress.NONE,
                Cancellation.NONE);
    List<AccumulatedLocalEffects.Curve> aleCurves =
        aleFeatures.isEmpty()
            ? List.of()
            : dependence.ale(request, aleFeatures, Progress.NONE, Cancellation.NONE);
    long started = System.nanoTime();
    ExplanationReport report =
        new ExplanationRunner(workbench.runtime(), Json.newMapper())
            .run(request, progress(err, version), Cancellation.NONE);
    if (!quiet) {
      err.println();
      err.printf(
          Locale.ROOT,
          "explained %d rows by %s in %.2f s, %,d model evaluations%n",
          report.rows().size(),
          report.method().id(),
          (System.nanoTime() - started) / 1e9,
          report.evaluations());
    }
    ReasonCodes codes =
        reasons == null ? null : ReasonCodes.of(report, reasons, adverse.equals("higher"));
    Map<String, Object> document = ExplainDocument.of(report, codes);
    if (!aleCurves.isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> global = (Map<String, Object>) document.get("global");
      global.put("ale", DependenceDocument.ale(aleCurves));
    }
    AdverseActionReasons statements =
        codes == null
            ? null
            : ExplainReasons.run(workbench, version, request, report, codes, extra);
    if (statements != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> reasonsDoc = (Map<String, Object>) document.get("reasons");
      reasonsDoc.putAll(statements.document());
    }
    Map<String, Object> stabilityDoc =
        stability == null && !extra.backgroundStability
            ? null
            : StabilityCheck.run(
                new ExplanationRunner(workbench.runtime(), Json.newMapper()),
                request,
                report,
                stability == null ? 0 : stability,
                extra.backgroundStability,
                Cancellation.NONE);
    if (stabilityDoc != null) {
      document.put("stability", stabilityDoc);
    }
    Map<String, Object> recourseDoc =
        extra.recourse == null
            ? null
            : ExplainRecourse.run(
                dependence,
                request,
                fixed,
                decision,
                adverse.equals("higher"),
                extra.margin,
                !extra.keepCategories,
                extra.recourse);
    if (recourseDoc != null) {
      document.put("recourse", recourseDoc);
    }
    Map<String, Object> groupsDoc =
        extra.groupBy == null
            ? null
            : ExplainGroups.run(request, report, extra.groupBy, extra.threshold);
    if (groupsDoc != null) {
      document.put("groups", groupsDoc);
    }
    if (!curves.isEmpty()) {
      document.put("partial_dependence", DependenceDocument.of(curves, request.firstRow(), ice));
    }
    long id =
        workbench
            .explanations()
            .save(report, version, dataset, Json.newMapper().writeValueAsString(document));
    if (!quiet) {
      err.println("stored as explanation " + id + " (assay explain show " + id + ")");
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("explanation_id", id);
    shown.putAll(document);
    boolean toStdout = "-".equals(jsonOut);
    if (jsonOut != null) {
      String text = json.writeValueAsString(shown);
      if (toStdout) {
        root.context().out().println(text);
      } else {
        Files.writeString(Path.of(jsonOut), text + "\n");
      }
    }
    if (!toStdout) {
      ExplainDocument.print(root.context().out(), report);
      if (codes != null) {
        ExplainDocument.printReasons(root.context().out(), codes);
        ExplainReasons.print(root.context().out(), statements);
      }
      if (stabilityDoc != null) {
        ExplainStability.print(root.context().out(), stabilityDoc);
      }
      DependenceDocument.print(root.context().out(), curves);
      DependenceDocument.printAle(root.context().out(), aleCurves);
      if (recourseDoc != null) {
        ExplainRecourse.print(root.context().out(), recourseDoc);
      }
      if (groupsDoc != null) {
        ExplainGroups.print(root.context().out(), groupsDoc);
      }
    }
    report.notes().forEach(n -> err.println("assay: note: " + n));
    report.warnings().forEach(w -> err.println("assay: warning: " + w));
    return 0;
  }

  private Progress progress(PrintWriter err, ModelVersion version) {
    if (quiet) {
      return Progress.NONE;
    }
    return new Progress() {
      private long last;

      @Override
      public synchronized void update(long done, long total, String message) {
        long now = System.nanoTime();
        if (done == 0) {
          err.println("explain " + version.ref() + ": " + message);
          err.flush();
        } else if (now - last > 500_000_000L || done >= total) {
          last = now;
          err.print("\rexplain " + version.ref() + ": " + message + "   ");
          err.flush();
        }
      }
    };
  }
}
