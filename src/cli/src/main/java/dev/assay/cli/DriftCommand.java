package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Json;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.ChunkedDrift;
import dev.assay.core.drift.Chunking;
import dev.assay.core.drift.Correction;
import dev.assay.core.drift.DatasetDrift;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.drift.ReferenceProfile;
import dev.assay.core.driftreports.DriftProfileStore;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay drift}: per-feature data drift of a current dataset against a reference. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "Per-feature data drift of --current against --reference (registered NAME[:VERSION] or a"
          + " CSV file, imported first). Numeric columns: two-sample Kolmogorov-Smirnov (exact up"
          + " to 10,000 rows per side, as SciPy), Wasserstein, PSI, Jensen-Shannon, Hellinger on"
          + " reference deciles; categorical: chi-square of homogeneity, Jensen-Shannon, L-inf,"
          + " PSI, unseen-category share; missing and non-finite rates as two-proportion tests.",
      "A feature drifts when its adjusted p-value (Holm or Benjamini-Hochberg across all tests)"
          + " is below alpha AND its effect (KS D, or L-inf for categories) exceeds a threshold"
          + " calibrated on the reference (random half splits) and at least --min-effect."
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 refused input or --fail-on-drift and drift, 2 usage error,"
          + " 3 internal error."
    })
final class DriftCommand implements Callable<Integer>, ParentCommand {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--reference",
      paramLabel = "NAME[:VERSION]|FILE",
      description = "the reference dataset (with --model: the version's reference data)")
  String reference;

  @Option(names = "--current", paramLabel = "NAME[:VERSION]|FILE", description = "current data")
  String current;

  @Option(
      names = "--model",
      paramLabel = "NAME:VERSION",
      description =
          "compare against this model version's stored reference profile of --reference (built"
              + " and stored on first use; later runs read only the current data)")
  String model;

  @Option(
      names = "--features",
      split = ",",
      paramLabel = "a,b,c",
      description = "columns to compare (default: every column both datasets have)")
  List<String> features;

  @Option(
      names = "--alpha",
      defaultValue = "0.05",
      description = "level, in (0, 1) (default: ${DEFAULT-VALUE})")
  double alpha;

  @Option(
      names = "--correction",
      defaultValue = "holm",
      paramLabel = "holm|bh",
      description = "multiplicity adjustment (default: ${DEFAULT-VALUE})")
  Correction correction;

  @Option(
      names = "--min-effect",
      defaultValue = "0.02",
      description =
          "smallest KS D / L-inf / rate difference that counts, in [0, 1) (default: ${DEFAULT-VALUE})")
  double minEffect;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "seed of the reference splits (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--json",
      paramLabel = "OUT",
      description = "write the report as JSON (- for stdout)")
  String jsonOut;

  @Option(
      names = "--chunk",
      paramLabel = "rows=N|count=K|period=COL:day|week|month",
      description =
          "also compare each chunk of the current data with the reference (the reference is cut"
              + " the same way for a mean + 3 sd band of its own chunks)")
  String chunk;

  @Option(
      names = "--multivariate",
      description =
          "also the PCA reconstruction error of the numeric columns (reference chunks set a"
              + " mean +- 3 sd band)")
  boolean multivariate;

  @Option(
      names = "--mode",
      defaultValue = "sound",
      paramLabel = "sound|evidently",
      description =
          "sound: the adjusted-p and calibrated-effect rule above; evidently: Evidently's default"
              + " (legacy DataDriftPreset) test choice and thresholds, to compare with what"
              + " Evidently reported (--alpha, --correction, --min-effect are not used; no --model"
              + " or --chunk) (default: ${DEFAULT-VALUE})")
  String mode;

  @Option(
      names = "--domain-classifier",
      description =
          "also a domain classifier (reference vs current, logistic regression on the numeric"
              + " columns, 5-fold ROC AUC, permutation p-value; --seed) naming the columns that"
              + " separate the two")
  boolean domainClassifier;

  @Option(names = "--fail-on-drift", description = "exit 1 when a feature drifted")
  boolean failOnDrift;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  /** --engine spark: against --model's stored profile, the current data read by a Spark job. */
  @picocli.CommandLine.Mixin SparkOptions engine;

  DriftCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void addChildren(CommandLine self, AssayCommand root) {
    self.addSubcommand(new DriftReportsCommand.ListReports(root));
    self.addSubcommand(new DriftReportsCommand.ShowReport(root));
  }

  @Override
  public Integer call() throws Exception {
    if (!(alpha > 0 && alpha < 1)) {
      throw new AssayCommand.ExitException(2, "--alpha must lie in (0, 1), not " + alpha);
    }
    if (!(minEffect >= 0 && minEffect < 1)) {
      throw new AssayCommand.ExitException(2, "--min-effect must lie in [0, 1), not " + minEffect);
    }
    if (!"sound".equals(mode) && !"evidently".equals(mode)) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE, "--mode must be sound or evidently, not " + mode);
    }
    if ("evidently".equals(mode) && (model != null || chunk != null)) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE, "--mode evidently compares two datasets: no --model or --chunk");
    }
    if (engine.writeSpec != null) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE, "--write-spec is for assay eval");
    }
    if (engine.predictionsParquet != null) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE, "--predictions-parquet is for assay eval and assay fairness");
    }
    if (engine.spark()
        && (model == null
            || chunk != null
            || multivariate
            || domainClassifier
            || "evidently".equals(mode))) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE,
          "--engine spark compares the current data with --model's stored reference profile: give"
              + " --model; no --chunk, --multivariate, --domain-classifier or --mode evidently");
    }
    if (reference == null || current == null) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE,
          "give --reference and --current (or `assay drift list`, `assay drift show ID`)");
    }
    DriftSettings settings =
        DriftSettings.DEFAULTS
            .withAlpha(alpha)
            .withCorrection(correction)
            .withMinEffect(minEffect)
            .withSeed(seed);
    Chunking chunking = null;
    if (chunk != null) {
      try {
        chunking = Chunking.parse(chunk);
      } catch (IllegalArgumentException e) {
        throw new AssayCommand.ExitException(AssayCommand.EXIT_USAGE, e.getMessage());
      }
    }
    Workbench workbench = root.workbench();
    PrintWriter err = root.context().err();
    ModelVersion version = model == null ? null : CliInputs.model(workbench, model);
    DatasetVersion ref = CliInputs.dataset(workbench, reference);
    DatasetVersion cur = CliInputs.dataset(workbench, current);
    List<FeatureReader.Feature> columns = DriftInputs.columns(features, ref, cur);
    if ("evidently".equals(mode)) {
      return DriftEvidentlyRun.run(
          root,
          new DriftEvidentlyRun.Inputs(
              ref,
              DriftInputs.source(workbench, ref),
              cur,
              DriftInputs.source(workbench, cur),
              columns,
              multivariate,
              domainClassifier,
              seed,
              jsonOut,
              failOnDrift,
              quiet),
          json);
    }
    long start = System.nanoTime();
    DriftReport report;
    DriftProfileStore.StoredProfile profile = null;
    ReferenceProfile stored = null;
    if (version != null) {
      profile = DriftInputs.profile(workbench, version, ref, settings, err, quiet);
      if (engine.spark()) {
        report =
            DriftSpark.run(
                engine,
                workbench,
                DriftSpark.spec(workbench, profile, version, cur, columns, settings),
                err,
                quiet);
      } else {
        stored =
            workbench
                .driftProfiles()
                .load(profile, columns.stream().map(FeatureReader.Feature::name).toList());
        report =
            DatasetDrift.run(stored, DriftInputs.streamedSource(workbench, cur), columns, settings);
      }
    } else if (chunking != null) {
      stored = ReferenceProfile.build(DriftInputs.source(workbench, ref), columns, settings);
      report =
          DatasetDrift.run(stored, DriftInputs.streamedSource(workbench, cur), columns, settings);
    } else {
      report =
          DatasetDrift.run(
              DriftInputs.source(workbench, ref),
              DriftInputs.source(workbench, cur),
              columns,
              settings);
    }
    ChunkedDrift.Result chunked =
        chunking == null
            ? null
            : ChunkedDrift.run(
                stored,
                DriftInputs.source(workbench, ref),
                DriftInputs.source(workbench, cur),
                columns,
                chunking,
                settings);
    boolean drift = report.drift() || (chunked != null && chunked.drift());
    if (!quiet) {
      err.printf(
          "drift: %d features compared in %d ms%n",
          columns.size(), (System.nanoTime() - start) / 1_000_000);
    }
    Map<String, Object> document = DriftDocument.of(ref, cur, report);
    document.put("model", version == null ? null : version.ref());
    document.put("profile_id", profile == null ? null : profile.id());
    engine.annotate(document);
    DriftOutputsDocument.Added outputs =
        version == null
            ? null
            : DriftOutputsDocument.add(document, workbench, version, ref, cur, settings, chunking);
    List<String> drifted = new ArrayList<>(drifted(report, chunked));
    if (multivariate
        && DriftMultivariateDocument.add(
            document,
            workbench,
            ref,
            cur,
            columns.stream().map(FeatureReader.Feature::name).toList())) {
      drifted.add("multivariate");
      drift = true;
      document.put("drift", true);
    }
    if (domainClassifier
        && DriftDomainDocument.add(
            document,
            workbench,
            ref,
            cur,
            columns.stream().map(FeatureReader.Feature::name).toList(),
            seed)) {
      drifted.add("domain_classifier");
      drift = true;
      document.put("drift", true);
    }
    if (outputs != null) {
      drifted.addAll(outputs.report().drifted());
      drift |= outputs.report().drift();
      document.put("drifted_outputs", outputs.report().drifted());
      document.put("drift", (Boolean) document.get("drift") || outputs.report().drift());
    }
    if (chunked != null) {
      DriftChunksDocument.add(document, chunked);
    }
    long id =
        workbench
            .driftReports()
            .save(
                new DriftReportStore.NewReport(
                    version == null ? null : version.id(),
                    profile == null ? null : profile.id(),
                    ref.id(),
                    cur.id(),
                    drift,
                    drifted,
                    document.get("settings"),
                    document),
                version == null ? null : version.ref(),
                ref.ref(),
                cur.ref());
    document.put("report_id", id);
    if (!quiet) {
      err.println("drift: stored as drift report " + id);
    }
    boolean toStdout = "-".equals(jsonOut);
    if (jsonOut != null) {
      String text = json.writeValueAsString(document);
      if (toStdout) {
        root.context().out().println(text);
      } else {
        try {
          Files.writeString(Path.of(jsonOut), text + "\n");
        } catch (java.nio.file.NoSuchFileException e) {
          throw new AssayCommand.ExitException(1, "cannot write " + jsonOut + ": no such folder");
        } catch (java.io.IOException e) {
          throw new AssayCommand.ExitException(
              1, "cannot write " + jsonOut + ": " + e.getMessage());
        }
      }
    }
    if (!toStdout) {
      DriftText.print(root.context().out(), ref, cur, report);
    }
    if (chunked != null && !toStdout) {
      DriftChunksDocument.print(root.context().out(), chunked);
    }
    if (!toStdout) {
      DriftOutputsDocument.print(root.context().out(), outputs);
      DriftMultivariateDocument.print(root.context().out(), document);
      DriftDomainDocument.print(root.context().out(), document);
    }
    if (failOnDrift && drift) {
      err.println("assay: drift in " + String.join(", ", drifted));
      return AssayCommand.EXIT_REFUSED;
    }
    return 0;
  }

  /** The features that drifted in the whole data or in some chunk, in report order. */
  private static List<String> drifted(DriftReport report, ChunkedDrift.Result chunked) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(report.drifted());
    if (chunked != null) {
      chunked.chunks().forEach(c -> names.addAll(c.drifted()));
    }
    return List.copyOf(names);
  }
}
