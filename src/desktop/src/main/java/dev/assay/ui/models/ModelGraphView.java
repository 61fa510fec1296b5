package dev.assay.ui.models;

import dev.assay.core.model.ModelGraph;
import dev.assay.core.model.ModelGraph.Subgraph;
import dev.assay.core.model.ModelGraph.Vertex;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.models.GraphLayout.Placed;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * A model's ONNX graph as Netron draws it: boxes for inputs, operators and outputs, laid out top to
 * bottom by ELK, zoomable, pannable and searchable; the selected box's inputs, initializers (shape
 * and size), outputs and attributes beside it; If/Loop/Scan bodies open in place.
 */
public final class ModelGraphView extends BorderPane {
  private final BackgroundTasks tasks;
  private final GraphCanvas canvas = new GraphCanvas();
  private final ListView<String> details = new ListView<>();
  private final VBox subgraphButtons = new VBox(4);
  private final Label status = new Label("Reading the graph…");
  private final TextField search = new TextField();
  private final Button back = new Button("Back");
  private final ProgressBar layoutProgress = new ProgressBar();
  private final Button cancel = new Button("Cancel");
  private javafx.concurrent.Task<Placed> layingOut;
  private final Deque<Placed> parents = new ArrayDeque<>();
  private final Deque<String> trail = new ArrayDeque<>();
  private int matchCursor = -1;
  private long lastLayoutMillis;

  public ModelGraphView(BackgroundTasks tasks) {
    this.tasks = tasks;
    setId("model-graph-view");
    status.setId("graph-status");
    details.setId("graph-details");
    // long value names and shapes wrap instead of running off the pane
    details.setCellFactory(
        list ->
            new javafx.scene.control.ListCell<>() {
              {
                setWrapText(true);
                prefWidthProperty().bind(list.widthProperty().subtract(24));
              }

              @Override
              protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
              }
            });
    search.setId("graph-search");
    search.setPromptText("Find operator or name (Enter: next)");
    search.setPrefColumnCount(22);
    search.setOnAction(e -> findNext());
    Button fit = new Button("Fit");
    fit.setId("graph-fit");
    fit.setTooltip(new Tooltip("Whole graph in view (0)"));
    fit.setOnAction(e -> canvas.fit());
    Button zoomIn = new Button("+");
    zoomIn.setId("graph-zoom-in");
    zoomIn.setOnAction(e -> canvas.zoomBy(1.25));
    Button zoomOut = new Button("−");
    zoomOut.setId("graph-zoom-out");
    zoomOut.setOnAction(e -> canvas.zoomBy(0.8));
    back.setId("graph-back");
    back.setDisable(true);
    back.setOnAction(e -> leaveSubgraph());
    layoutProgress.setId("graph-progress");
    layoutProgress.setPrefWidth(120);
    cancel.setId("graph-cancel");
    cancel.setOnAction(e -> cancelLayout());
    layoutEnded();
    ToolBar toolbar =
        new ToolBar(back, fit, zoomIn, zoomOut, search, layoutProgress, cancel, status);

    Label hint = new Label("Select a box to see its inputs, initializers and attributes.");
    hint.setWrapText(true);
    hint.getStyleClass().add("hint");
    details.setPlaceholder(hint);
    VBox side = new VBox(6, details, subgraphButtons);
    side.setPadding(new Insets(4));
    VBox.setVgrow(details, javafx.scene.layout.Priority.ALWAYS);
    SplitPane split = new SplitPane(canvas, side);
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.72);
    setTop(toolbar);
    setCenter(split);

    canvas.setOnSelect(this::showDetails);
    canvas.setOnKeyPressed(
        e -> {
          switch (e.getCode()) {
            case LEFT -> canvas.panBy(60, 0);
            case RIGHT -> canvas.panBy(-60, 0);
            case UP -> canvas.panBy(0, 60);
            case DOWN -> canvas.panBy(0, -60);
            case PLUS, EQUALS, ADD -> canvas.zoomBy(1.25);
            case MINUS, SUBTRACT -> canvas.zoomBy(0.8);
            case DIGIT0, NUMPAD0 -> canvas.fit();
            default -> {
              return;
            }
          }
          e.consume();
        });
    setOnKeyPressed(
        e -> {
          if (e.isShortcutDown() && e.getCode() == KeyCode.F) {
            search.requestFocus();
            e.consume();
          }
        });
  }

  /** Reads and lays out the graph in the background, then draws it. */
  public void open(String title, Supplier<ModelGraph> source) {
    status.setText("Reading and laying out " + title + "…");
    layingOut =
        tasks
            .job(
                "Laying out the graph of " + title,
                (progress, cancellation) -> {
                  ModelGraph graph = source.get();
                  long start = System.nanoTime();
                  Placed placed = GraphLayout.layout(graph, progress, cancellation);
                  lastLayoutMillis = (System.nanoTime() - start) / 1_000_000;
                  return placed;
                })
            .whenDone(this::layoutEnded)
            .onSuccess(
                placed -> {
                  parents.clear();
                  trail.clear();
                  trail.push(title);
                  show(placed);
                })
            .onFailure(failure -> status.setText("Cannot draw the graph: " + failure.getMessage()))
            .onCancel(() -> status.setText("Layout of " + title + " cancelled"))
            .task();
    // a big graph is laid out in parts: the bar follows them and Cancel stops the layout
    layoutProgress.progressProperty().bind(layingOut.progressProperty());
    layoutProgress.setVisible(true);
    layoutProgress.setManaged(true);
    cancel.setVisible(true);
    cancel.setManaged(true);
    javafx.concurrent.Task<Placed> task = layingOut;
    layingOut
        .messageProperty()
        .addListener(
            (obs, old, message) -> {
              // a part's message can arrive after Cancel (or the end) has set the status
              if (task.isRunning() && message != null && message.startsWith("Laid out")) {
                status.setText(message + " of " + title + "…");
              }
            });
    tasks.submit(layingOut);
  }

  private void layoutEnded() {
    layoutProgress.progressProperty().unbind();
    layoutProgress.setVisible(false);
    layoutProgress.setManaged(false);
    cancel.setVisible(false);
    cancel.setManaged(false);
  }

  /** Stops the layout in progress, if any. */
  void cancelLayout() {
    if (layingOut != null) {
      layingOut.cancel();
    }
  }

  /** Shows an already laid-out graph (tests, subgraphs). */
  void show(Placed placed) {
    canvas.setGraph(placed);
    back.setDisable(parents.isEmpty());
    details.getItems().clear();
    subgraphButtons.getChildren().clear();
    matchCursor = -1;
    status.setText(
        String.join(" › ", trail.reversed())
            + String.format(
                Locale.ROOT,
                ": %d nodes, %d edges, %d initializers",
                placed.graph().nodeCount(),
                placed.graph().edges().size(),
                placed.graph().initializers().size()));
  }

  private void showDetails(int index) {
    subgraphButtons.getChildren().clear();
    if (index < 0) {
      details.getItems().clear();
      return;
    }
    Vertex vertex = canvas.placed().graph().vertices().get(index);
    details.getItems().setAll(vertex.details());
    for (Subgraph sub : vertex.subgraphs()) {
      Button open =
          new Button("Open " + sub.attribute() + " (" + sub.graph().nodeCount() + " nodes)");
      open.setMaxWidth(Double.MAX_VALUE);
      open.setOnAction(e -> enterSubgraph(vertex, sub));
      subgraphButtons.getChildren().add(open);
    }
  }

  private void enterSubgraph(Vertex owner, Subgraph sub) {
    Placed here = canvas.placed();
    String name = owner.title() + (owner.subtitle().isEmpty() ? "" : " " + owner.subtitle());
    tasks.run(
        "Laying out " + sub.attribute(),
        () -> GraphLayout.layout(sub.graph()),
        placed -> {
          parents.push(here);
          trail.push(name + "." + sub.attribute());
          show(placed);
        },
        failure -> status.setText("Cannot draw the subgraph: " + failure.getMessage()));
  }

  private void leaveSubgraph() {
    if (!parents.isEmpty()) {
      trail.pop();
      Placed parent = parents.pop();
      show(parent);
    }
  }

  /** Marks every box whose operator or name contains the search text; centres on the next one. */
  void findNext() {
    Placed placed = canvas.placed();
    String text = search.getText().strip().toLowerCase(Locale.ROOT);
    if (placed == null || text.isEmpty()) {
      canvas.setMatches(new BitSet());
      return;
    }
    BitSet matches = new BitSet();
    for (Vertex v : placed.graph().vertices()) {
      if (v.title().toLowerCase(Locale.ROOT).contains(text)
          || v.subtitle().toLowerCase(Locale.ROOT).contains(text)) {
        matches.set(v.index());
      }
    }
    canvas.setMatches(matches);
    if (matches.isEmpty()) {
      status.setText("No box matches \"" + search.getText().strip() + "\"");
      return;
    }
    int next = matches.nextSetBit(matchCursor + 1);
    matchCursor = next < 0 ? matches.nextSetBit(0) : next;
    canvas.centreOn(matchCursor);
    canvas.select(matchCursor);
    status.setText(
        "Match "
            + (matches.get(0, matchCursor + 1).cardinality())
            + " of "
            + matches.cardinality());
  }

  GraphCanvas canvas() {
    return canvas;
  }

  TextField searchField() {
    return search;
  }

  ListView<String> details() {
    return details;
  }

  /** Milliseconds the last {@link #open} spent in the ELK layout (off the FX thread). */
  long lastLayoutMillis() {
    return lastLayoutMillis;
  }
}
