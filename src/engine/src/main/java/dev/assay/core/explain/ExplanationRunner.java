package dev.assay.core.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.data.CsvSource;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.ClassLabels;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.model.ModelMetadata;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs an {@link ExplanationRequest}: binds the data's columns to the model as evaluation does,
 * reads the rows and the background, picks the method, explains each row, and adds the global views
 * (mean |φ|, permutation importance). Model and data come as files; looking them up and storing the
 * result belong to the caller.
 */
public final class ExplanationRunner {
  private final OnnxRuntime runtime;
  private final ObjectMapper json;

  public ExplanationRunner(OnnxRuntime runtime, ObjectMapper json) {
    this.runtime = runtime;
    this.json = json;
  }

  /**
   * Explains the requested rows.
   *
   * @throws AssayException for what the user can fix: a column, a row range, a method that does not
   *     apply, a class the model lacks, non-numeric cells (file, column and 1-based row named)
   * @throws Cancellation.CancelledException when cancelled
   */
  public ExplanationReport run(ExplanationRequest request, Progress progress, Cancellation cancel) {
    List<String> header;
    try (CsvSource csv = CsvSource.open(request.data())) {
      header = csv.header();
    }
    String target = target(request, header);
    Set<String> excluded = new HashSet<>(ModelMetadata.sensitive(request.model(), json));
    if (target != null) {
      excluded.add(target);
    }
    BindingResolver.Resolved resolved =
        new BindingResolver(json)
            .resolve(request.model(), header, request.features(), null, excluded);
    Binding binding = resolved.binding();
    List<String> features = binding.columns();
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>(resolved.warnings());
    TabularData data = TabularData.read(request.data(), features, target);
    int last = request.firstRow() + request.rowCount();
    if (request.firstRow() >= data.rows() || last > data.rows()) {
      throw new AssayException(
          request.data().getFileName()
              + " has "
              + data.rows()
              + " rows (0-based 0-"
              + (data.rows() - 1)
              + "); rows "
              + request.firstRow()
              + "-"
              + (last - 1)
              + " were asked for");
    }
    int m = features.size();
    BackgroundSet backgroundSet = BackgroundDraw.of(request, features, data, target, notes);
    double[] background = backgroundSet.values();
    boolean regression = ModelMetadata.isRegression(request.model());
    OutputSpace space =
        request.space() != null
            ? request.space()
            : regression ? OutputSpace.VALUE : OutputSpace.PROBABILITY;
    List<String> labels =
        regression ? null : ModelMetadata.list(request.model(), ModelMetadata.CLASS_LABELS, json);
    boolean linear = space == OutputSpace.LOGIT && LinearLogit.isLinear(request.modelFile());
    String[] treeWhy = {"the model has more than one input"};
    TreeEnsemble trees =
        (request.method() == Method.AUTO
                    || request.method() == Method.TREE
                    || request.method() == Method.TREE_PATH)
                && binding.inputs().size() == 1
            ? TreeEnsemble.find(
                request.modelFile(), m, classIndex(labels, request.classLabel()), treeWhy)
            : null;
    Method method = Explainer.resolve(request.method(), linear, additive(trees, space), m);
    if ((method == Method.TREE || method == Method.TREE_PATH) && trees == null) {
      throw new AssayException("--method " + method.id() + " does not apply: " + treeWhy[0]);
    }
    if (method == Method.LINEAR && !linear) {
      throw new AssayException(
          space != OutputSpace.LOGIT
              ? "the linear closed form is in log-odds: add --output logit"
              : "the model is not linear before a final sigmoid or softmax; use exact or kernel");
    }
    if (method == Method.EXACT && m > ExactShapley.HARD_LIMIT) {
      throw new AssayException(
          "exact enumeration of " + m + " features needs 2^" + m + " coalitions; use kernel");
    }
    if (method == Method.TREE_PATH && backgroundSet.weights() != null) {
      throw new AssayException(
          "tree_path counts node covers over equal-weight rows: use --background-mode random or"
              + " stratified with it");
    }
    int backgroundRows = background.length / m;
    int rows = request.rowCount();
    if (method == Method.EXACT) {
      long perRow = ExactShapley.evaluationsPerRow(m, backgroundRows);
      progress.update(
          0,
          rows,
          String.format(
              Locale.ROOT,
              "exact: 2^%d coalitions x %d background rows = %,d model evaluations per row, %,d in"
                  + " all",
              m,
              backgroundRows,
              perRow,
              perRow * rows));
    }
    try (OnnxModelFunction model =
        OnnxModelFunction.open(
            runtime,
            request.modelFile(),
            request.model(),
            binding,
            labels == null || labels.isEmpty() ? null : labels,
            request.classLabel(),
            regression,
            space)) {
      String[] graphWhy = {"the model has more than one input"};
      LinearGraph graph =
          method == Method.LINEAR && binding.inputs().size() == 1
              ? LinearGraph.read(request.modelFile(), m, model.classIndex(), graphWhy)
              : null;
      if (backgroundSet.summary().mode() == BackgroundSet.Mode.CUTOFF) {
        // the rows just past the decision on the favourable side, by the model's own outputs
        double[] scores = new double[data.rows()];
        model.evaluate(data.values(), data.rows(), scores);
        backgroundSet = BackgroundDraw.cutoff(request, data, m, scores, backgroundRows);
        background = backgroundSet.values();
        notes.add(
            "cutoff background: the "
                + background.length / m
                + (request.secondBackground() ? " next" : "")
                + " rows "
                + (request.adverseHigher() ? "below " : "above ")
                + request.cutoff()
                + " nearest it, of "
                + data.rows());
      }
      Explainer explainer = new Explainer(model, background, backgroundSet.weights(), graph);
      KernelShap.Settings settings =
          KernelShap.Settings.DEFAULTS.withTolerance(request.tolerance());
      PathTreeShap pathShap = null;
      if (method == Method.TREE_PATH) {
        String[] coverWhy = {null};
        pathShap = PathTreeShap.fromGraph(trees, coverWhy);
        if (pathShap == null) {
          pathShap = PathTreeShap.countCovers(trees, background);
          notes.add(
              "tree_path: node covers "
                  + pathShap.coverSource()
                  + " (the background), because "
                  + coverWhy[0]);
        } else {
          notes.add("tree_path: node covers from " + pathShap.coverSource());
        }
      }
      List<Explainer.RowAttribution> explained =
          pathShap != null
              ? pathShap.explain(
                  model,
                  data.slice(request.firstRow(), last),
                  request.firstRow(),
                  background,
                  progress,
                  cancel)
              : method == Method.TREE
                  ? new TreeShap(trees)
                      .explain(
                          model,
                          data.slice(request.firstRow(), last),
                          request.firstRow(),
                          background,
                          backgroundSet.weights(),
                          progress,
                          cancel)
                  : explainer.explain(
                      data.slice(request.firstRow(), last),
                      request.firstRow(),
                      method,
                      settings,
                      request.seed(),
                      progress,
                      cancel);
      if (method == Method.LINEAR) {
        notes.add(
            "linear: slopes "
                + explainer.linearSource()
                + (graph == null ? " (not read from the graph: " + graphWhy[0] + ")" : ""));
      }
      long unconverged =
          explained.stream()
              .filter(r -> r.attribution() instanceof Attribution.Estimated e && !e.converged())
              .count();
      if (unconverged > 0) {
        warnings.add(
            unconverged
                + " rows stopped at the sampling budget with a standard error above "
                + request.tolerance());
      }
      long evaluations = explained.stream().mapToLong(r -> r.attribution().evaluations()).sum();
      PermutationImportance.Importance[] permutation = null;
      Scorer scorer = null;
      double[] truth =
          target == null
              ? null
              : truth(data, request.firstRow(), last, regression, classLabel(model, labels));
      boolean bothClasses =
          truth != null
              && (regression
                  || java.util.Arrays.stream(truth).anyMatch(t -> t == 1)
                      && java.util.Arrays.stream(truth).anyMatch(t -> t == 0));
      if (request.repeats() > 0 && truth != null && !bothClasses) {
        warnings.add(
            "the explained rows hold one class of '"
                + target
                + "' only: permutation importance (ROC AUC) skipped");
      } else if (request.repeats() > 0 && truth != null) {
        scorer = regression ? Scorer.R2 : Scorer.ROC_AUC;
        permutation =
            PermutationImportance.compute(
                model,
                data.slice(request.firstRow(), last),
                truth,
                scorer,
                request.repeats(),
                PermutationImportance.Shuffles.seeded(request.seed()));
        evaluations += (long) rows * (1 + (long) m * request.repeats());
      } else if (request.repeats() > 0) {
        notes.add("no target column: permutation importance skipped (give --target)");
      }
      return new ExplanationReport(
          method,
          space,
          regression ? null : classLabel(model, labels),
          request.seed(),
          request.tolerance(),
          backgroundRows,
          backgroundSet.sha256(),
          features,
          explained.isEmpty() ? Double.NaN : explained.getFirst().attribution().baseValue(),
          explained,
          Explainer.meanAbs(explained, m),
          permutation,
          scorer == null ? null : scorer.id(),
          request.repeats(),
          evaluations,
          notes,
          data.slice(request.firstRow(), last),
          warnings,
          backgroundSet.describe(m),
          backgroundSet.mean(m));
    }
  }

  /**
   * Whether the ensemble's output in {@code space} should be a sum over its trees, judged from its
   * post transform ({@link TreeShap} checks it on the data).
   */
  private static boolean additive(TreeEnsemble trees, OutputSpace space) {
    if (trees == null) {
      return false;
    }
    String post = trees.postTransform();
    return space == OutputSpace.LOGIT ? post.equals("LOGISTIC") : post.equals("NONE");
  }

  private static int classIndex(List<String> labels, String classLabel) {
    if (labels == null || labels.isEmpty() || classLabel == null) {
      return labels == null || labels.isEmpty() ? -1 : labels.size() - 1;
    }
    return ClassLabels.indexOf(labels, classLabel);
  }

  private static String classLabel(OnnxModelFunction model, List<String> labels) {
    if (labels == null || labels.isEmpty()) {
      return Integer.toString(Math.max(model.classIndex(), 1));
    }
    return labels.get(model.classIndex());
  }

  private static double[] truth(
      TabularData data, int from, int to, boolean regression, String positive) {
    double[] truth = new double[to - from];
    for (int k = from; k < to; k++) {
      String cell = data.target().get(k);
      if (regression) {
        try {
          truth[k - from] = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new AssayException("row " + (k + 1) + ": target '" + cell + "' is not a number");
        }
      } else {
        truth[k - from] = ClassLabels.indexOf(List.of(positive), cell) == 0 ? 1 : 0;
      }
    }
    return truth;
  }

  private String target(ExplanationRequest request, List<String> header) {
    if (request.target() != null) {
      if (!header.contains(request.target())) {
        throw new AssayException(
            request.data().getFileName() + " has no target column '" + request.target() + "'");
      }
      return request.target();
    }
    String named = ModelMetadata.target(request.model());
    return named != null && header.contains(named) ? named : null;
  }

  /** SHA-256 of the values as little-endian float64, row-major. */
  static String sha256(double[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      bytes.putDouble(v);
    }
    return Sha256.ofBytes(bytes.array());
  }
}
