package dev.assay.ui.eval;

import dev.assay.core.Json;
import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.ClassLabels;
import dev.assay.core.inference.OutputChoice;
import dev.assay.core.inference.TargetMap;
import dev.assay.core.model.ModelInspection.ValueSignature;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.OutputChoices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The choice of outputs and the target map on the Evaluations and Compare screens: the model's
 * outputs to pick from (empty: Assay chooses), what was remembered for the version, and a mapping
 * table offered when the target's values are not the model's classes. The table is prefilled when
 * the match is obvious (two values and two classes, in sorted order) but only applied once the user
 * ticks {@link #applyMapProperty()}.
 */
public final class ReadingChoices {
  /** The entry that leaves an output to Assay. */
  public static final String AUTOMATIC = "";

  private final ObservableList<String> probabilityOutputs = FXCollections.observableArrayList();
  private final ObservableList<String> labelOutputs = FXCollections.observableArrayList();
  private final StringProperty probabilitiesOutput = new SimpleStringProperty(AUTOMATIC);
  private final StringProperty labelOutput = new SimpleStringProperty(AUTOMATIC);
  private final ObservableList<Mapping> mappings = FXCollections.observableArrayList();
  private final BooleanProperty mapOffered = new SimpleBooleanProperty();
  private final BooleanProperty applyMap = new SimpleBooleanProperty();
  private final StringProperty mapHint = new SimpleStringProperty("");

  /** One row of the mapping table: a target value and the class it stands for (blank: none). */
  public static final class Mapping {
    private final String value;
    private final StringProperty modelClass = new SimpleStringProperty("");

    Mapping(String value, String modelClass) {
      this.value = value;
      this.modelClass.set(modelClass == null ? "" : modelClass);
    }

    public String value() {
      return value;
    }

    public StringProperty modelClassProperty() {
      return modelClass;
    }
  }

  /** What is remembered for a model version and dataset, read off the FX thread. */
  public record Remembered(OutputChoice outputs, Optional<TargetMap> targetMap) {
    public static Remembered load(OutputChoices choices, ModelVersion model, DatasetVersion data) {
      return new Remembered(
          model == null ? OutputChoice.AUTOMATIC : choices.outputs(model),
          model == null || data == null ? Optional.empty() : choices.targetMap(model, data.name()));
    }
  }

  /**
   * Loads in the background what is remembered for the selected model and dataset and offers it
   * ({@link #update}), unless the selection changed meanwhile; with no model selected, empties the
   * choices at once. The Evaluations and Compare screens both call this when their selection
   * changes.
   */
  public void follow(
      dev.assay.ui.common.BackgroundTasks tasks,
      OutputChoices remembered,
      javafx.beans.value.ObservableValue<ModelVersion> model,
      javafx.beans.value.ObservableValue<DatasetVersion> dataset,
      javafx.beans.value.ObservableValue<String> target,
      java.util.function.Consumer<Throwable> onFailure) {
    ModelVersion m = model.getValue();
    DatasetVersion d = dataset.getValue();
    String t = target.getValue();
    if (m == null) {
      update(null, d, t, null);
      return;
    }
    tasks.run(
        "Reading remembered outputs",
        () -> Remembered.load(remembered, m, d),
        kept -> {
          if (m.equals(model.getValue())
              && d == dataset.getValue()
              && java.util.Objects.equals(t, target.getValue())) {
            update(m, d, t, kept);
          }
        },
        onFailure);
  }

  /**
   * Offers the outputs of {@code model} and, for {@code target} of {@code data}, the mapping table
   * when its values are not the model's classes; prefilled from what is remembered.
   */
  public void update(ModelVersion model, DatasetVersion data, String target, Remembered kept) {
    probabilityOutputs.setAll(AUTOMATIC);
    labelOutputs.setAll(AUTOMATIC);
    mappings.clear();
    mapOffered.set(false);
    applyMap.set(false);
    mapHint.set("");
    if (model == null) {
      return;
    }
    for (ValueSignature out : model.inspection().outputs()) {
      String type = out.elementType();
      if (type == null || type.equals("float") || type.equals("double")) {
        probabilityOutputs.add(out.name());
      } else {
        labelOutputs.add(out.name());
      }
    }
    OutputChoice outputs = kept == null ? OutputChoice.AUTOMATIC : kept.outputs();
    probabilitiesOutput.set(orAutomatic(outputs.probabilities()));
    labelOutput.set(orAutomatic(outputs.label()));
    List<String> classes = classes(model);
    List<String> values = targetValues(data, target);
    if (classes.isEmpty() || values.isEmpty()) {
      return;
    }
    boolean allMatch = values.stream().allMatch(v -> ClassLabels.indexOf(classes, v) >= 0);
    TargetMap remembered = kept == null ? null : kept.targetMap().orElse(null);
    if (allMatch && remembered == null) {
      return;
    }
    TargetMap prefill = remembered != null ? remembered : TargetMap.obvious(values, classes);
    for (String value : values) {
      mappings.add(new Mapping(value, prefill.values().get(value)));
    }
    mapOffered.set(true);
    applyMap.set(remembered != null);
    mapHint.set(
        "The target's values ("
            + String.join(", ", values)
            + ") are not the model's classes ("
            + String.join(", ", classes)
            + ")"
            + (remembered != null
                ? "; the mapping used before is filled in."
                : prefill.isEmpty()
                    ? "; map each value to a class."
                    : "; a mapping in sorted order is suggested: check it, then apply it."));
  }

  /** The outputs chosen; automatic where {@link #AUTOMATIC}. */
  public OutputChoice outputs() {
    return new OutputChoice(probabilitiesOutput.get(), labelOutput.get());
  }

  /** The mapping, when offered and applied; else {@link TargetMap#NONE}. */
  public TargetMap targetMap() {
    if (!mapOffered.get() || !applyMap.get()) {
      return TargetMap.NONE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Mapping m : mappings) {
      String c = m.modelClassProperty().get();
      if (c != null && !c.isBlank()) {
        values.put(m.value(), c.strip());
      }
    }
    return new TargetMap(values);
  }

  /** The model's classes when they can be known before a run: metadata, else [N, C] columns. */
  static List<String> classes(ModelVersion model) {
    if (ModelMetadata.declaresClassLabels(model.inspection())) {
      return ModelMetadata.list(model.inspection(), ModelMetadata.CLASS_LABELS, Json.newMapper());
    }
    for (ValueSignature out : model.inspection().outputs()) {
      List<Object> shape = out.shape();
      if ("float".equals(out.elementType())
          && shape != null
          && shape.size() == 2
          && shape.get(1) instanceof Number n
          && n.intValue() > 1) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n.intValue(); i++) {
          labels.add(Integer.toString(i));
        }
        return labels;
      }
    }
    return List.of();
  }

  /** The target's distinct values from the dataset's profile, when it knows them all. */
  static List<String> targetValues(DatasetVersion data, String target) {
    if (data == null || target == null) {
      return List.of();
    }
    for (ColumnProfile column : data.profile().columns()) {
      if (!column.name().equals(target) || column.distinctCapped()) {
        continue;
      }
      if (!column.topCategories().isEmpty() && column.distinct() <= column.topCategories().size()) {
        List<String> values = new ArrayList<>();
        column.topCategories().forEach(c -> values.add(c.value()));
        values.sort(ClassLabels.NATURAL);
        return values;
      }
      if (column.distinct() == 2 && column.min() != null && column.max() != null) {
        return List.of(number(column.min()), number(column.max()));
      }
    }
    return List.of();
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String orAutomatic(String name) {
    return name == null ? AUTOMATIC : name;
  }

  public ObservableList<String> probabilityOutputs() {
    return probabilityOutputs;
  }

  public ObservableList<String> labelOutputs() {
    return labelOutputs;
  }

  public StringProperty probabilitiesOutputProperty() {
    return probabilitiesOutput;
  }

  public StringProperty labelOutputProperty() {
    return labelOutput;
  }

  public ObservableList<Mapping> mappings() {
    return mappings;
  }

  public BooleanProperty mapOfferedProperty() {
    return mapOffered;
  }

  public BooleanProperty applyMapProperty() {
    return applyMap;
  }

  public StringProperty mapHintProperty() {
    return mapHint;
  }
}
