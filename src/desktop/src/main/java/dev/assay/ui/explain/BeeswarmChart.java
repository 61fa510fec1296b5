package dev.assay.ui.explain;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;

/**
 * Draws a {@link Beeswarm}: feature names on the left, one line each, every explained row a dot at
 * its φ (on a canvas: a thousand rows are a thousand dots a line), a dashed zero line, the φ axis
 * below and on the right the colour legend (feature value low → high, grey: not a number). Every
 * part is laid out inside the chart's bounds (it clips to them).
 */
final class BeeswarmChart extends Region {
  private static final double PAD = 8;
  private static final double LEGEND = 16;

  private Beeswarm beeswarm;
  private final Canvas canvas = new Canvas();
  private final List<Label> names = new ArrayList<>();
  private final List<Label> ticks = new ArrayList<>();
  private final Label title = new Label();
  private final Label high = new Label("high");
  private final Label low = new Label("low");
  private final Label legendTitle = new Label("feature value");
  private final Label neutral = new Label("not a number");
  private final Rectangle gradient = new Rectangle();
  private final Circle neutralDot = new Circle(4, color(Double.NaN));
  private double radius;

  BeeswarmChart() {
    setId("explanation-beeswarm-chart");
    setStyle("-fx-background-color: -fx-background;");
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
    title.setId("explanation-beeswarm-axis");
    gradient.setFill(
        new LinearGradient(
            0, 1, 0, 0, true, CycleMethod.NO_CYCLE, new Stop(0, color(0)), new Stop(1, color(1))));
    setMinSize(0, 0);
  }

  Beeswarm beeswarm() {
    return beeswarm;
  }

  /** The dot radius last drawn, pixels (for tests). */
  double radius() {
    return radius;
  }

  void show(Beeswarm b) {
    beeswarm = b;
    names.clear();
    ticks.clear();
    getChildren().clear();
    if (b == null || b.lines().isEmpty()) {
      canvas.getGraphicsContext2D().clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
      return;
    }
    for (Beeswarm.Line line : b.lines()) {
      names.add(new Label(line.feature()));
    }
    for (double t : b.axis().ticks()) {
      ticks.add(new Label(WaterfallChart.tick(t, b.axis().step())));
    }
    title.setText("φ: contribution to the " + b.space() + " (SHAP value), one dot per row");
    getChildren().add(canvas);
    getChildren().addAll(names);
    getChildren().addAll(ticks);
    getChildren().addAll(title, gradient, high, low, legendTitle, neutralDot, neutral);
    requestLayout();
  }

  @Override
  protected void layoutChildren() {
    if (beeswarm == null || beeswarm.lines().isEmpty()) {
      return;
    }
    double w = getWidth();
    double h = getHeight();
    double line = title.prefHeight(-1);
    double nameWidth = names.stream().mapToDouble(l -> l.prefWidth(-1)).max().orElse(0);
    double legendWidth =
        Math.max(legendTitle.prefWidth(-1), LEGEND + 6 + Math.max(neutral.prefWidth(-1), 30));
    double left = PAD + nameWidth + 10;
    double right = w - PAD - legendWidth - 16;
    double top = PAD;
    double axisY = h - PAD - 2 * line - 6;
    int n = beeswarm.lines().size();
    double row = (axisY - 4 - top) / n;
    for (int i = 0; i < n; i++) {
      Label name = names.get(i);
      double nw = name.prefWidth(-1);
      name.resizeRelocate(PAD + nameWidth - nw, top + row * (i + 0.5) - line / 2, nw, line);
    }
    canvas.setLayoutX(left);
    canvas.setLayoutY(top);
    canvas.setWidth(Math.max(1, right - left));
    canvas.setHeight(Math.max(1, axisY - top));
    draw(row);
    AxisScale axis = beeswarm.axis();
    List<Double> values = axis.ticks();
    for (int k = 0; k < ticks.size(); k++) {
      Label t = ticks.get(k);
      double tw = t.prefWidth(-1);
      double x = axis.px(values.get(k), left, right - left) - tw / 2;
      t.resizeRelocate(Math.max(PAD / 2, Math.min(w - PAD / 2 - tw, x)), axisY + 2, tw, line);
    }
    double titleWidth = title.prefWidth(-1);
    title.resizeRelocate(
        Math.max(PAD / 2, (left + right) / 2 - titleWidth / 2), axisY + line + 4, titleWidth, line);
    // the legend: its title, "high" over a gradient bar over "low", then the neutral dot
    double lx = w - PAD - legendWidth;
    legendTitle.resizeRelocate(lx, top, legendTitle.prefWidth(-1), line);
    high.resizeRelocate(lx + LEGEND + 6, top + line + 2, high.prefWidth(-1), line);
    double barTop = top + line + 2;
    double barHeight = Math.max(line * 2, Math.min(160, axisY - barTop - 3 * line));
    gradient.setX(lx);
    gradient.setY(barTop);
    gradient.setWidth(LEGEND);
    gradient.setHeight(barHeight);
    low.resizeRelocate(lx + LEGEND + 6, barTop + barHeight - line, low.prefWidth(-1), line);
    double ny = barTop + barHeight + line;
    neutralDot.setCenterX(lx + LEGEND / 2);
    neutralDot.setCenterY(ny + line / 2);
    neutral.resizeRelocate(lx + LEGEND + 6, ny, neutral.prefWidth(-1), line);
  }

  private void draw(double row) {
    GraphicsContext g = canvas.getGraphicsContext2D();
    double cw = canvas.getWidth();
    g.clearRect(0, 0, cw, canvas.getHeight());
    AxisScale axis = beeswarm.axis();
    g.setStroke(Color.GRAY);
    g.setLineWidth(1);
    g.setLineDashes(4, 4);
    double zero = axis.px(0, 0, cw);
    g.strokeLine(zero, 0, zero, canvas.getHeight());
    g.setLineDashes();
    g.strokeLine(0, canvas.getHeight() - 0.5, cw, canvas.getHeight() - 0.5);
    g.setStroke(Color.gray(0.5, 0.35));
    radius = Math.max(1.5, Math.min(3.5, row / 8));
    // stacked dots keep within 45 % of a line either side of its centre
    double spacing =
        beeswarm.maxLayer() == 0 ? 0 : Math.min(radius * 1.6, row * 0.45 / beeswarm.maxLayer());
    for (int i = 0; i < beeswarm.lines().size(); i++) {
      double y = row * (i + 0.5);
      g.strokeLine(0, y, cw, y);
      for (Beeswarm.Dot d : beeswarm.lines().get(i).dots()) {
        if (!Double.isFinite(d.phi())) {
          continue;
        }
        g.setFill(color(d.colour()));
        double x = axis.px(d.phi(), 0, cw);
        g.fillOval(x - radius, y + d.layer() * spacing - radius, 2 * radius, 2 * radius);
      }
    }
  }

  /** The colour of a dot whose feature value ranks at {@code t} (NaN: neutral grey). */
  static Color color(double t) {
    int rgb = Beeswarm.rgb(t);
    return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
  }
}
