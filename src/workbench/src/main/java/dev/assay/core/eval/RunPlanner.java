package dev.assay.core.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.registry.ModelRegistry;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first step of an evaluation ({@link EvaluationRunner}): settles, before any row is read, how
 * a request binds the dataset's columns to the model's inputs, reads its outputs and target, treats
 * bad cells, and what its stored configuration says.
 */
final class RunPlanner {
  private final BindingResolver bindings;
  private final ModelRegistry models;
  private final ObjectMapper json;

  RunPlanner(BindingResolver bindings, ModelRegistry models, ObjectMapper json) {
    this.bindings = bindings;
    this.models = models;
    this.json = json;
  }

  /**
   * The request's plan over a dataset with {@code header}.
   *
   * @throws AssayException when the target column is missing or also bound as an input
   */
  EvaluationRunner.Plan plan(EvaluationRequest request, List<String> header) {
    if (request.labelled() && !header.contains(request.target())) {
      throw new AssayException(
          "the dataset "
              + request.dataset().ref()
              + " has no target column '"
              + request.target()
              + "'; columns: "
              + String.join(", ", header));
    }
    Set<String> excluded = new HashSet<>(request.sensitive());
    if (request.labelled()) {
      excluded.add(request.target());
    }
    BindingResolver.Resolved resolved =
        bindings.resolve(
            request.model().inspection(),
            header,
            request.features(),
            models.binding(request.model()).orElse(null),
            excluded);
    if (request.labelled() && resolved.binding().columns().contains(request.target())) {
      throw new AssayException(
          "the target column '" + request.target() + "' is also bound as a model input");
    }
    OutputReading reading = OutputReading.resolve(request, models.choices(), json);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("binding", resolved.binding());
    if (!request.labelled()) {
      config.put("labels", EvaluationRunner.UNLABELLED);
    }
    config.put("binding_source", resolved.source());
    config.put("positive_label", request.positiveLabel());
    config.put("label_source", request.labelSource().id());
    config.put("threads", request.threads());
    config.put("softmax", request.softmax());
    config.putAll(reading.config());
    CellPolicy cells = CellPolicy.forModel(request.model().inspection(), request.allowNonFinite());
    config.put("nonfinite_cells", cells.allowNonFinite() ? "passed" : "refused");
    config.put(
        "missing_cells", (cells.passMissing() ? "passed: " : "refused: ") + cells.missingReason());
    return new EvaluationRunner.Plan(resolved, reading, cells, config);
  }
}
