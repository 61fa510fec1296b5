package dev.assay.core.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.inference.ChoiceMemory;
import dev.assay.core.inference.ClassLabels;
import dev.assay.core.inference.OutputChoice;
import dev.assay.core.inference.TargetMap;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run reads a model's outputs and the dataset's target: the outputs the user chose (else
 * remembered for the model version, else left to Assay) and the target map (the user's, else
 * remembered for the model version and dataset, else the model's metadata {@code
 * assay.target_map}). Shared by evaluations, comparisons and the analyses run on them, so all read
 * a model the same way.
 *
 * @param outputsSource {@code option}, {@code remembered} or {@code automatic}
 * @param targetMapSource {@code option}, {@code remembered}, {@code model metadata} or {@code none}
 */
public record OutputReading(
    OutputChoice outputs, String outputsSource, TargetMap targetMap, String targetMapSource) {

  /**
   * Resolves what the request leaves open from what is remembered and the model's metadata.
   *
   * @throws AssayException when the model's metadata {@code assay.target_map} is not a JSON object
   */
  public static OutputReading resolve(
      EvaluationRequest request, ChoiceMemory remembered, ObjectMapper json) {
    ModelVersion model = request.model();
    OutputChoice stored = remembered.outputs(model);
    OutputChoice outputs = request.outputs().orElse(stored);
    String outputsSource =
        !request.outputs().automatic()
            ? "option"
            : !stored.automatic() ? "remembered" : "automatic";
    TargetMap map = request.targetMap();
    String mapSource = "option";
    if (map.isEmpty()) {
      var kept = remembered.targetMap(model, request.dataset().name());
      if (kept.isPresent()) {
        map = kept.get();
        mapSource = "remembered";
      } else {
        map = TargetMap.fromJson(json, ModelMetadata.targetMapJson(model.inspection()));
        mapSource = map.isEmpty() ? "none" : "model metadata";
      }
    }
    return new OutputReading(outputs, outputsSource, map, mapSource);
  }

  /** Remembers what the user chose for this run, once the run has succeeded. */
  public void rememberChoices(EvaluationRequest request, ChoiceMemory remembered) {
    if (outputsSource.equals("option")) {
      remembered.remember(request.model(), outputs);
    }
    if (targetMapSource.equals("option")) {
      remembered.remember(request.model(), request.dataset().name(), targetMap);
    }
  }

  /** The run's configuration entries for this reading. */
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("probabilities_output", outputs.probabilities());
    config.put("label_output", outputs.label());
    config.put("outputs_source", outputsSource);
    config.put("target_map", targetMap.values());
    config.put("target_map_source", targetMapSource);
    return config;
  }

  /**
   * The refusal of a target value that is none of the model's classes: names the target's distinct
   * values (up to 20), the classes, and how to map them.
   */
  public static AssayException unknownTarget(
      String target, long row, String value, List<String> distinct, List<String> classes) {
    List<String> values = new ArrayList<>(distinct);
    if (!values.contains(value)) {
      values.add(value);
    }
    values.sort(ClassLabels.NATURAL);
    String shown =
        values.size() > 20
            ? String.join(", ", values.subList(0, 20)) + ", ..."
            : String.join(", ", values);
    TargetMap obvious = TargetMap.obvious(values, classes);
    String how =
        obvious.isEmpty()
            ? "map each value to a class with --target-map VALUE=CLASS,... (or on the Evaluations"
                + " screen)"
            : "map them with --target-map " + obvious + " (or on the Evaluations screen)";
    return new AssayException(
        "row "
            + row
            + ", target column '"
            + target
            + "': value '"
            + value
            + "' is not one of the model's classes ["
            + String.join(", ", classes)
            + "]; the target holds "
            + shown
            + "; "
            + how);
  }
}
