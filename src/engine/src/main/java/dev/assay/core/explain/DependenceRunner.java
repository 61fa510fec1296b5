package dev.assay.core.explain;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.CsvSource;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.OnnxRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Partial dependence and ICE ({@link PartialDependence}) of chosen features over the rows of an
 * {@link ExplanationRequest}, in its output space and class: the model and data are bound as for an
 * explanation; the grid is scikit-learn's over those rows.
 */
public final class DependenceRunner {
  private final OnnxRuntime runtime;
  private final ObjectMapper json;

  public DependenceRunner(OnnxRuntime runtime, ObjectMapper json) {
    this.runtime = runtime;
    this.json = json;
  }

  /**
   * The curves of each named feature.
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
    List<String> header;
    try (CsvSource csv = CsvSource.open(request.data())) {
      header = csv.header();
    }
    Set<String> excluded = new HashSet<>(metadataList("assay.sensitive", request));
    String target =
        request.target() != null
            ? request.target()
            : request.model().metadata().get("assay.target");
    if (target != null) {
      excluded.add(target);
    }
    Binding binding =
        new BindingResolver(json)
            .resolve(request.model(), header, request.features(), null, excluded)
            .binding();
    List<String> features = binding.columns();
    for (String name : names) {
      if (!features.contains(name)) {
        throw new AssayException(
            "--pdp " + name + " is not one of the model's features " + features);
      }
    }
    TabularData data = TabularData.read(request.data(), features, null);
    int last = request.firstRow() + request.rowCount();
    if (request.firstRow() >= data.rows() || last > data.rows()) {
      throw new AssayException(
          request.data().getFileName() + " has " + data.rows() + " rows; rows up to " + last);
    }
    double[] rows = data.slice(request.firstRow(), last);
    boolean regression =
        "regression".equalsIgnoreCase(request.model().metadata().get("assay.task"));
    OutputSpace space =
        request.space() != null
            ? request.space()
            : regression ? OutputSpace.VALUE : OutputSpace.PROBABILITY;
    List<String> labels = regression ? null : metadataList("assay.class_labels", request);
    int m = features.size();
    List<PartialDependence.Curve> curves = new ArrayList<>();
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
      for (int k = 0; k < names.size(); k++) {
        cancel.throwIfCancelled();
        int j = features.indexOf(names.get(k));
        double[] grid;
        try {
          grid =
              PartialDependence.grid(
                  PartialDependence.column(rows, m, j),
                  PartialDependence.LOW,
                  PartialDependence.HIGH,
                  resolution);
        } catch (IllegalArgumentException e) {
          throw new AssayException("--pdp " + names.get(k) + ": " + e.getMessage());
        }
        curves.add(PartialDependence.compute(model, rows, j, names.get(k), grid));
        progress.update(k + 1, names.size(), "partial dependence of " + names.get(k));
      }
    }
    return curves;
  }

  private List<String> metadataList(String key, ExplanationRequest request) {
    String text = request.model().metadata().get(key);
    if (text == null) {
      return List.of();
    }
    try {
      return json.readValue(text, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      return List.of();
    }
  }
}
