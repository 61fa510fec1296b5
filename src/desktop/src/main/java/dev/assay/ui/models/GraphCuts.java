package dev.assay.ui.models;

import dev.assay.core.model.ModelGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/** Where a big graph is cut into parts: its topological order and the cuts fewest values cross. */
final class GraphCuts {
  private GraphCuts() {}

  /**
   * The vertices in a topological order that keeps the graph's own order where it may (the ONNX
   * file lists nodes topologically; inputs first, outputs last); vertices on a cycle, which a valid
   * graph has none of, come last.
   */
  static int[] topologicalOrder(ModelGraph graph) {
    int n = graph.vertices().size();
    int[] indegree = new int[n];
    int[][] successors = successors(graph, indegree);
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int v = 0; v < n; v++) {
      if (indegree[v] == 0) {
        ready.add(v);
      }
    }
    int[] order = new int[n];
    boolean[] placed = new boolean[n];
    int k = 0;
    while (!ready.isEmpty()) {
      int v = ready.poll();
      order[k++] = v;
      placed[v] = true;
      for (int w : successors[v]) {
        if (--indegree[w] == 0) {
          ready.add(w);
        }
      }
    }
    for (int v = 0; v < n && k < n; v++) {
      if (!placed[v]) {
        order[k++] = v;
      }
    }
    return order;
  }

  static int[][] successors(ModelGraph graph, int[] indegree) {
    int n = graph.vertices().size();
    int[] count = new int[n];
    for (ModelGraph.Edge e : graph.edges()) {
      count[e.from()]++;
      indegree[e.to()]++;
    }
    int[][] out = new int[n][];
    for (int v = 0; v < n; v++) {
      out[v] = new int[count[v]];
    }
    Arrays.fill(count, 0);
    for (ModelGraph.Edge e : graph.edges()) {
      out[e.from()][count[e.from()]++] = e.to();
    }
    return out;
  }

  /**
   * Where each part starts in topological order (and, last, {@code n}): each cut lies between
   * {@link #ChunkedLayout.PART_SIZE}/2 and 2×{@link #ChunkedLayout.PART_SIZE} positions after the
   * previous one, where the fewest vertices have edges across it, nearest the part size on a tie.
   */
  static int[] partStarts(ModelGraph graph, int[] position, int n) {
    // crossings[p]: vertices before position p read at p or later. Counted by source, not by edge:
    // an input that every block reads (an attention mask) costs one at every cut, and one lane
    int[] last = new int[n];
    Arrays.fill(last, -1);
    for (ModelGraph.Edge e : graph.edges()) {
      last[e.from()] = Math.max(last[e.from()], position[e.to()]);
    }
    int[] crossings = new int[n + 2];
    for (int v = 0; v < n; v++) {
      int a = position[v];
      if (last[v] > a) {
        crossings[a + 1]++;
        crossings[last[v] + 1]--;
      }
    }
    for (int p = 1; p <= n; p++) {
      crossings[p] += crossings[p - 1];
    }
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    int start = 0;
    while (n - start > 2 * ChunkedLayout.PART_SIZE) {
      int best = -1;
      for (int p = start + ChunkedLayout.PART_SIZE / 2;
          p <= Math.min(start + 2 * ChunkedLayout.PART_SIZE, n - 1);
          p++) {
        if (best < 0
            || crossings[p] < crossings[best]
            || (crossings[p] == crossings[best]
                && Math.abs(p - start - ChunkedLayout.PART_SIZE)
                    < Math.abs(best - start - ChunkedLayout.PART_SIZE))) {
          best = p;
        }
      }
      starts.add(best);
      start = best;
    }
    starts.add(n);
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }
}
