package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnCacheWriter;
import dev.assay.core.data.ColumnChunk;
import dev.assay.core.data.DatasetProfiler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sketched comparison read from a column cache counts a dictionary chunk per entry: its figures
 * must be the same, to the last bit, as counting every cell's number in row order (the path a
 * float64 chunk takes), including values equal to grid values, between them, below the reference's
 * minimum, above its maximum, missing and text cells.
 */
class SketchCacheReadTest {
  private static final String SHA = "a".repeat(64);

  @TempDir Path dir;

  @Test
  void aDictionaryColumnCountsExactlyAsItsNumbersInRowOrder() throws IOException {
    SplittableRandom random = new SplittableRandom(18);
    int n = 20_000;
    double[] reference = new double[n];
    for (int i = 0; i < n; i++) {
      reference[i] = Math.rint(200 * random.nextDouble()) / 10;
    }
    NumericSketch sketch = NumericSketch.of(NumericSample.of("count", reference, n, 0, 0), 64, 10);
    Path csv = dir.resolve("current.csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      out.write("count,x\n");
      for (int i = 0; i < 150_000; i++) {
        double u = random.nextDouble();
        String cell =
            u < 0.02
                ? ""
                : u < 0.025
                    ? "abc"
                    : u < 0.03 ? "-1.5" : u < 0.04 ? "27.25" : Integer.toString(random.nextInt(21));
        out.write(cell + "," + String.format(Locale.ROOT, "%.6f", 20 * random.nextDouble()) + "\n");
      }
    }
    Path cacheFile = dir.resolve("cache");
    try (ColumnCacheWriter writer = ColumnCacheWriter.create(dir.resolve("cache.tmp"), SHA)) {
      DatasetProfiler.profile(csv, Progress.NONE, Cancellation.NONE, writer);
      writer.complete();
      writer.publish(cacheFile);
    }
    ColumnCache cache = ColumnCache.openVerifyingAsRead(cacheFile, SHA);
    assertThat(cache.groupCount()).isGreaterThan(1);

    for (int column = 0; column < 2; column++) {
      SketchComparison byValue = new SketchComparison(sketch);
      ColumnChunk chunk = new ColumnChunk();
      Set<ColumnChunk.Kind> kinds = EnumSet.noneOf(ColumnChunk.Kind.class);
      for (int g = 0; g < cache.groupCount(); g++) {
        cache.group(g).column(column, chunk);
        kinds.add(chunk.kind());
        double[] values = new double[chunk.rows()];
        chunk.numbers(values);
        byValue.add(values, values.length);
      }
      assertThat(kinds)
          .containsExactly(column == 0 ? ColumnChunk.Kind.DICTIONARY : ColumnChunk.Kind.NUMBER);
      NumericStatistics expected = (NumericStatistics) byValue.statistics();
      NumericStatistics read =
          (NumericStatistics) new SketchComparison(sketch).read(cache, column).statistics();
      assertThat(read).isEqualTo(expected);
      assertThat(Double.doubleToLongBits(read.wasserstein()))
          .isEqualTo(Double.doubleToLongBits(expected.wasserstein()));
      if (column == 0) {
        assertThat(read.missing().current())
            .isCloseTo(0.025, org.assertj.core.data.Offset.offset(0.003));
        assertThat(read.sketch().wassersteinError()).isGreaterThan(0);
      }
    }
  }
}
