package dev.assay.ui.drift;

import dev.assay.core.AssayException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.ContractCheck;
import dev.assay.core.drift.ContractEdit;
import dev.assay.core.drift.DataContract;
import dev.assay.core.driftreports.ContractInference;
import dev.assay.core.driftreports.DataContractStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.ui.common.BackgroundTasks;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Drift screen's Contracts tab: a model version's data contract, inferred from a reference
 * dataset (types, ranges, allowed categories, largest missing rate), edited rule by rule, kept as a
 * new audited revision ({@link DataContractStore}), and a dataset checked against it. A bad value
 * is refused with one line in {@link #errorProperty()} and the contract stays as it was.
 */
public final class ContractViewModel {
  /** One column's rules as the table shows them; an empty cell is a rule not checked. */
  public record RuleRow(
      String column,
      String kind,
      String required,
      String min,
      String max,
      String infinities,
      String categories,
      String maxMissingRate) {}

  /** One violation as the table shows it. */
  public record ViolationRow(
      String column, String rule, long count, String exampleRows, String detail) {}

  private final DataContractStore store;
  private final DatasetRegistry datasets;
  private final ModelRegistry models;
  private final BackgroundTasks tasks;
  private final ObservableList<ModelVersion> modelList = FXCollections.observableArrayList();
  private final ObservableList<DatasetVersion> datasetList = FXCollections.observableArrayList();
  private final ObjectProperty<ModelVersion> model = new SimpleObjectProperty<>();
  private final ObjectProperty<DatasetVersion> reference = new SimpleObjectProperty<>();
  private final ObjectProperty<DatasetVersion> checked = new SimpleObjectProperty<>();
  private final ObjectProperty<DataContract> contract = new SimpleObjectProperty<>();
  private final ObservableList<RuleRow> rules = FXCollections.observableArrayList();
  private final ObservableList<ViolationRow> violations = FXCollections.observableArrayList();
  private final StringProperty status = new SimpleStringProperty("");
  private final StringProperty checkSummary = new SimpleStringProperty("");
  private final StringProperty error = new SimpleStringProperty("");
  private final BooleanProperty dirty = new SimpleBooleanProperty();

  /** What the contract shown came from: "inferred from D" or "revision N". */
  private String source = "";

  private boolean edited;
  private Long sourceDataset;

  public ContractViewModel(
      DataContractStore store,
      DatasetRegistry datasets,
      ModelRegistry models,
      BackgroundTasks tasks) {
    this.store = store;
    this.datasets = datasets;
    this.models = models;
    this.tasks = tasks;
    model.addListener((obs, old, now) -> load(now));
    contract.addListener((obs, old, now) -> rules.setAll(rows(now)));
  }

  /** Reads the model versions and datasets in the background. */
  public void refresh() {
    tasks.run(
        "Reading models and datasets",
        () -> List.of(models.list(), datasets.list()),
        lists -> {
          @SuppressWarnings("unchecked")
          List<ModelVersion> m = (List<ModelVersion>) lists.get(0);
          @SuppressWarnings("unchecked")
          List<DatasetVersion> d = (List<DatasetVersion>) lists.get(1);
          ModelVersion keptModel = model.get();
          modelList.setAll(m);
          datasetList.setAll(d);
          if (keptModel == null && !m.isEmpty()) {
            model.set(m.get(0));
          }
        },
        this::fail);
  }

  private void load(ModelVersion version) {
    violations.clear();
    checkSummary.set("");
    error.set("");
    if (version == null) {
      show(null, "");
      return;
    }
    tasks.run(
        "Reading the data contract of " + version.ref(),
        () -> store.latest(version.id()),
        stored -> {
          if (model.get() != null && model.get().id() == version.id()) {
            showStored(version, stored);
          }
        },
        this::fail);
  }

  private void showStored(ModelVersion version, Optional<DataContractStore.Stored> stored) {
    if (stored.isEmpty()) {
      show(
          null,
          version.ref() + " keeps no data contract. Choose a reference dataset and infer one.");
      source = "";
      sourceDataset = null;
      return;
    }
    DataContractStore.Stored s = stored.get();
    source = "revision " + s.revision();
    edited = false;
    sourceDataset = null;
    show(
        s.contract(),
        String.format(
            Locale.ROOT,
            "Revision %d of %s (%s), saved %s by %s.",
            s.revision(),
            version.ref(),
            s.source(),
            s.createdAt().toString().replace('T', ' ').replaceAll("\\.\\d+", ""),
            s.createdBy()));
  }

  private void show(DataContract c, String text) {
    contract.set(c);
    status.set(text);
    dirty.set(false);
  }

  /** Infers a contract from the chosen reference dataset, in the background. */
  public void infer() {
    DatasetVersion ref = reference.get();
    if (ref == null) {
      error.set("Choose a reference dataset to infer the contract from.");
      return;
    }
    error.set("");
    tasks.run(
        "Inferring a data contract from " + ref.ref(),
        () -> ContractInference.infer(datasets, ref),
        c -> {
          source = "inferred from " + ref.ref();
          edited = false;
          sourceDataset = ref.id();
          contract.set(c);
          violations.clear();
          checkSummary.set("");
          dirty.set(true);
          status.set(
              "Inferred from "
                  + ref.ref()
                  + ": "
                  + c.columns().size()
                  + " columns, not saved yet.");
        },
        this::fail);
  }

  /**
   * Sets one rule of one column from what the user typed.
   *
   * @return whether the value was taken; if not, {@link #errorProperty()} says why in one line
   */
  public boolean edit(String column, ContractEdit.Rule rule, String text) {
    if (contract.get() == null) {
      error.set("There is no contract to edit: infer one from a reference dataset first.");
      return false;
    }
    try {
      contract.set(ContractEdit.set(contract.get(), column, rule, text));
    } catch (AssayException e) {
      error.set(e.getMessage());
      return false;
    }
    error.set("");
    edited = true;
    dirty.set(true);
    status.set("Edited: " + rule.label() + " of " + column + ", not saved yet.");
    return true;
  }

  /** Keeps the contract as the model version's next revision (audited), in the background. */
  public void save() {
    ModelVersion version = model.get();
    DataContract c = contract.get();
    if (version == null || c == null) {
      error.set("Choose a model version and infer or load a contract before saving.");
      return;
    }
    error.set("");
    String from = source + (edited ? ", edited in the desktop" : " (desktop)");
    Long datasetId = sourceDataset;
    tasks.run(
        "Saving the data contract of " + version.ref(),
        () -> store.save(version.id(), version.ref(), c, from, datasetId),
        stored -> {
          if (model.get() != null && model.get().id() == version.id()) {
            showStored(version, Optional.of(stored));
          }
        },
        this::fail);
  }

  /** Checks the chosen dataset against the contract as shown (saved or not), in the background. */
  public void check() {
    DataContract c = contract.get();
    DatasetVersion d = checked.get();
    if (c == null || d == null) {
      error.set("Choose a dataset to check and infer or load a contract first.");
      return;
    }
    error.set("");
    tasks.run(
        "Checking " + d.ref() + " against the data contract",
        () -> ContractInference.check(datasets, c, d),
        result -> showCheck(d, result),
        this::fail);
  }

  private void showCheck(DatasetVersion d, ContractCheck.Result result) {
    violations.setAll(
        result.violations().stream()
            .map(
                v ->
                    new ViolationRow(
                        v.column(),
                        v.rule().id(),
                        v.count(),
                        v.exampleRows().toString(),
                        v.detail()))
            .toList());
    checkSummary.set(
        result.passed()
            ? String.format(Locale.ROOT, "✓ %s: %d rows, no violations", d.ref(), result.rows())
            : String.format(
                Locale.ROOT,
                "✗ %s: %d rows, %d violation%s%s",
                d.ref(),
                result.rows(),
                result.violations().size(),
                result.violations().size() == 1 ? "" : "s",
                dirty.get() ? " (against the unsaved contract)" : ""));
  }

  private void fail(Throwable e) {
    error.set(BackgroundTasks.describe(e));
  }

  static List<RuleRow> rows(DataContract c) {
    if (c == null) {
      return List.of();
    }
    return c.columns().stream()
        .map(
            col ->
                new RuleRow(
                    col.name(),
                    col.kind(),
                    col.required() ? "yes" : "no",
                    text(col.min()),
                    text(col.max()),
                    col.allowNonFinite() == null ? "" : col.allowNonFinite() ? "yes" : "no",
                    ContractEdit.categoriesText(col.categories()),
                    text(col.maxMissingRate())))
        .toList();
  }

  private static String text(Double v) {
    return v == null ? "" : Double.toString(v);
  }

  public ObservableList<ModelVersion> models() {
    return modelList;
  }

  public ObservableList<DatasetVersion> datasets() {
    return datasetList;
  }

  public ObjectProperty<ModelVersion> modelProperty() {
    return model;
  }

  public ObjectProperty<DatasetVersion> referenceProperty() {
    return reference;
  }

  public ObjectProperty<DatasetVersion> checkedProperty() {
    return checked;
  }

  /** The contract as shown and edited (saved or not), null when there is none. */
  public ObjectProperty<DataContract> contractProperty() {
    return contract;
  }

  public ObservableList<RuleRow> rules() {
    return rules;
  }

  public ObservableList<ViolationRow> violations() {
    return violations;
  }

  /** Which revision is shown, or what was inferred or edited and not saved. */
  public StringProperty statusProperty() {
    return status;
  }

  /** The last check's outcome line. */
  public StringProperty checkSummaryProperty() {
    return checkSummary;
  }

  /** The last refused value or failed action, in one line; empty when none. */
  public StringProperty errorProperty() {
    return error;
  }

  /** Whether the contract shown differs from the revision kept. */
  public BooleanProperty dirtyProperty() {
    return dirty;
  }
}
