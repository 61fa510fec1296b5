package dev.assay.core.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The second background of a stability check: disjoint, same size, same rule (definitions). */
class BackgroundStabilityTest {
  private static final int M = 2;

  /** Row r holds (r, 10 r): a row's values name it. */
  private static double[] data(int n) {
    double[] out = new double[n * M];
    for (int r = 0; r < n; r++) {
      out[r * M] = r;
      out[r * M + 1] = 10.0 * r;
    }
    return out;
  }

  private static Set<Integer> rowsOf(BackgroundSet set) {
    Set<Integer> rows = new HashSet<>();
    for (int k = 0; k < set.values().length / M; k++) {
      rows.add((int) set.values()[k * M]);
    }
    return rows;
  }

  private static boolean[] excluded(int n, int[] rows) {
    boolean[] out = new boolean[n];
    for (int r : rows) {
      out[r] = true;
    }
    return out;
  }

  @Test
  void aSecondRandomOrStratifiedBackgroundIsDisjointTheSameSizeAndKeepsTheShares() {
    double[] data = data(100);
    BackgroundSet first = BackgroundSet.random(data, M, 30, 7);
    BackgroundSet second = BackgroundSet.random(data, M, 30, 7, excluded(100, first.dataRows()));
    assertThat(rowsOf(first)).hasSize(30);
    assertThat(rowsOf(second)).hasSize(30).doesNotContainAnyElementsOf(rowsOf(first));
    assertThat(Arrays.stream(second.dataRows()).boxed().toList())
        .containsExactlyElementsOf(rowsOf(second).stream().sorted().toList());
    // labels: a third of the rows "x", the rest "y"; 30 rows keep 10 : 20 in both draws
    List<String> labels = new ArrayList<>();
    IntStream.range(0, 100).forEach(r -> labels.add(r % 3 == 0 ? "x" : "y"));
    BackgroundSet s1 = BackgroundSet.stratified(data, M, labels, "g", 30, 7);
    BackgroundSet s2 =
        BackgroundSet.stratified(data, M, labels, "g", 30, 7, excluded(100, s1.dataRows()));
    assertThat(rowsOf(s2)).hasSize(30).doesNotContainAnyElementsOf(rowsOf(s1));
    for (BackgroundSet s : List.of(s1, s2)) {
      assertThat(rowsOf(s).stream().filter(r -> r % 3 == 0).count()).isEqualTo(10);
    }
  }

  @Test
  void aSecondCutoffBackgroundHoldsTheNextNearestFavourableRows() {
    int n = 60;
    double[] data = data(n);
    double[] scores = new double[n];
    for (int r = 0; r < n; r++) {
      scores[r] = ((r * 37) % n) / (double) n; // a permutation of 0, 1/60, .. 59/60
    }
    BackgroundSet first = BackgroundSet.cutoff(data, M, scores, 0.5, true, 8);
    BackgroundSet second =
        BackgroundSet.cutoff(data, M, scores, 0.5, true, 8, excluded(n, first.dataRows()));
    // by definition: the favourable rows (score < 0.5) sorted by distance to 0.5
    List<Integer> favourable =
        IntStream.range(0, n)
            .filter(r -> scores[r] < 0.5)
            .boxed()
            .sorted(Comparator.comparingDouble(r -> 0.5 - scores[r]))
            .toList();
    assertThat(rowsOf(first)).containsExactlyInAnyOrderElementsOf(favourable.subList(0, 8));
    assertThat(rowsOf(second)).containsExactlyInAnyOrderElementsOf(favourable.subList(8, 16));
  }
}
