package dev.assay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spilled score counts read back exactly what a sorted map of counts holds, merged or not. */
class ScoreCountsTest {
  @TempDir Path dir;

  private static List<long[]> read(ScoreCounts counts) {
    List<long[]> out = new ArrayList<>();
    try (ScoreCounts.Cursor cursor = counts.cursor()) {
      while (cursor.next()) {
        out.add(new long[] {cursor.key(), cursor.count()});
      }
    }
    return out;
  }

  private static List<long[]> read(TreeMap<Long, Long> expected) {
    return expected.entrySet().stream().map(e -> new long[] {e.getKey(), e.getValue()}).toList();
  }

  @Test
  void spilledRunsMergeToTheExactSortedCounts() throws Exception {
    Random random = new Random(3);
    TreeMap<Long, Long> expected = new TreeMap<>();
    try (ScoreCounts counts = new ScoreCounts(dir, 1000);
        ScoreCounts other = new ScoreCounts(dir, 1000)) {
      for (int i = 0; i < 300_000; i++) {
        long key = random.nextInt(50_000) - 25_000L;
        (i % 3 == 0 ? other : counts).add(key);
        expected.merge(key, 1L, Long::sum);
      }
      counts.merge(other);

      assertThat(counts.spilledRuns()).isPositive().isLessThanOrEqualTo(ScoreCounts.MAX_RUNS);
      assertThat(counts.total()).isEqualTo(300_000);
      assertThat(read(counts))
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(read(expected));
      assertThat(read(counts)).as("a second read").hasSize(expected.size());
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).as("close deletes the spilled files").isEmpty();
    }
  }

  @Test
  void withoutASpillFolderEverythingStaysInMemory() {
    try (ScoreCounts counts = new ScoreCounts(null, 10)) {
      for (int i = 0; i < 1000; i++) {
        counts.add(i % 100);
      }
      assertThat(counts.spilledRuns()).isZero();
      assertThat(read(counts)).hasSize(100).allMatch(e -> e[1] == 10);
    }
  }
}
