package dev.assay.ui.models;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.model.ModelGraph;
import dev.assay.ui.models.GraphLayout.Box;
import dev.assay.ui.models.GraphLayout.Placed;
import dev.assay.ui.models.GraphLayout.Route;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The layout of big graphs (thousands of nodes): ELK's layered algorithm costs more than linear
 * time in the graph's size (layering, crossing minimisation), so a 20,000-node model takes tens of
 * seconds in one piece. Here the graph is cut, in topological order, into parts of about {@link
 * #PART_SIZE} nodes where the fewest values cross from one part to the next (between two blocks of
 * a network, usually one); each part is laid out by ELK on its own (one crossing-minimisation
 * sweep), the parts in parallel, and stacked top to bottom. A part with the same operators, box
 * sizes and edges as an earlier one (a network's repeated blocks) reuses that part's layout. Edges
 * between consecutive parts whose ends face each other are drawn straight across the gap; other
 * edges between parts run down a lane left of the drawing. The time grows linearly with the graph;
 * progress is reported part by part and a cancel stops the layout between parts (and inside ELK
 * between its phases).
 */
final class ChunkedLayout {
  /** Nodes per part: ELK lays out a part of this size in tens of milliseconds. */
  static final int PART_SIZE = 500;

  /** Vertical space between two parts, besides ELK's padding (12) of each. */
  static final double PART_GAP = 24;

  /** Horizontal space between lanes of long edges, and between the lanes and the drawing. */
  static final double LANE_GAP = 10;

  private ChunkedLayout() {}

  /** Lays {@code graph} out in parts (at least one). */
  static Placed layout(ModelGraph graph, Progress progress, Cancellation cancellation) {
    int n = graph.vertices().size();
    int[] order = GraphCuts.topologicalOrder(graph);
    int[] position = new int[n];
    for (int p = 0; p < n; p++) {
      position[order[p]] = p;
    }
    int[] starts = GraphCuts.partStarts(graph, position, n);
    int parts = starts.length - 1;
    int[] partOf = new int[n];
    for (int k = 0; k < parts; k++) {
      for (int p = starts[k]; p < starts[k + 1]; p++) {
        partOf[order[p]] = k;
      }
    }
    List<List<Integer>> members = new ArrayList<>();
    List<List<Integer>> inner = new ArrayList<>();
    for (int k = 0; k < parts; k++) {
      List<Integer> vertices = new ArrayList<>(starts[k + 1] - starts[k]);
      for (int p = starts[k]; p < starts[k + 1]; p++) {
        vertices.add(order[p]);
      }
      vertices.sort(null); // the graph's own order: ELK's starting order for crossing minimisation
      members.add(vertices);
      inner.add(new ArrayList<>());
    }
    List<Integer> crossing = new ArrayList<>();
    for (int e = 0; e < graph.edges().size(); e++) {
      ModelGraph.Edge edge = graph.edges().get(e);
      if (partOf[edge.from()] == partOf[edge.to()]) {
        inner.get(partOf[edge.from()]).add(e);
      } else {
        crossing.add(e);
      }
    }

    Placed[] placedParts = layParts(graph, members, inner, progress, cancellation);
    return stack(graph, members, inner, crossing, partOf, placedParts);
  }

  /**
   * Each part laid out by ELK, on as many threads as there are processors (at most 4). A part made
   * of the same operators, joined the same way, as an earlier part (the repeated blocks of a
   * network) takes that part's layout instead of a layout of its own.
   */
  private static Placed[] layParts(
      ModelGraph graph,
      List<List<Integer>> members,
      List<List<Integer>> inner,
      Progress progress,
      Cancellation cancellation) {
    int parts = members.size();
    Placed[] result = new Placed[parts];
    int[] template = new int[parts];
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int k = 0; k < parts; k++) {
      Integer first = seen.putIfAbsent(signature(graph, members.get(k), inner.get(k)), k);
      template[k] = first == null ? k : first;
    }
    AtomicInteger done = new AtomicInteger();
    progress.update(0, parts, "Laying out " + parts + " parts");
    int threads = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, parts),
            r -> {
              // ELK recurses along a part's paths: a part of 1,000 nodes needs more than the
              // default
              Thread t =
                  new Thread(null, r, "graph-layout-part", GraphLayout.LAYOUT_STACK_BYTES / 8);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int k = 0; k < parts; k++) {
        if (template[k] != k) {
          continue;
        }
        int part = k;
        futures.add(
            pool.submit(
                () -> {
                  cancellation.throwIfCancelled();
                  result[part] =
                      GraphLayout.elk(
                          graph, members.get(part), inner.get(part), true, cancellation);
                  int finished = done.incrementAndGet();
                  progress.update(
                      finished, parts, "Laid out " + finished + " of " + parts + " parts");
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancellation.CancelledException();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    } finally {
      pool.shutdownNow();
    }
    cancellation.throwIfCancelled();
    for (int k = 0; k < parts; k++) {
      if (template[k] != k) {
        result[k] = copy(graph, result[template[k]], members.get(k), inner.get(k));
        int finished = done.incrementAndGet();
        progress.update(finished, parts, "Laid out " + finished + " of " + parts + " parts");
      }
    }
    return result;
  }

  /** Box widths are compared in steps of this size: ELK's spacing (24) keeps them apart. */
  private static final double WIDTH_STEP = 16;

  /**
   * What a part's layout depends on: its boxes in order (kind, operator, width in steps of {@link
   * #WIDTH_STEP}) and its edges as positions in that order.
   */
  static String signature(ModelGraph graph, List<Integer> vertices, List<Integer> edges) {
    StringBuilder s = new StringBuilder(vertices.size() * 12 + edges.size() * 8);
    java.util.Map<Integer, Integer> local = new java.util.HashMap<>(vertices.size() * 2);
    for (int i = 0; i < vertices.size(); i++) {
      ModelGraph.Vertex v = graph.vertices().get(vertices.get(i));
      local.put(vertices.get(i), i);
      s.append(v.kind())
          .append(':')
          .append(v.title())
          .append(':')
          .append((int) (GraphLayout.width(v) / WIDTH_STEP))
          .append(';');
    }
    s.append('|');
    for (int e : edges) {
      ModelGraph.Edge edge = graph.edges().get(e);
      s.append(local.get(edge.from())).append('>').append(local.get(edge.to())).append(';');
    }
    return s.toString();
  }

  /**
   * The layout of a part with the same signature as {@code template}'s part: each box where the
   * template's is, centred on it with its own width; the same routes.
   */
  private static Placed copy(
      ModelGraph graph, Placed template, List<Integer> vertices, List<Integer> edges) {
    List<Box> boxes = new ArrayList<>(vertices.size());
    for (int i = 0; i < vertices.size(); i++) {
      Box t = template.boxes().get(i);
      double width = GraphLayout.width(graph.vertices().get(vertices.get(i)));
      boxes.add(new Box(t.x() + (t.width() - width) / 2, t.y(), width, t.height()));
    }
    List<Route> routes = new ArrayList<>(edges.size());
    for (int i = 0; i < edges.size(); i++) {
      ModelGraph.Edge edge = graph.edges().get(edges.get(i));
      double[] points = template.routes().get(i).points().clone();
      // ends on the boxes' own widths (ELK spreads the ends of several edges along a box)
      Box from = boxes.get(indexOf(vertices, edge.from()));
      Box to = boxes.get(indexOf(vertices, edge.to()));
      points[0] = Math.clamp(points[0], from.x() + 2, from.x() + from.width() - 2);
      points[points.length - 2] =
          Math.clamp(points[points.length - 2], to.x() + 2, to.x() + to.width() - 2);
      routes.add(new Route(edge.from(), edge.to(), points));
    }
    return new Placed(graph, boxes, routes, template.width(), template.height());
  }

  /** Where {@code vertex} is in the sorted {@code vertices}. */
  private static int indexOf(List<Integer> vertices, int vertex) {
    return java.util.Collections.binarySearch(vertices, vertex);
  }

  /** The parts one below the other, centred; the edges between parts routed across the gaps. */
  private static Placed stack(
      ModelGraph graph,
      List<List<Integer>> members,
      List<List<Integer>> inner,
      List<Integer> crossing,
      int[] partOf,
      Placed[] parts) {
    int n = graph.vertices().size();
    double widest = 0;
    for (Placed p : parts) {
      widest = Math.max(widest, p.width());
    }
    // long edges run in lanes left of the drawing, one lane per source vertex
    int[] lane = new int[n];
    Arrays.fill(lane, -1);
    int lanes = 0;
    Box[] boxes = new Box[n];
    double[] partTop = new double[parts.length];
    double[] partBottom = new double[parts.length];
    double[] origin = new double[parts.length];
    double y = 0;
    for (int k = 0; k < parts.length; k++) {
      Placed p = parts[k];
      double dx = (widest - p.width()) / 2;
      origin[k] = y;
      List<Integer> vertices = members.get(k);
      // the first and last layers' edges (ELK's height has its padding too)
      partTop[k] = Double.MAX_VALUE;
      for (int i = 0; i < vertices.size(); i++) {
        Box b = p.boxes().get(i);
        Box moved = new Box(b.x() + dx, b.y() + y, b.width(), b.height());
        boxes[vertices.get(i)] = moved;
        partTop[k] = Math.min(partTop[k], moved.y());
        partBottom[k] = Math.max(partBottom[k], moved.y() + moved.height());
      }
      y += p.height() + PART_GAP;
    }
    List<Route> routes = new ArrayList<>(graph.edges().size());
    Route[] byEdge = new Route[graph.edges().size()];
    for (int k = 0; k < parts.length; k++) {
      Placed p = parts[k];
      double dx = (widest - p.width()) / 2;
      List<Integer> edges = inner.get(k);
      for (int i = 0; i < edges.size(); i++) {
        int e = edges.get(i);
        double[] points = p.routes().get(i).points().clone();
        for (int j = 0; j < points.length; j += 2) {
          points[j] += dx;
          points[j + 1] += origin[k];
        }
        ModelGraph.Edge edge = graph.edges().get(e);
        byEdge[e] = new Route(edge.from(), edge.to(), points);
      }
    }
    for (int e : crossing) {
      ModelGraph.Edge edge = graph.edges().get(e);
      Box a = boxes[edge.from()];
      Box b = boxes[edge.to()];
      int from = partOf[edge.from()];
      int to = partOf[edge.to()];
      double ax = a.x() + a.width() / 2;
      double ay = a.y() + a.height();
      double bx = b.x() + b.width() / 2;
      double by = b.y();
      boolean facing = to == from + 1 && ay >= partBottom[from] - 1 && by <= partTop[to] + 1;
      double[] points;
      if (facing) {
        double mid = (partBottom[from] + partTop[to]) / 2;
        points = new double[] {ax, ay, ax, mid, bx, mid, bx, by};
      } else {
        if (lane[edge.from()] < 0) {
          lane[edge.from()] = lanes++;
        }
        double x = -LANE_GAP * (lane[edge.from()] + 1);
        points =
            new double[] {
              ax,
              ay,
              ax,
              ay + LANE_GAP,
              x,
              ay + LANE_GAP,
              x,
              by - LANE_GAP,
              bx,
              by - LANE_GAP,
              bx,
              by
            };
      }
      byEdge[e] = new Route(edge.from(), edge.to(), points, !facing);
    }
    routes.addAll(Arrays.asList(byEdge));
    // the lanes lie left of x = 0: shift everything right by their width
    double shift = lanes * LANE_GAP;
    List<Box> shifted = new ArrayList<>(n);
    for (Box b : boxes) {
      shifted.add(new Box(b.x() + shift, b.y(), b.width(), b.height()));
    }
    List<Route> moved = new ArrayList<>(routes.size());
    for (Route r : routes) {
      double[] points = r.points();
      for (int j = 0; j < points.length; j += 2) {
        points[j] += shift;
      }
      moved.add(r);
    }
    return new Placed(
        graph, List.copyOf(shifted), List.copyOf(moved), widest + shift, Math.max(0, y - PART_GAP));
  }
}
