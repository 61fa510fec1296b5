package dev.assay.ui.models;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
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

  /**
   * An edge as a polyline: x0, y0, x1, y1, … in layout units; {@code aside} when it runs down the
   * lane beside a big graph's parts ({@link ChunkedLayout}).
   */
  public record Route(int from, int to, double[] points, boolean aside) {
    public Route(int from, int to, double[] points) {
      this(from, to, points, false);
    }
  }

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

  /**
   * Above this many boxes a graph is laid out in parts ({@link ChunkedLayout}): ELK on the whole
   * graph takes seconds at 5,000 nodes and minutes at 20,000 (see the README).
   */
  static final int PARTS_ABOVE = 2000;

  /** Lays {@code graph} out, in parts when it is big. */
  public static Placed layout(ModelGraph graph) {
    return layout(graph, Progress.NONE, Cancellation.NONE);
  }

  /**
   * Lays {@code graph} out: in one piece by ELK up to {@link #PARTS_ABOVE} boxes, else in parts of
   * about {@link ChunkedLayout#PART_SIZE} boxes, reporting each part done; throws {@link
   * Cancellation.CancelledException} soon after {@code cancellation} turns true.
   */
  public static Placed layout(ModelGraph graph, Progress progress, Cancellation cancellation) {
    if (graph.vertices().size() > PARTS_ABOVE) {
      return ChunkedLayout.layout(graph, progress, cancellation);
    }
    return whole(graph, cancellation);
  }

  /** The whole graph laid out by ELK in one piece, whatever its size (the small-graph path). */
  static Placed whole(ModelGraph graph, Cancellation cancellation) {
    // ELK walks the graph recursively (depth about the longest path): a model of thousands of
    // chained nodes needs a deeper stack than a pool thread has, so the layout gets a thread of its
    // own
    java.util.concurrent.atomic.AtomicReference<Object> result =
        new java.util.concurrent.atomic.AtomicReference<>();
    List<Integer> all = new ArrayList<>(graph.vertices().size());
    for (int i = 0; i < graph.vertices().size(); i++) {
      all.add(i);
    }
    List<Integer> edges = new ArrayList<>(graph.edges().size());
    for (int i = 0; i < graph.edges().size(); i++) {
      edges.add(i);
    }
    Thread worker =
        new Thread(
            null,
            () -> {
              try {
                result.set(elk(graph, all, edges, false, cancellation));
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

  /**
   * ELK's layered layout of the {@code vertices} of {@code graph} and the {@code edges} (indexes
   * into {@link ModelGraph#edges()}) between them, on the calling thread: boxes in the order of
   * {@code vertices}, routes in the order of {@code edges}. A {@code part} of a big graph gets one
   * crossing-minimisation sweep instead of seven: parts are many, and mostly chains.
   */
  static Placed elk(
      ModelGraph graph,
      List<Integer> vertices,
      List<Integer> edgeIndexes,
      boolean part,
      Cancellation cancel) {
    java.util.Objects.requireNonNull(OPTIONS);
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(LayeredOptions.DIRECTION, Direction.DOWN);
    root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, 24.0);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 34.0);
    root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 12.0);
    if (part || vertices.size() > 1500) {
      // big graphs: fewer crossing-minimisation sweeps keep the layout to seconds
      root.setProperty(LayeredOptions.THOROUGHNESS, 1);
    }
    java.util.Map<Integer, ElkNode> nodes = new java.util.HashMap<>(vertices.size() * 2);
    List<ElkNode> ordered = new ArrayList<>(vertices.size());
    for (int v : vertices) {
      ElkNode node = ElkGraphUtil.createNode(root);
      node.setDimensions(width(graph.vertices().get(v)), BOX_HEIGHT);
      nodes.put(v, node);
      ordered.add(node);
    }
    List<ElkEdge> edges = new ArrayList<>(edgeIndexes.size());
    for (int e : edgeIndexes) {
      ModelGraph.Edge edge = graph.edges().get(e);
      edges.add(ElkGraphUtil.createSimpleEdge(nodes.get(edge.from()), nodes.get(edge.to())));
    }
    BasicProgressMonitor monitor =
        new BasicProgressMonitor() {
          @Override
          public boolean isCanceled() {
            return cancel.isCancelled();
          }
        };
    new LayeredLayoutProvider().layout(root, monitor);
    cancel.throwIfCancelled();

    List<Box> boxes = new ArrayList<>(ordered.size());
    java.util.Map<Integer, Box> byVertex = new java.util.HashMap<>(vertices.size() * 2);
    for (int i = 0; i < ordered.size(); i++) {
      ElkNode node = ordered.get(i);
      Box box = new Box(node.getX(), node.getY(), node.getWidth(), node.getHeight());
      boxes.add(box);
      byVertex.put(vertices.get(i), box);
    }
    List<Route> routes = new ArrayList<>(edges.size());
    for (int i = 0; i < edges.size(); i++) {
      ModelGraph.Edge edge = graph.edges().get(edgeIndexes.get(i));
      routes.add(
          new Route(
              edge.from(),
              edge.to(),
              points(edges.get(i), byVertex.get(edge.from()), byVertex.get(edge.to()))));
    }
    return new Placed(
        graph, List.copyOf(boxes), List.copyOf(routes), root.getWidth(), root.getHeight());
  }

  private static double[] points(ElkEdge edge, Box a, Box b) {
    if (edge.getSections().isEmpty()) {
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
