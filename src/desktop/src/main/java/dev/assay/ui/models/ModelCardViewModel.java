package dev.assay.ui.models;

import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.ModelCardStore;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ErrorSink;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/** The model card of the selected model version: loaded and saved in the background. */
public final class ModelCardViewModel {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

  private final ModelCardStore store;
  private final BackgroundTasks tasks;
  private final ReadOnlyObjectProperty<ModelVersion> selected;
  private final StringProperty owner = new SimpleStringProperty("");
  private final StringProperty intendedUse = new SimpleStringProperty("");
  private final StringProperty outOfScope = new SimpleStringProperty("");
  private final StringProperty limitations = new SimpleStringProperty("");
  private final StringProperty status = new SimpleStringProperty("");
  private final BooleanProperty dirty = new SimpleBooleanProperty();
  private final ErrorSink errors = new ErrorSink();
  private boolean loading;

  public ModelCardViewModel(
      ModelCardStore store, BackgroundTasks tasks, ObjectProperty<ModelVersion> selected) {
    this.store = store;
    this.tasks = tasks;
    this.selected = selected;
    selected.addListener((obs, old, now) -> load(now));
    for (StringProperty field :
        new StringProperty[] {owner, intendedUse, outOfScope, limitations}) {
      field.addListener((obs, old, now) -> dirty.set(!loading));
    }
  }

  public void setErrorSink(Consumer<String> sink) {
    errors.set(sink);
  }

  private void load(ModelVersion version) {
    if (version == null) {
      show(ModelCard.EMPTY);
      return;
    }
    tasks.run(
        "Loading the model card of " + version.ref(),
        () -> store.get(version),
        card -> {
          if (selected.get() != null && selected.get().id() == version.id()) {
            show(card);
          }
        },
        errors::fail);
  }

  /** Saves the four fields for the selected version. */
  public Task<ModelCard> save() {
    ModelVersion version = selected.get();
    if (version == null) {
      return null;
    }
    ModelCard card =
        ModelCard.of(owner.get(), intendedUse.get(), outOfScope.get(), limitations.get());
    return tasks.run(
        "Saving the model card of " + version.ref(),
        () -> store.save(version, card),
        this::show,
        errors::fail);
  }

  private void show(ModelCard card) {
    loading = true;
    owner.set(card.owner());
    intendedUse.set(card.intendedUse());
    outOfScope.set(card.outOfScope());
    limitations.set(card.limitations());
    loading = false;
    dirty.set(false);
    status.set(
        card.updatedAt() == null
            ? "Not written yet. The card is shown on the Summary sheet of compliance workbooks."
            : "Saved " + WHEN.format(card.updatedAt()) + " by " + card.updatedBy() + ".");
  }

  public StringProperty ownerProperty() {
    return owner;
  }

  public StringProperty intendedUseProperty() {
    return intendedUse;
  }

  public StringProperty outOfScopeProperty() {
    return outOfScope;
  }

  public StringProperty limitationsProperty() {
    return limitations;
  }

  /** When it was saved and by whom, or that it is not written yet. */
  public StringProperty statusProperty() {
    return status;
  }

  /** Whether a field was edited since the card was loaded or saved. */
  public BooleanProperty dirtyProperty() {
    return dirty;
  }
}
