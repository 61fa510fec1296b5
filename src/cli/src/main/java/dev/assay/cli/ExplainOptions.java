package dev.assay.cli;

import dev.assay.core.AssayException;
import dev.assay.core.data.CsvSource;
import dev.assay.core.explain.BackgroundSet;
import dev.assay.core.explain.DependenceRunner;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import java.util.List;
import picocli.CommandLine.Option;

/** The ALE, background-mode and recourse options of {@code assay explain}. */
final class ExplainOptions {
  @Option(
      names = "--ale",
      split = ",",
      paramLabel = "FEATURE[,FEATURE]",
      description =
          "accumulated local effects of these numeric features over the explained rows (alibi's"
              + " quantile grid: intervals of more than 4 rows each, or the distinct values when 10"
              + " or fewer), centred to mean 0 over the rows")
  List<String> ale;

  @Option(
      names = "--background-mode",
      paramLabel = "random|kmeans|stratified|cutoff",
      defaultValue = "random",
      description =
          "with --background N: N random rows of the data, a weighted k-means summary of N"
              + " centres (SHAP's shap.kmeans), N rows keeping the shares of each class (the"
              + " target) or of each --sensitive group, or the N rows just past the decision"
              + " (--threshold) on the favourable side, Regulation B's 'just above the cutoff'"
              + " (default: ${DEFAULT-VALUE})")
  String backgroundMode;

  @Option(
      names = "--sensitive",
      split = ",",
      paramLabel = "COL[,COL]",
      description =
          "sensitive attribute columns (comma-separated or repeated): with --reasons every feature"
              + " is checked for being a proxy of each (besides the model's sensitive columns);"
              + " with --background-mode stratified (one column) the groups whose shares the"
              + " background keeps")
  List<String> sensitive;

  @Option(
      names = "--background-stability",
      description =
          "explain again against a second background of the same size and rule, drawn from the"
              + " data rows the first did not use, and report per row how far the top 4 features"
              + " by |phi| agree (Jaccard index)")
  boolean backgroundStability;

  @Option(
      names = "--reason-text",
      paramLabel = "FILE.csv",
      description =
          "with --reasons: the feature,reason statement table (default:"
              + " <workbench>/reports/reason-text.csv when present, else statements derived from"
              + " the feature names)")
  java.nio.file.Path reasonText;

  @Option(
      names = "--proxy-threshold",
      paramLabel = "X",
      defaultValue = "0.3",
      description =
          "with --reasons: flag a reason whose association with a sensitive attribute (correlation"
              + " ratio, or Cramér's V for a feature of at most 10 values) is at least X (default:"
              + " ${DEFAULT-VALUE})")
  double proxyThreshold;

  @Option(
      names = "--recourse",
      arity = "0..1",
      fallbackValue = "3",
      paramLabel = "K",
      description =
          "for each explained row on the adverse side, up to K (default 3) counterfactuals that"
              + " cross the decision when re-scored, nearest first; immutable and text features"
              + " stay, categories change only to ones seen in the data, whole numbers stay"
              + " whole, values stay in the data's range")
  Integer recourse;

  @Option(
      names = "--immutable",
      split = ",",
      paramLabel = "a,b",
      description = "with --recourse: features a counterfactual may not change")
  List<String> immutable;

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description =
          "with --recourse: the decision threshold on the explained output (default 0.5 for a"
              + " probability, 0 for log-odds)")
  Double threshold;

  @Option(
      names = "--group-by",
      paramLabel = "COL|predicted",
      description =
          "attributions averaged per group of the explained rows (the values of a column such as a"
              + " sensitive attribute, or the predicted class at --threshold) and each group's gap"
              + " in mean prediction to the largest group, split into features")
  String groupBy;

  @Option(
      names = "--margin",
      paramLabel = "M",
      defaultValue = "0",
      description =
          "with --recourse: a counterfactual's output must clear the threshold by at least M"
              + " (default ${DEFAULT-VALUE}: any crossing)")
  double margin;

  @Option(
      names = "--keep-categories",
      description =
          "with --recourse: categorical features keep their category (by default a categorical"
              + " feature that is not immutable may change to another category seen in the data,"
              + " at a cost of 1 per changed category)")
  boolean keepCategories;

  /** The background mode, checked against the other options (usage errors, exit 2). */
  BackgroundSet.Mode mode(boolean backgroundDataset, boolean reasons) {
    BackgroundSet.Mode mode = BackgroundSet.Mode.of(backgroundMode);
    if (mode == null) {
      throw new AssayCommand.ExitException(
          2, "--background-mode is random, kmeans, stratified or cutoff, not " + backgroundMode);
    }
    if (backgroundDataset && mode != BackgroundSet.Mode.RANDOM) {
      throw new AssayCommand.ExitException(
          2, "--background-mode " + mode.id() + " needs --background N (a count), not a dataset");
    }
    if (!sensitive().isEmpty() && mode != BackgroundSet.Mode.STRATIFIED && !reasons) {
      throw new AssayCommand.ExitException(
          2, "--sensitive is used with --background-mode stratified or --reasons");
    }
    if (sensitive().size() > 1 && mode == BackgroundSet.Mode.STRATIFIED) {
      throw new AssayCommand.ExitException(
          2,
          "--background-mode stratified keeps the shares of one --sensitive column, not "
              + String.join(",", sensitive()));
    }
    if (!reasons && (reasonText != null || proxyThreshold != 0.3)) {
      throw new AssayCommand.ExitException(
          2, "--reason-text and --proxy-threshold go with --reasons");
    }
    if (backgroundStability && backgroundDataset) {
      throw new AssayCommand.ExitException(
          2, "--background-stability needs --background N: a dataset has no second draw");
    }
    if (recourse == null
        && (immutable != null
            || threshold != null
                && !ExplainGroups.PREDICTED.equals(groupBy)
                && mode != BackgroundSet.Mode.CUTOFF
                && !reasons
            || margin != 0
            || keepCategories)) {
      throw new AssayCommand.ExitException(
          2,
          "--immutable, --threshold, --margin and --keep-categories go with --recourse"
              + " (--threshold also with --reasons)");
    }
    return mode;
  }

  /** The recourse decision threshold in the explained output space (0 without --recourse). */
  double decision(OutputSpace space, ModelVersion version) {
    return recourse == null ? 0 : threshold(space, version);
  }

  /**
   * The --sensitive columns in the order given, each once (empty without the option).
   *
   * @throws AssayCommand.ExitException for an empty name (exit 2)
   */
  List<String> sensitive() {
    if (sensitive == null) {
      return List.of();
    }
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    for (String name : sensitive) {
      if (name.isBlank()) {
        throw new AssayCommand.ExitException(
            2, "--sensitive: an empty column name in '" + String.join(",", sensitive) + "'");
      }
      names.add(name.strip());
    }
    return List.copyOf(names);
  }

  /** The column a stratified background keeps the group shares of, or null. */
  String stratifiedBy() {
    return sensitive().isEmpty() ? null : sensitive().getFirst();
  }

  /** The decision threshold: --threshold, else 0.5 for a probability and 0 for log-odds. */
  double threshold(OutputSpace space, ModelVersion version) {
    OutputSpace natural =
        space != null
            ? space
            : ModelMetadata.isRegression(version.inspection())
                ? OutputSpace.VALUE
                : OutputSpace.PROBABILITY;
    return ExplainRecourse.threshold(threshold, natural);
  }

  /**
   * Checks, before any work, that every --pdp, --ale and --immutable feature is a bound column and
   * that the --group-by column exists (one line, exit 1) and every --sensitive column does (one
   * line naming all unknown ones, exit 2).
   */
  void check(DependenceRunner dependence, ExplanationRequest request, List<String> pdp) {
    List<String> aleFeatures = ale == null ? List.of() : ale;
    List<String> fixed = immutable == null ? List.of() : immutable;
    if (!pdp.isEmpty() || !aleFeatures.isEmpty() || !fixed.isEmpty()) {
      List<String> bound = dependence.features(request);
      DependenceRunner.requireFeatures(bound, pdp, "--pdp");
      DependenceRunner.requireFeatures(bound, aleFeatures, "--ale");
      DependenceRunner.requireFeatures(bound, fixed, "--immutable");
    }
    if (groupBy != null && !groupBy.equals(ExplainGroups.PREDICTED)) {
      try (CsvSource csv = CsvSource.open(request.data())) {
        if (!csv.header().contains(groupBy)) {
          throw new AssayException("--group-by " + groupBy + ": the data has no such column");
        }
      }
    }
    if (!sensitive().isEmpty()) {
      try (CsvSource csv = CsvSource.open(request.data())) {
        List<String> unknown = sensitive().stream().filter(c -> !csv.header().contains(c)).toList();
        if (!unknown.isEmpty()) {
          throw new AssayCommand.ExitException(
              2,
              "--sensitive "
                  + String.join(",", unknown)
                  + ": the data has no such column"
                  + (unknown.size() > 1 ? "s" : "")
                  + " (columns: "
                  + String.join(", ", csv.header())
                  + ")");
        }
      }
    }
  }
}
