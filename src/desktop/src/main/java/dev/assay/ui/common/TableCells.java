package dev.assay.ui.common;

import java.util.function.Function;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Table cells that show all of their text: long text wraps onto more lines (the row grows) instead
 * of ending in an ellipsis, and a SHA-256 is shown short with the full hash in its tooltip and a
 * "Copy SHA-256" action.
 */
public final class TableCells {
  /** How many hex digits of a SHA-256 a table shows (as {@code git log --oneline} does). */
  public static final int SHORT_HASH = 12;

  private TableCells() {}

  /** A cell that wraps its text at the column's width and shows the whole text as its tooltip. */
  public static <S> TableCell<S, String> wrapping() {
    return new WrappingCell<>();
  }

  /**
   * A column of SHA-256 hashes: the first {@value #SHORT_HASH} digits, wide enough for them, the
   * full hash in the tooltip and a context menu that copies it.
   */
  public static <S> TableColumn<S, String> sha256Column(Function<S, String> sha256) {
    TableColumn<S, String> column = new TableColumn<>("SHA-256");
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(sha256.apply(c.getValue())));
    column.setCellFactory(c -> new HashCell<>());
    column.setMinWidth(120);
    column.setPrefWidth(120);
    return column;
  }

  /**
   * A column of verdicts or states, coloured by the {@code verdict-fair} / {@code verdict-unfair}
   * style classes; {@code fair} says which texts are good (the text itself carries a mark, ✓ ✗ ⚠,
   * that reads without colour). Used by the Drift screen's verdicts and the Monitoring screen's
   * window states.
   */
  public static <S> TableColumn<S, String> verdictColumn(
      String name, Function<S, String> value, Predicate<String> fair) {
    TableColumn<S, String> column = new TableColumn<>(name);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    column.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().removeAll("verdict-fair", "verdict-unfair");
                if (!empty && text != null) {
                  getStyleClass().add(fair.test(text) ? "verdict-fair" : "verdict-unfair");
                }
              }
            });
    return column;
  }

  /**
   * Makes {@code table}'s rows fit wrapped text again when a column's width changes (the window or
   * a column is resized, or a constrained resize policy shares out the width): the rows are made
   * anew once, after the change, so that each measures its cells at their new width.
   */
  public static void refitRowsOnResize(TableView<?> table) {
    boolean[] pending = new boolean[1];
    InvalidationListener refit =
        o -> {
          if (!pending[0]) {
            pending[0] = true;
            Platform.runLater(
                () -> {
                  pending[0] = false;
                  table.refresh();
                });
          }
        };
    for (TableColumn<?, ?> column : table.getColumns()) {
      column.widthProperty().addListener(refit);
    }
  }

  /**
   * Keeps {@code column} at least as wide as its header's text (bold, with the header's padding),
   * so a constrained table never cuts the header off.
   */
  public static void fitHeader(TableColumn<?, ?> column) {
    javafx.scene.text.Text measure = new javafx.scene.text.Text(column.getText());
    measure.setFont(
        javafx.scene.text.Font.font(
            javafx.scene.text.Font.getDefault().getFamily(),
            javafx.scene.text.FontWeight.BOLD,
            14));
    column.setMinWidth(Math.ceil(measure.getLayoutBounds().getWidth()) + 24);
  }

  /** The first {@value #SHORT_HASH} digits of {@code sha256}. */
  public static String shortHash(String sha256) {
    return sha256 == null || sha256.length() <= SHORT_HASH
        ? sha256
        : sha256.substring(0, SHORT_HASH);
  }

  /** Puts {@code text} on the system clipboard. */
  public static void copy(String text) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }

  /**
   * A cell that wraps its text at its column's width. A table row asks its cells for their height
   * without a width; this cell answers for its column's width, so wrapped text gets the lines it
   * needs and the row grows.
   */
  public static class Wrapping<S, T> extends TableCell<S, T> {
    private static final double WRAP_SLACK = 4;

    public Wrapping() {
      setWrapText(true);
    }

    @Override
    protected double computePrefHeight(double width) {
      if (width >= 0 || getTableColumn() == null) {
        return super.computePrefHeight(width);
      }
      double oneLine = super.computePrefHeight(-1);
      double wrapped = super.computePrefHeight(getTableColumn().getWidth());
      // a few pixels to spare: the row lays the cell out within its own insets, and a wrapped
      // label short of its last line by a fraction of a pixel drops that line for an ellipsis
      return wrapped > oneLine ? wrapped + WRAP_SLACK : wrapped;
    }
  }

  /** A wrapping cell with its whole text as its tooltip. */
  static final class WrappingCell<S> extends Wrapping<S, String> {
    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null || item.isEmpty()) {
        setText(null);
        setTooltip(null);
      } else {
        setText(item);
        setTooltip(new Tooltip(item));
      }
    }
  }

  /** A SHA-256 shown short, full in the tooltip, copied by its context menu. */
  static final class HashCell<S> extends TableCell<S, String> {
    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setText(null);
        setTooltip(null);
        setContextMenu(null);
        return;
      }
      setText(shortHash(item));
      setTooltip(new Tooltip("SHA-256 " + item + "\nRight-click: copy"));
      MenuItem copy = new MenuItem("Copy SHA-256");
      copy.setOnAction(e -> copy(item));
      setContextMenu(new ContextMenu(copy));
    }
  }
}
