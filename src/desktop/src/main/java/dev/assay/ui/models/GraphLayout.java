package dev.assay.ui.models;

import dev.assay.core.model.ModelGraph;
import dev.assay.core.model.ModelGraph.Vertex;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Places a {@link ModelGraph}'s boxes and routes its edges with the Eclipse Layout Kernel's layered
 * algorithm (Sugiyama style), top to bottom, as Netron draws a model. No JavaFX here: the layout
 * runs off the FX thread and the view only draws the result.
 */
public final class GraphLayout {
  static final double BOX_HEIGHT = 38;

  /** Stack of the layout thread: ELK's depth-first walks recurse once per node of a path. */
  static final long LAYOUT_STACK_BYTES = 512L * 1024 * 1024;

  static final double MIN_WIDTH = 70;
  static final double MAX_WIDTH = 260;

  /** Average glyph width of the box font (13 px system font), used to size boxes. */
  static final double CHAR_WIDTH = 7.2;

  /** A placed box: top-left corner and size, in layout units (pixels at zoom 1). */
  public record Box(double x, double y, double width, double height) {
    boolean contains(double px, double py) {
      return px >= x && px <= x + width && py >= y && py <= y + height;
    }
  }

  /** An edge as a polyline: x0, y0, x1, y1, … in layout units. */
  public record Route(int from, int to, double[] points) {}

  /**
   * The result: one box per vertex (same order as {@link ModelGraph#vertices()}), the routes, and
   * the drawing's size.
   */
  public record Placed(
      ModelGraph graph, List<Box> boxes, List<Route> routes, double width, double height) {
    /** The vertex whose box holds the point, or -1. */
    public int hit(double px, double py) {
      for (int i = 0; i < boxes.size(); i++) {
        if (boxes.get(i).contains(px, py)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * ELK's option registry: outside Eclipse it must be set up once (core and layered options, and
   * the property types ELK's reflection clones) before a graph is laid out.
   */
  private static final LayoutMetaDataService OPTIONS = registered();

  private GraphLayout() {}

  private static LayoutMetaDataService registered() {
    LayoutMetaDataService service = LayoutMetaDataService.getInstance();
    service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    return service;
  }

  /** The box width for a vertex: wide enough for its longer line, within limits. */
  static double width(Vertex vertex) {
    int chars = Math.max(vertex.title().length(), Math.min(vertex.subtitle().length(), 34));
    return Math.clamp(chars * CHAR_WIDTH + 20, MIN_WIDTH, MAX_WIDTH);
  }

  /** Lays {@code graph} out; takes about a second for 5,000 nodes (see the README). */
  public static Placed layout(ModelGraph graph) {
    // ELK walks the graph recursively (depth about the longest path): a model of thousands of
    // chained nodes needs a deeper stack than a pool thread has, so the layout gets a thread of its
    // own
    java.util.concurrent.atomic.AtomicReference<Object> result =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread worker =
        new Thread(
            null,
            () -> {
              try {
                result.set(layoutHere(graph));
              } catch (RuntimeException | Error e) {
                result.set(e);
              }
            },
            "graph-layout",
            LAYOUT_STACK_BYTES);
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("graph layout interrupted", e);
    }
    return switch (result.get()) {
      case Placed placed -> placed;
      case RuntimeException e -> throw e;
      case Error e -> throw e;
      default -> throw new IllegalStateException("graph layout gave no result");
    };
  }

  private static Placed layoutHere(ModelGraph graph) {
    java.util.Objects.requireNonNull(OPTIONS);
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(LayeredOptions.DIRECTION, Direction.DOWN);
    root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, 24.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 34.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 12.0);
    if (graph.vertices().size() > 1500) {
      // big graphs: fewer crossing-minimisation sweeps keep the layout to seconds
      root.setProperty(LayeredOptions.THOROUGHNESS, 1);
    }
    List<ElkNode> nodes = new ArrayList<>(graph.vertices().size());
    for (Vertex vertex : graph.vertices()) {
      ElkNode node = ElkGraphUtil.createNode(root);
      node.setDimensions(width(vertex), BOX_HEIGHT);
      nodes.add(node);
    }
    List<ElkEdge> edges = new ArrayList<>(graph.edges().size());
    for (ModelGraph.Edge edge : graph.edges()) {
      edges.add(ElkGraphUtil.createSimpleEdge(nodes.get(edge.from()), nodes.get(edge.to())));
    }
    new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());

    List<Box> boxes = new ArrayList<>(nodes.size());
    for (ElkNode node : nodes) {
      boxes.add(new Box(node.getX(), node.getY(), node.getWidth(), node.getHeight()));
    }
    List<Route> routes = new ArrayList<>(edges.size());
    for (int i = 0; i < edges.size(); i++) {
      ModelGraph.Edge edge = graph.edges().get(i);
      routes.add(new Route(edge.from(), edge.to(), points(edges.get(i), boxes, edge)));
    }
    return new Placed(
        graph, List.copyOf(boxes), List.copyOf(routes), root.getWidth(), root.getHeight());
  }

  private static double[] points(ElkEdge edge, List<Box> boxes, ModelGraph.Edge which) {
    if (edge.getSections().isEmpty()) {
      Box a = boxes.get(which.from());
      Box b = boxes.get(which.to());
      return new double[] {a.x() + a.width() / 2, a.y() + a.height(), b.x() + b.width() / 2, b.y()};
    }
    ElkEdgeSection section = edge.getSections().getFirst();
    double[] points = new double[4 + 2 * section.getBendPoints().size()];
    int k = 0;
    points[k++] = section.getStartX();
    points[k++] = section.getStartY();
    for (ElkBendPoint bend : section.getBendPoints()) {
      points[k++] = bend.getX();
      points[k++] = bend.getY();
    }
    points[k++] = section.getEndX();
    points[k] = section.getEndY();
    return points;
  }
}
