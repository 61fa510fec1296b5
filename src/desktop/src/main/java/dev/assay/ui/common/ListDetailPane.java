package dev.assay.ui.common;

import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The layout of a list-detail screen ({@link ListDetail}): a title over a split pane, the stored
 * items on the left (a list whose selection follows the ViewModel's both ways, a placeholder when
 * there is none, and a Refresh button), the detail on the right.
 */
public final class ListDetailPane {
  private ListDetailPane() {}

  /**
   * Fills {@code screen}.
   *
   * @param ids the element ids: {@code prefix-list}, {@code prefix-empty}, {@code prefix-refresh}
   *     are {@code ids.list()}, {@code ids.empty()}, {@code ids.refresh()}
   * @param text an item's text in the list
   * @param emptyText what the list says when there is no item
   */
  public static <S> ListView<S> fill(
      BorderPane screen,
      String titleText,
      ListDetail<S, ?> state,
      Ids ids,
      Function<S, String> text,
      String emptyText,
      Node detail) {
    return fill(screen, titleText, state, ids, text, emptyText, detail, null);
  }

  /**
   * As {@link #fill}, with {@code belowList} (a form, or null for none) under the Refresh button.
   */
  public static <S> ListView<S> fill(
      BorderPane screen,
      String titleText,
      ListDetail<S, ?> state,
      Ids ids,
      Function<S, String> text,
      String emptyText,
      Node detail,
      Node belowList) {
    Label title = new Label(titleText);
    title.getStyleClass().add("placeholder-title");
    title.setWrapText(true);

    ListView<S> list = new ListView<>(state.items());
    list.setId(ids.list());
    list.setPrefWidth(280);
    list.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(S s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : text.apply(s));
              }
            });
    Label empty = new Label(emptyText);
    empty.setId(ids.empty());
    empty.setWrapText(true);
    list.setPlaceholder(empty);
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null) {
                state.selectedProperty().set(now);
              }
            });
    state
        .selectedProperty()
        .addListener(
            (obs, old, now) -> {
              if (list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
              }
            });
    Button refresh = new Button("Refresh");
    refresh.setId(ids.refresh());
    refresh.setOnAction(e -> state.refresh());
    VBox left = new VBox(6, list, refresh);
    if (belowList != null) {
      left.getChildren().add(belowList);
    }
    VBox.setVgrow(list, Priority.ALWAYS);

    SplitPane split = new SplitPane(left, detail);
    split.setDividerPositions(0.28);
    screen.setTop(title);
    screen.setCenter(split);
    screen.setPadding(new Insets(10));
    BorderPane.setMargin(title, new Insets(0, 0, 8, 0));
    return list;
  }

  /** A wrapping label for the detail side, with its element id. */
  public static Label label(String id) {
    Label label = new Label();
    label.setId(id);
    label.setWrapText(true);
    // all its lines, always: in a short window the tables give up height, not the text
    label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    return label;
  }

  /**
   * Shows {@code text} in {@code label}, coloured as a verdict: fair when {@code good}, unfair when
   * not, neither when {@code good} is null (nothing selected).
   */
  public static void verdict(Label label, String text, Boolean good) {
    label.setText(text);
    label.getStyleClass().removeAll("verdict-fair", "verdict-unfair");
    if (good != null) {
      label.getStyleClass().add(good ? "verdict-fair" : "verdict-unfair");
    }
  }

  /** The element ids of the list, its placeholder and the Refresh button. */
  public record Ids(String list, String empty, String refresh) {}
}
