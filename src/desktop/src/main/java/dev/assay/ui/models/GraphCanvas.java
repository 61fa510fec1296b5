package dev.assay.ui.models;

import dev.assay.core.model.ModelGraph.Kind;
import dev.assay.core.model.ModelGraph.Vertex;
import dev.assay.ui.models.GraphLayout.Box;
import dev.assay.ui.models.GraphLayout.Placed;
import java.util.BitSet;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws a laid-out graph on one canvas the size of the viewport: only what is visible is drawn, so
 * panning and zooming cost the same for 50 nodes or 5,000. Drag pans, the wheel zooms around the
 * pointer, a click selects a box.
 */
final class GraphCanvas extends Pane {
  private static final double MIN_SCALE = 0.02;
  private static final double MAX_SCALE = 4;
  private static final Font TITLE = Font.font("System", FontWeight.BOLD, 12);
  private static final Font SUBTITLE = Font.font("System", 10);

  private final Canvas canvas = new Canvas();
  private Placed placed;
  private double[][] xs = new double[0][];
  private double[][] ys = new double[0][];
  private double[] routeBounds = new double[0];
  private double scale = 1;
  private double tx;
  private double ty;
  private int selected = -1;
  private BitSet matches = new BitSet();
  private IntConsumer onSelect = index -> {};
  private double dragX;
  private double dragY;
  private boolean dragged;
  private long lastDrawNanos;
  private long maxDrawNanos;

  GraphCanvas() {
    setId("graph-canvas");
    getChildren().add(canvas);
    setMinSize(0, 0);
    widthProperty().addListener((obs, old, now) -> resizeCanvas());
    heightProperty().addListener((obs, old, now) -> resizeCanvas());
    setOnMousePressed(
        e -> {
          dragX = e.getX();
          dragY = e.getY();
          dragged = false;
          requestFocus();
        });
    setOnMouseDragged(
        e -> {
          dragged = true;
          panBy(e.getX() - dragX, e.getY() - dragY);
          dragX = e.getX();
          dragY = e.getY();
        });
    setOnMouseReleased(
        e -> {
          if (!dragged && e.getButton() == MouseButton.PRIMARY && placed != null) {
            select(placed.hit((e.getX() - tx) / scale, (e.getY() - ty) / scale));
          }
        });
    setOnScroll(
        e -> {
          if (e.getDeltaY() != 0) {
            zoomBy(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
          }
        });
    setFocusTraversable(true);
  }

  void setOnSelect(IntConsumer onSelect) {
    this.onSelect = onSelect;
  }

  void setGraph(Placed placed) {
    this.placed = placed;
    int n = placed.routes().size();
    xs = new double[n][];
    ys = new double[n][];
    routeBounds = new double[4 * n];
    for (int i = 0; i < n; i++) {
      double[] p = placed.routes().get(i).points();
      xs[i] = new double[p.length / 2];
      ys[i] = new double[p.length / 2];
      double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
      double maxY = -Double.MAX_VALUE;
      for (int k = 0; k < p.length / 2; k++) {
        xs[i][k] = p[2 * k];
        ys[i][k] = p[2 * k + 1];
        minX = Math.min(minX, xs[i][k]);
        maxX = Math.max(maxX, xs[i][k]);
        minY = Math.min(minY, ys[i][k]);
        maxY = Math.max(maxY, ys[i][k]);
      }
      routeBounds[4 * i] = minX;
      routeBounds[4 * i + 1] = minY;
      routeBounds[4 * i + 2] = maxX;
      routeBounds[4 * i + 3] = maxY;
    }
    selected = -1;
    matches = new BitSet();
    fit();
  }

  Placed placed() {
    return placed;
  }

  double scale() {
    return scale;
  }

  /** Scales the whole drawing into the viewport (never above zoom 1) and centres it. */
  void fit() {
    if (placed == null || getWidth() <= 0 || getHeight() <= 0) {
      draw();
      return;
    }
    double fitScale =
        Math.min(getWidth() / (placed.width() + 40), getHeight() / (placed.height() + 40));
    scale = Math.clamp(fitScale, MIN_SCALE, 1);
    tx = (getWidth() - placed.width() * scale) / 2;
    ty = Math.max(10, (getHeight() - placed.height() * scale) / 2);
    if (fitScale < 0.25) {
      ty = 10; // a tall graph starts at its inputs
    }
    draw();
  }

  void panBy(double dx, double dy) {
    tx += dx;
    ty += dy;
    draw();
  }

  void zoomBy(double factor, double aroundX, double aroundY) {
    double next = Math.clamp(scale * factor, MIN_SCALE, MAX_SCALE);
    tx = aroundX - (aroundX - tx) * next / scale;
    ty = aroundY - (aroundY - ty) * next / scale;
    scale = next;
    draw();
  }

  void zoomBy(double factor) {
    zoomBy(factor, getWidth() / 2, getHeight() / 2);
  }

  /** Selects a vertex (-1: none) and tells the listener. */
  void select(int index) {
    selected = index;
    onSelect.accept(index);
    draw();
  }

  int selected() {
    return selected;
  }

  /** Centres the view on a vertex at a readable zoom. */
  void centreOn(int index) {
    Box box = placed.boxes().get(index);
    scale = Math.max(scale, 0.8);
    tx = getWidth() / 2 - (box.x() + box.width() / 2) * scale;
    ty = getHeight() / 2 - (box.y() + box.height() / 2) * scale;
    draw();
  }

  void setMatches(BitSet matches) {
    this.matches = matches;
    draw();
  }

  /** How long the last redraw took on the FX thread, and the longest so far. */
  long lastDrawNanos() {
    return lastDrawNanos;
  }

  long maxDrawNanos() {
    return maxDrawNanos;
  }

  private void resizeCanvas() {
    boolean first = canvas.getWidth() == 0;
    canvas.setWidth(getWidth());
    canvas.setHeight(getHeight());
    if (first) {
      fit();
    } else {
      draw();
    }
  }

  void draw() {
    long start = System.nanoTime();
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
    if (placed == null) {
      return;
    }
    double left = -tx / scale;
    double top = -ty / scale;
    double right = left + canvas.getWidth() / scale;
    double bottom = top + canvas.getHeight() / scale;
    g.setTransform(scale, 0, 0, scale, tx, ty);

    g.setStroke(Color.web("#8a8f98"));
    g.setLineWidth(Math.max(1 / scale, 1));
    g.setFill(Color.web("#8a8f98"));
    boolean arrows = scale > 0.3;
    for (int i = 0; i < xs.length; i++) {
      if (routeBounds[4 * i + 2] < left
          || routeBounds[4 * i] > right
          || routeBounds[4 * i + 3] < top
          || routeBounds[4 * i + 1] > bottom) {
        continue;
      }
      g.strokePolyline(xs[i], ys[i], xs[i].length);
      if (arrows) {
        int last = xs[i].length - 1;
        double x = xs[i][last];
        double y = ys[i][last];
        g.fillPolygon(new double[] {x - 4, x + 4, x}, new double[] {y - 7, y - 7, y}, 3);
      }
    }

    boolean text = scale * 12 >= 5;
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.CENTER);
    for (int i = 0; i < placed.boxes().size(); i++) {
      Box b = placed.boxes().get(i);
      if (b.x() > right || b.x() + b.width() < left || b.y() > bottom || b.y() + b.height() < top) {
        continue;
      }
      Vertex v = placed.graph().vertices().get(i);
      g.setFill(colour(v));
      g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 8, 8);
      if (i == selected || matches.get(i)) {
        g.setStroke(i == selected ? Color.web("#0a58ca") : Color.web("#e8590c"));
        g.setLineWidth(Math.max(3, 2 / scale));
        g.strokeRoundRect(b.x(), b.y(), b.width(), b.height(), 8, 8);
      }
      if (text) {
        g.setFill(v.kind() == Kind.NODE ? Color.WHITE : Color.web("#1b1f24"));
        double cx = b.x() + b.width() / 2;
        boolean two = !v.subtitle().isEmpty();
        g.setFont(TITLE);
        g.fillText(v.title(), cx, b.y() + (two ? 13 : b.height() / 2), b.width() - 8);
        if (two) {
          g.setFont(SUBTITLE);
          g.fillText(v.subtitle(), cx, b.y() + 28, b.width() - 8);
        }
      }
    }
    lastDrawNanos = System.nanoTime() - start;
    maxDrawNanos = Math.max(maxDrawNanos, lastDrawNanos);
  }

  /** Netron's colour families, darkened so white text meets WCAG AA (4.5:1). */
  static Color colour(Vertex v) {
    if (v.kind() != Kind.NODE) {
      return Color.web("#d9dde3");
    }
    String op = v.title().toLowerCase(Locale.ROOT);
    if (op.contains("conv") || op.equals("gemm") || op.equals("matmul") || op.contains("linear")) {
      return Color.web("#1f5fa8"); // layers
    }
    if (op.contains("relu")
        || op.contains("sigmoid")
        || op.contains("softmax")
        || op.contains("tanh")
        || op.contains("gelu")
        || op.contains("elu")) {
      return Color.web("#8f2d2d"); // activations
    }
    if (op.contains("pool")) {
      return Color.web("#2f6b3a"); // pooling
    }
    if (op.contains("norm")) {
      return Color.web("#3b5f4a"); // normalisation
    }
    if (op.contains("reshape")
        || op.contains("transpose")
        || op.contains("concat")
        || op.contains("split")
        || op.contains("gather")
        || op.contains("slice")
        || op.contains("squeeze")
        || op.contains("flatten")
        || op.contains("shape")) {
      return Color.web("#6b4a2b"); // shape and tensor
    }
    if (op.equals("if") || op.equals("loop") || op.equals("scan")) {
      return Color.web("#5a3d8a"); // control flow: has subgraphs
    }
    return Color.web("#3d4650");
  }
}
