package dev.assay.core.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.CsvSource;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.model.ModelMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Partial dependence and ICE ({@link PartialDependence}) and accumulated local effects ({@link
 * AccumulatedLocalEffects}) of chosen features over the rows of an {@link ExplanationRequest}, in
 * its output space and class: the model and data are bound as for an explanation; the grids are
 * scikit-learn's (PDP) and alibi's (ALE) over those rows.
 */
public final class DependenceRunner {
  private final OnnxRuntime runtime;
  private final ObjectMapper json;

  public DependenceRunner(OnnxRuntime runtime, ObjectMapper json) {
    this.runtime = runtime;
    this.json = json;
  }

  /**
   * The model's bound feature columns for the request (as an explanation binds them), to check
   * option values before any work.
   */
  public List<String> features(ExplanationRequest request) {
    return binding(request).columns();
  }

  /**
   * Checks that every named feature is a bound column.
   *
   * @param option the option's name for the message, e.g. {@code --pdp}
   * @throws AssayException naming the first unknown feature and the model's features
   */
  public static void requireFeatures(List<String> features, List<String> names, String option) {
    for (String name : names) {
      if (!features.contains(name)) {
        throw new AssayException(
            option + " " + name + " is not one of the model's features " + features);
      }
    }
  }

  /**
   * The partial dependence curves of each named feature.
   *
   * @param resolution grid points at most (scikit-learn's grid_resolution)
   * @throws AssayException when a feature is not one of the model's bound columns, the rows are out
   *     of range, or a column is too flat for a grid
   */
  public List<PartialDependence.Curve> run(
      ExplanationRequest request,
      List<String> names,
      int resolution,
      Progress progress,
      Cancellation cancel) {
    List<PartialDependence.Curve> curves = new ArrayList<>();
    forEach(
        request,
        names,
        "--pdp",
        (model, rows, m, j, name) -> {
          double[] grid;
          try {
            grid =
                PartialDependence.grid(
                    PartialDependence.column(rows, m, j),
                    PartialDependence.LOW,
                    PartialDependence.HIGH,
                    resolution);
          } catch (IllegalArgumentException e) {
            throw new AssayException("--pdp " + name + ": " + e.getMessage());
          }
          curves.add(PartialDependence.compute(model, rows, j, name, grid));
          progress.update(curves.size(), names.size(), "partial dependence of " + name);
        },
        cancel);
    return curves;
  }

  /**
   * The centred ALE of each named feature over the request's rows.
   *
   * @throws AssayException when a feature is not one of the model's bound columns or the rows are
   *     out of range
   */
  public List<AccumulatedLocalEffects.Curve> ale(
      ExplanationRequest request, List<String> names, Progress progress, Cancellation cancel) {
    List<AccumulatedLocalEffects.Curve> curves = new ArrayList<>();
    forEach(
        request,
        names,
        "--ale",
        (model, rows, m, j, name) -> {
          curves.add(AccumulatedLocalEffects.compute(model, rows, j, name));
          progress.update(curves.size(), names.size(), "accumulated local effects of " + name);
        },
        cancel);
    return curves;
  }

  /** What runs against the bound model: its function, binding and the request's rows. */
  public interface Bound<T> {
    T apply(ModelFunction model, Binding binding, double[] rows);
  }

  /**
   * Opens the request's model in its output space and class, bound to the data as an explanation
   * binds it, and applies {@code action} to it and the request's rows (row-major, bound columns).
   */
  public <T> T withModel(ExplanationRequest request, Bound<T> action) {
    Object[] result = new Object[1];
    Binding binding = binding(request);
    forEach(
        request,
        List.of(binding.columns().getFirst()),
        "--features",
        (model, rows, m, j, name) -> result[0] = action.apply(model, binding, rows),
        Cancellation.NONE);
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

  private interface PerFeature {
    void accept(OnnxModelFunction model, double[] rows, int m, int feature, String name);
  }

  private void forEach(
      ExplanationRequest request,
      List<String> names,
      String option,
      PerFeature action,
      Cancellation cancel) {
    Binding binding = binding(request);
    List<String> features = binding.columns();
    requireFeatures(features, names, option);
    TabularData data = TabularData.read(request.data(), features, null);
    int last = request.firstRow() + request.rowCount();
    if (request.firstRow() >= data.rows() || last > data.rows()) {
      throw new AssayException(
          request.data().getFileName() + " has " + data.rows() + " rows; rows up to " + last);
    }
    double[] rows = data.slice(request.firstRow(), last);
    boolean regression = ModelMetadata.isRegression(request.model());
    OutputSpace space =
        request.space() != null
            ? request.space()
            : regression ? OutputSpace.VALUE : OutputSpace.PROBABILITY;
    List<String> labels =
        regression ? null : ModelMetadata.list(request.model(), ModelMetadata.CLASS_LABELS, json);
    int m = features.size();
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
      for (String name : names) {
        cancel.throwIfCancelled();
        action.accept(model, rows, m, features.indexOf(name), name);
      }
    }
  }

  private Binding binding(ExplanationRequest request) {
    List<String> header;
    try (CsvSource csv = CsvSource.open(request.data())) {
      header = csv.header();
    }
    Set<String> excluded = new HashSet<>(ModelMetadata.sensitive(request.model(), json));
    String target =
        request.target() != null ? request.target() : ModelMetadata.target(request.model());
    if (target != null) {
      excluded.add(target);
    }
    return new BindingResolver(json)
        .resolve(request.model(), header, request.features(), null, excluded)
        .binding();
  }
}
