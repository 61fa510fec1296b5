package dev.assay.ui.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * Draws a {@link Waterfall}: per bar its name ({@code feature = value}) on the left, a bar from
 * where the previous one ended (red: pushes f up, blue: down) with its signed φ beside its end, a
 * dotted step to the next bar; the base value and f(x) marked by dashed lines, a value axis in the
 * output space below. Every part is laid out inside the chart's bounds (it clips to them).
 */
final class WaterfallChart extends Region {
  static final Color UP = Color.rgb(0xFF, 0x00, 0x52);
  static final Color DOWN = Color.rgb(0x00, 0x8B, 0xFB);
  private static final double PAD = 8;

  private Waterfall waterfall;
  private final List<Label> names = new ArrayList<>();
  private final List<Label> values = new ArrayList<>();
  private final List<Rectangle> bars = new ArrayList<>();
  private final List<Line> steps = new ArrayList<>();
  private final List<Label> ticks = new ArrayList<>();
  private final Line baseLine = dashed();
  private final Line endLine = dashed();
  private final Line axisLine = new Line();
  private final Label baseLabel = new Label();
  private final Label endLabel = new Label();
  private final Label title = new Label();

  WaterfallChart() {
    setId("explanation-waterfall-chart");
    getStyleClass().add("explanation-chart");
    // opaque in the theme's colour: an exported PNG reads like the screen
    setStyle("-fx-background-color: -fx-background;");
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
    axisLine.setStroke(Color.GRAY);
    baseLabel.setId("explanation-waterfall-base");
    endLabel.setId("explanation-waterfall-end");
    title.setId("explanation-waterfall-axis");
    setMinSize(0, 0);
  }

  /** The waterfall drawn, null for none. */
  Waterfall waterfall() {
    return waterfall;
  }

  /** The bars as drawn, top to bottom (for tests). */
  List<Rectangle> bars() {
    return List.copyOf(bars);
  }

  /** The axis' tick labels, left to right (for tests). */
  List<Label> ticks() {
    return List.copyOf(ticks);
  }

  void show(Waterfall w) {
    waterfall = w;
    names.clear();
    values.clear();
    bars.clear();
    steps.clear();
    ticks.clear();
    getChildren().clear();
    if (w == null) {
      return;
    }
    for (Waterfall.Bar b : w.bars()) {
      Label name = new Label(Waterfall.name(b));
      name.getStyleClass().add("explanation-waterfall-name");
      names.add(name);
      values.add(new Label(Waterfall.signed(b.phi())));
      Rectangle bar = new Rectangle();
      bar.setFill(b.phi() >= 0 ? UP : DOWN);
      bars.add(bar);
      Line step = new Line();
      step.setStroke(Color.GRAY);
      step.getStrokeDashArray().setAll(2.0, 2.0);
      steps.add(step);
    }
    for (double t : w.axis().ticks()) {
      ticks.add(new Label(tick(t, w.axis().step())));
    }
    baseLabel.setText(String.format(Locale.ROOT, "base value %.4f", w.base()));
    endLabel.setText(String.format(Locale.ROOT, "f(x) = %.4f", w.end()));
    title.setText(w.space() + ": base value + Σφ = f(x) for row " + w.row());
    getChildren().addAll(baseLine, endLine, axisLine);
    getChildren().addAll(steps);
    getChildren().addAll(bars);
    getChildren().addAll(names);
    getChildren().addAll(values);
    getChildren().addAll(ticks);
    getChildren().addAll(baseLabel, endLabel, title);
    requestLayout();
  }

  @Override
  protected void layoutChildren() {
    if (waterfall == null || waterfall.bars().isEmpty()) {
      return;
    }
    double w = getWidth();
    double h = getHeight();
    double nameWidth = names.stream().mapToDouble(l -> l.prefWidth(-1)).max().orElse(0);
    double valueWidth = values.stream().mapToDouble(l -> l.prefWidth(-1)).max().orElse(0) + 4;
    double line = baseLabel.prefHeight(-1);
    double left = PAD + nameWidth + 8 + valueWidth;
    double width = Math.max(10, w - PAD - valueWidth - left);
    double top = PAD + line + 4;
    double axisY = h - PAD - 2 * line - 6;
    double bottom = axisY - line - 4;
    int n = waterfall.bars().size();
    double row = (bottom - top) / n;
    double barHeight = Math.max(2, Math.min(row * 0.7, 24));
    AxisScale axis = waterfall.axis();
    for (int i = 0; i < n; i++) {
      Waterfall.Bar b = waterfall.bars().get(i);
      double y = top + row * (i + 0.5);
      double x0 = axis.px(b.left(), left, width);
      double x1 = axis.px(b.right(), left, width);
      Rectangle bar = bars.get(i);
      bar.setX(x0);
      bar.setY(y - barHeight / 2);
      bar.setWidth(Math.max(1, x1 - x0));
      bar.setHeight(barHeight);
      Label name = names.get(i);
      double nw = name.prefWidth(-1);
      double nh = name.prefHeight(-1);
      name.resizeRelocate(PAD + nameWidth - nw, y - nh / 2, nw, nh);
      Label value = values.get(i);
      double vw = value.prefWidth(-1);
      double xe = axis.px(b.end(), left, width);
      value.resizeRelocate(b.phi() >= 0 ? xe + 4 : xe - 4 - vw, y - nh / 2, vw, nh);
      Line step = steps.get(i);
      double next = i + 1 < n ? top + row * (i + 1.5) - barHeight / 2 : bottom;
      step.setStartX(xe);
      step.setEndX(xe);
      step.setStartY(y + barHeight / 2);
      step.setEndY(next);
    }
    double xb = axis.px(waterfall.base(), left, width);
    double xf = axis.px(waterfall.end(), left, width);
    vertical(baseLine, xb, top - 2, axisY);
    vertical(endLine, xf, top, axisY);
    place(baseLabel, xb, PAD, w);
    place(endLabel, xf, bottom + 2, w);
    axisLine.setStartX(left);
    axisLine.setEndX(left + width);
    axisLine.setStartY(axisY);
    axisLine.setEndY(axisY);
    List<Double> values = axis.ticks();
    for (int k = 0; k < ticks.size(); k++) {
      place(ticks.get(k), axis.px(values.get(k), left, width), axisY + 2, w);
    }
    place(title, left + width / 2, axisY + line + 4, w);
  }

  /** {@code label} at its preferred size centred on {@code x}, kept inside {@code 0..w}. */
  private static void place(Label label, double x, double y, double w) {
    double lw = label.prefWidth(-1);
    double lh = label.prefHeight(-1);
    double at = Math.max(PAD / 2, Math.min(w - PAD / 2 - lw, x - lw / 2));
    label.resizeRelocate(at, y, lw, lh);
  }

  private static void vertical(Line line, double x, double y0, double y1) {
    line.setStartX(x);
    line.setEndX(x);
    line.setStartY(y0);
    line.setEndY(y1);
  }

  private static Line dashed() {
    Line line = new Line();
    line.setStroke(Color.GRAY);
    line.getStrokeDashArray().setAll(5.0, 4.0);
    return line;
  }

  /** A tick value with as many decimals as its step needs. */
  static String tick(double v, double step) {
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
