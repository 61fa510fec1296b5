package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Json;
import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.ColumnType;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.Correction;
import dev.assay.core.drift.DatasetDrift;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureReader;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
final class DriftCommand implements Callable<Integer> {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--reference", required = true, paramLabel = "NAME[:VERSION]|FILE")
  String reference;

  @Option(names = "--current", required = true, paramLabel = "NAME[:VERSION]|FILE")
  String current;

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

  @Option(names = "--fail-on-drift", description = "exit 1 when a feature drifted")
  boolean failOnDrift;

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  DriftCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    if (!(alpha > 0 && alpha < 1)) {
      throw new AssayCommand.ExitException(2, "--alpha must lie in (0, 1), not " + alpha);
    }
    if (!(minEffect >= 0 && minEffect < 1)) {
      throw new AssayCommand.ExitException(2, "--min-effect must lie in [0, 1), not " + minEffect);
    }
    DriftSettings settings =
        DriftSettings.DEFAULTS
            .withAlpha(alpha)
            .withCorrection(correction)
            .withMinEffect(minEffect)
            .withSeed(seed);
    Workbench workbench = root.workbench();
    PrintWriter err = root.context().err();
    DatasetVersion ref = CliInputs.dataset(workbench, reference);
    DatasetVersion cur = CliInputs.dataset(workbench, current);
    List<FeatureReader.Feature> columns = columns(ref, cur);
    long start = System.nanoTime();
    DriftReport report =
        DatasetDrift.run(source(workbench, ref), source(workbench, cur), columns, settings);
    if (!quiet) {
      err.printf(
          "drift: %d features compared in %d ms%n",
          columns.size(), (System.nanoTime() - start) / 1_000_000);
    }
    boolean toStdout = "-".equals(jsonOut);
    if (jsonOut != null) {
      String text = json.writeValueAsString(DriftDocument.of(ref, cur, report));
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
    if (failOnDrift && report.drift()) {
      err.println("assay: drift in " + String.join(", ", report.drifted()));
      return AssayCommand.EXIT_REFUSED;
    }
    return 0;
  }

  /** The dataset's column cache when intact, and its CSV. */
  private static DatasetDrift.Source source(Workbench workbench, DatasetVersion dataset) {
    Optional<ColumnCache> cache;
    try {
      cache = workbench.datasets().columnCache(dataset);
    } catch (ColumnCache.DamagedException e) {
      cache = Optional.empty();
    }
    return new DatasetDrift.Source(cache, workbench.datasets().file(dataset), dataset);
  }

  private List<FeatureReader.Feature> columns(DatasetVersion ref, DatasetVersion cur) {
    List<String> names = new ArrayList<>();
    if (features != null && !features.isEmpty()) {
      for (String f : features) {
        String name = f.strip();
        if (ref.profile().column(name).isEmpty()) {
          throw new AssayCommand.ExitException(
              1, "column '" + name + "' is not in reference " + ref.ref());
        }
        if (cur.profile().column(name).isEmpty()) {
          throw new AssayCommand.ExitException(
              1, "column '" + name + "' is not in current " + cur.ref());
        }
        names.add(name);
      }
    } else {
      for (ColumnProfile c : ref.profile().columns()) {
        if (cur.profile().column(c.name()).isPresent()) {
          names.add(c.name());
        }
      }
      if (names.isEmpty()) {
        throw new AssayCommand.ExitException(
            1, ref.ref() + " and " + cur.ref() + " have no column in common");
      }
    }
    List<FeatureReader.Feature> columns = new ArrayList<>();
    for (String name : names) {
      ColumnType type = ref.profile().column(name).orElseThrow().type();
      columns.add(
          new FeatureReader.Feature(
              name,
              type == ColumnType.CATEGORICAL
                  ? FeatureReader.Kind.CATEGORICAL
                  : FeatureReader.Kind.NUMERIC));
    }
    return columns;
  }
}
