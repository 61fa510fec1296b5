package dev.assay.ui.explain;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.shape.Rectangle;

/** What the screen test reads of the waterfall and beeswarm charts (package-private classes). */
public final class ExplanationViewsProbe {
  private ExplanationViewsProbe() {}

  /** The waterfall drawn: row, base, end (base + Σφ), stored prediction, efficiency error, bars. */
  public record Drawn(
      long row, double base, double end, double prediction, double efficiencyError, int bars) {}

  /** The waterfall {@code chart} shows, null when none. */
  public static Drawn waterfall(Node chart) {
    Waterfall w = ((WaterfallChart) chart).waterfall();
    return w == null
        ? null
        : new Drawn(
            w.row(), w.base(), w.end(), w.prediction(), w.efficiencyError(), w.bars().size());
  }

  /**
   * The pixel where the last bar ends, and where the axis puts the stored prediction: the axis read
   * from two of its tick labels (their centres and the values they show), not from the bars.
   */
  public static double[] lastBarEndAndPrediction(Node chart) {
    WaterfallChart c = (WaterfallChart) chart;
    Waterfall w = c.waterfall();
    Rectangle last = c.bars().getLast();
    double end = w.bars().getLast().phi() >= 0 ? last.getX() + last.getWidth() : last.getX();
    List<javafx.scene.control.Label> ticks = c.ticks();
    // inner ticks: the outer ones may be pushed inside the chart's edge
    javafx.scene.control.Label a = ticks.get(1);
    javafx.scene.control.Label b = ticks.get(ticks.size() - 2);
    double xa = a.getBoundsInParent().getCenterX();
    double xb = b.getBoundsInParent().getCenterX();
    double va = Double.parseDouble(a.getText());
    double vb = Double.parseDouble(b.getText());
    return new double[] {end, xa + (w.prediction() - va) * (xb - xa) / (vb - va)};
  }

  /** The beeswarm's lines (feature names top to bottom), empty when none. */
  public static List<String> beeswarmLines(Node chart) {
    Beeswarm b = ((BeeswarmChart) chart).beeswarm();
    return b == null ? List.of() : b.lines().stream().map(Beeswarm.Line::feature).toList();
  }

  /** Every visible child of {@code chart} that reaches outside its bounds. */
  public static List<String> outside(Node chart) {
    List<String> out = new ArrayList<>();
    javafx.scene.layout.Region region = (javafx.scene.layout.Region) chart;
    for (Node child : region.getChildrenUnmodifiable()) {
      Bounds b = child.getBoundsInParent();
      if (child.isVisible()
          && (b.getMinX() < -0.5
              || b.getMinY() < -0.5
              || b.getMaxX() > region.getWidth() + 0.5
              || b.getMaxY() > region.getHeight() + 0.5)) {
        out.add(child + " at " + b + " in " + region.getWidth() + "x" + region.getHeight());
      }
    }
    return out;
  }

  /** Writes {@code chart} as the Export PNG… button does. */
  public static void export(Node chart, Path file) throws IOException {
    dev.assay.ui.common.PngExport.write(chart, file);
  }
}
