package dev.assay.ui.common;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state of a list-detail screen over stored items (drift reports, explanations): the list,
 * newest first, read in the background; the selected item, kept across a refresh when it is still
 * there (else the first); its detail, read in the background when the selection changes; and one
 * error line. {@link #onDetail} fills the screen's dependent lists (null when nothing is selected).
 *
 * @param <S> a stored item's summary, as listed
 * @param <D> an item's detail, as the screen shows it
 */
public final class ListDetail<S, D> implements Activatable {
  private final BackgroundTasks tasks;
  private final String plural;
  private final String singular;
  private final Supplier<List<S>> lister;
  private final ToLongFunction<S> id;
  private final LongFunction<D> reader;
  private final ObservableList<S> items = FXCollections.observableArrayList();
  private final ObjectProperty<S> selected = new SimpleObjectProperty<>();
  private final ObjectProperty<D> detail = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private Consumer<D> onDetail = d -> {};

  /**
   * @param plural what the list holds, for messages: {@code the drift reports}
   * @param singular one item, for messages: {@code drift report}
   * @param lister reads the list (off the FX thread)
   * @param id an item's id
   * @param reader reads an item's detail by id (off the FX thread)
   */
  public ListDetail(
      BackgroundTasks tasks,
      String plural,
      String singular,
      Supplier<List<S>> lister,
      ToLongFunction<S> id,
      LongFunction<D> reader) {
    this.tasks = tasks;
    this.plural = plural;
    this.singular = singular;
    this.lister = lister;
    this.id = id;
    this.reader = reader;
    selected.addListener((obs, old, now) -> load(now));
  }

  /** Also gives each new detail (null when nothing is selected) to {@code consumer}. */
  public ListDetail<S, D> onDetail(Consumer<D> consumer) {
    this.onDetail = consumer;
    return this;
  }

  @Override
  public void onActivate() {
    refresh();
  }

  /** Reads the list in the background and keeps the selection when it is still there. */
  public void refresh() {
    tasks.run("Reading " + plural, lister, this::show, this::fail);
  }

  /** Shows {@code list} (on the FX thread). */
  public void show(List<S> list) {
    error.set(null);
    S keep = selected.get();
    items.setAll(list);
    S again =
        list.stream()
            .filter(s -> keep != null && id.applyAsLong(s) == id.applyAsLong(keep))
            .findFirst()
            .orElse(list.isEmpty() ? null : list.getFirst());
    if (again == null || keep == null || id.applyAsLong(again) != id.applyAsLong(keep)) {
      selected.set(again);
    }
  }

  private void load(S summary) {
    if (summary == null) {
      detail.set(null);
      onDetail.accept(null);
      return;
    }
    long itemId = id.applyAsLong(summary);
    tasks.run(
        "Reading " + singular + " " + itemId,
        () -> reader.apply(itemId),
        d -> {
          error.set(null);
          detail.set(d);
          onDetail.accept(d);
        },
        this::fail);
  }

  private void fail(Throwable e) {
    error.set("Cannot read " + plural + ": " + e.getMessage());
  }

  public ObservableList<S> items() {
    return items;
  }

  public ObjectProperty<S> selectedProperty() {
    return selected;
  }

  public ObjectProperty<D> detailProperty() {
    return detail;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }
}
