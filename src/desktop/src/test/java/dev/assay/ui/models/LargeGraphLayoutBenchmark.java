package dev.assay.ui.models;

import dev.assay.core.Cancellation;
import dev.assay.core.inference.OnnxGraphReader;
import dev.assay.core.model.ModelGraph;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The layout's speed on big generated graphs, for the README; not part of the default tests. */
class LargeGraphLayoutBenchmark {
  /**
   * Figures for the README (run by hand: {@code ./mvnw -pl src/desktop -am test
   * -Dtest=LargeGraphLayoutBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; its name keeps it
   * out of the default test set): ELK on the whole graph against the layout in parts, at 5,000 and
   * 20,000 nodes.
   */
  @Test
  void wholeAgainstParts() {
    for (int blocks : new int[] {500, 2000}) {
      ModelGraph graph = OnnxGraphReader.of(ModelGraphViewTest.residualNetwork(blocks));
      long t0 = System.nanoTime();
      GraphLayout.layout(graph);
      long parts = (System.nanoTime() - t0) / 1_000_000;
      long t1 = System.nanoTime();
      GraphLayout.whole(graph, Cancellation.NONE);
      long whole = (System.nanoTime() - t1) / 1_000_000;
      System.out.printf(
          Locale.ROOT,
          "BENCH %d nodes, %d edges: whole ELK %d ms, in parts %d ms (load %.1f, %d cores)%n",
          graph.nodeCount(),
          graph.edges().size(),
          whole,
          parts,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
  }
}
