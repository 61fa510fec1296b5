package dev.assay.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list-detail state the Drift and Explanations screens share, without a window. */
class ListDetailTest {
  private record Item(long id, String name) {}

  private final List<Item> stored = new ArrayList<>();
  private final List<String> details = new ArrayList<>();

  private ListDetail<Item, String> state(BackgroundTasks tasks) {
    return new ListDetail<Item, String>(
            tasks,
            "the items",
            "item",
            () -> List.copyOf(stored),
            Item::id,
            id -> {
              if (id == 13) {
                throw new IllegalStateException("item 13 is unreadable");
              }
              return "detail of " + id;
            })
        .onDetail(d -> details.add(String.valueOf(d)));
  }

  @Test
  void activatingSelectsTheFirstThenKeepsTheSelectionAcrossARefresh() throws Exception {
    try (BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      ListDetail<Item, String> state = state(tasks);
      stored.add(new Item(2, "b"));
      stored.add(new Item(1, "a"));
      FxThread.run(state::onActivate);
      assertThat(state.items()).extracting(Item::id).containsExactly(2L, 1L);
      assertThat(state.selectedProperty().get().id()).isEqualTo(2);
      assertThat(state.detailProperty().get()).isEqualTo("detail of 2");

      FxThread.run(() -> state.selectedProperty().set(state.items().get(1)));
      stored.addFirst(new Item(3, "c"));
      FxThread.run(state::refresh);
      assertThat(state.items()).extracting(Item::id).containsExactly(3L, 2L, 1L);
      assertThat(state.selectedProperty().get().id()).isEqualTo(1);
      assertThat(state.detailProperty().get()).isEqualTo("detail of 1");
      assertThat(details).containsExactly("detail of 2", "detail of 1");

      stored.clear();
      FxThread.run(state::refresh);
      assertThat(state.selectedProperty().get()).isNull();
      assertThat(state.detailProperty().get()).isNull();
      assertThat(details).last().isEqualTo("null");
      assertThat(state.errorProperty().get()).isNull();
    }
  }

  @Test
  void anUnreadableDetailSaysWhichListCouldNotBeRead() throws Exception {
    try (BackgroundTasks tasks = BackgroundTasks.onCallingThread()) {
      ListDetail<Item, String> state = state(tasks);
      stored.add(new Item(13, "bad"));
      FxThread.run(state::refresh);
      assertThat(state.errorProperty().get())
          .isEqualTo("Cannot read the items: item 13 is unreadable");
      assertThat(state.detailProperty().get()).isNull();
    }
  }
}
