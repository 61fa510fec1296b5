package dev.assay.core.inference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelInspection.ValueSignature;
import dev.assay.core.model.ModelMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Works out which dataset columns feed which model inputs. Order of preference for a single {@code
 * [N, F]} input: features the user names, the binding remembered for the model version, the feature
 * names in the model's metadata ({@code assay.features} as a JSON array, or {@code feature_names}
 * comma-separated), and last all columns but the target and sensitive ones in file order (with a
 * warning). Inputs of shape {@code [N, 1]} or {@code [N]} are matched to columns by name.
 */
public final class BindingResolver {
  private static final Set<String> SUPPORTED =
      Set.of("float", "double", "int64", "int32", "string", "bool");

  private final ObjectMapper json;

  public BindingResolver(ObjectMapper json) {
    this.json = json;
  }

  /** A binding and the warnings a user should see about how it was chosen. */
  public record Resolved(Binding binding, List<String> warnings, String source) {}

  /**
   * Resolves the binding.
   *
   * @param header the dataset's columns
   * @param explicitFeatures the features the user named, or null
   * @param remembered the binding remembered for this model version, or null
   * @param excluded columns never used as features by default (target, sensitive attributes)
   */
  public Resolved resolve(
      ModelInspection model,
      List<String> header,
      List<String> explicitFeatures,
      Binding remembered,
      Set<String> excluded) {
    List<ValueSignature> inputs = model.inputs();
    if (inputs.isEmpty()) {
      throw new AssayException("the model has no inputs to bind");
    }
    for (ValueSignature input : inputs) {
      if (input.elementType() == null) {
        throw new AssayException(
            "input '"
                + input.name()
                + "' is a "
                + input.type()
                + "; Assay binds tensor inputs only");
      }
      if (!SUPPORTED.contains(input.elementType())) {
        throw new AssayException(
            "input '"
                + input.name()
                + "' has element type "
                + input.elementType()
                + "; Assay binds float, double, int64, int32, bool and string inputs");
      }
    }
    if (inputs.size() == 1 && !isPerColumn(inputs.getFirst(), header, explicitFeatures)) {
      return single(model, inputs.getFirst(), header, explicitFeatures, remembered, excluded);
    }
    return perColumn(inputs, header);
  }

  /** A single input is per-column when it is [N,1] or [N] and a column carries its name. */
  private static boolean isPerColumn(
      ValueSignature input, List<String> header, List<String> explicit) {
    List<Object> shape = input.shape();
    boolean narrow = shape != null && (shape.size() == 1 || shape.size() == 2 && one(shape.get(1)));
    return explicit == null && narrow && findColumn(header, input.name()) != null;
  }

  private Resolved single(
      ModelInspection model,
      ValueSignature input,
      List<String> header,
      List<String> explicit,
      Binding remembered,
      Set<String> excluded) {
    List<Object> shape = input.shape();
    if (shape != null && shape.size() != 2) {
      throw new AssayException(
          "input '"
              + input.name()
              + "' has shape "
              + input.shapeText()
              + "; Assay binds a tabular input [N, F] or one [N, 1] input per column");
    }
    long expected = shape != null && shape.get(1) instanceof Number n ? n.longValue() : -1;
    List<String> warnings = new ArrayList<>();
    List<String> columns;
    String source;
    if (explicit != null && !explicit.isEmpty()) {
      columns = explicit;
      source = "given";
    } else if (remembered != null
        && remembered.inputs().size() == 1
        && remembered.inputs().getFirst().input().equals(input.name())) {
      columns = remembered.inputs().getFirst().columns();
      source = "remembered";
    } else if (metadataFeatures(model) != null) {
      columns = metadataFeatures(model);
      source = "model metadata";
    } else {
      columns = new ArrayList<>();
      for (String column : header) {
        if (!excluded.contains(column)) {
          columns.add(column);
        }
      }
      source = "default";
      warnings.add(
          "the model names no features; using all "
              + columns.size()
              + " columns except "
              + String.join(", ", excluded)
              + " in file order: "
              + String.join(", ", columns)
              + ". Check this, or pick them with --features.");
    }
    checkColumns(header, columns);
    if (expected > 0 && columns.size() != expected) {
      throw new AssayException(
          "input '"
              + input.name()
              + "' has shape "
              + input.shapeText()
              + " (expects "
              + expected
              + " features) but "
              + columns.size()
              + " columns are bound ("
              + source
              + "): "
              + String.join(", ", columns));
    }
    int fixedBatch = shape != null && shape.getFirst() instanceof Number n ? n.intValue() : 0;
    return new Resolved(
        new Binding(
            List.of(
                new Binding.InputBinding(
                    input.name(), input.elementType(), 2, Math.max(fixedBatch, 0), columns))),
        warnings,
        source);
  }

  private static Resolved perColumn(List<ValueSignature> inputs, List<String> header) {
    List<Binding.InputBinding> bound = new ArrayList<>();
    for (ValueSignature input : inputs) {
      List<Object> shape = input.shape();
      if (shape != null && !(shape.size() == 1 || shape.size() == 2 && one(shape.get(1)))) {
        throw new AssayException(
            "input '"
                + input.name()
                + "' has shape "
                + input.shapeText()
                + "; with several inputs, each must be [N, 1] or [N] and match a column by name");
      }
      String column = findColumn(header, input.name());
      if (column == null) {
        throw new AssayException(
            "input '"
                + input.name()
                + "' "
                + input.shapeText()
                + " has no column of that name in the dataset; columns: "
                + String.join(", ", header));
      }
      int rank = shape == null ? 2 : shape.size();
      int fixedBatch = shape != null && shape.getFirst() instanceof Number n ? n.intValue() : 0;
      bound.add(
          new Binding.InputBinding(
              input.name(), input.elementType(), rank, Math.max(fixedBatch, 0), List.of(column)));
    }
    return new Resolved(new Binding(bound), List.of(), "input names");
  }

  private List<String> metadataFeatures(ModelInspection model) {
    String features = ModelMetadata.featuresJson(model);
    if (features != null) {
      try {
        return json.readValue(features, new TypeReference<List<String>>() {});
      } catch (Exception e) {
        return null;
      }
    }
    String names = model.metadata().get("feature_names");
    if (names != null && !names.isBlank()) {
      return Arrays.stream(names.split(",")).map(String::strip).toList();
    }
    return null;
  }

  private static void checkColumns(List<String> header, List<String> columns) {
    Set<String> present = new HashSet<>(header);
    List<String> missing = columns.stream().filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new AssayException(
          "the dataset has no column"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
              + "; columns: "
              + String.join(", ", header));
    }
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      if (!seen.add(column)) {
        throw new AssayException("column '" + column + "' is bound twice");
      }
    }
  }

  private static String findColumn(List<String> header, String name) {
    for (String column : header) {
      if (column.equals(name)) {
        return column;
      }
    }
    for (String column : header) {
      if (column.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return column;
      }
    }
    return null;
  }

  private static boolean one(Object dim) {
    return dim instanceof Number n && n.longValue() == 1;
  }
}
