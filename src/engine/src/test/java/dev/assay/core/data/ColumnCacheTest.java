package dev.assay.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnCacheTest {
  private static final String SHA = "a".repeat(64);

  /**
   * Every chunk kind with a dictionary cap of 3 and groups of 4 rows: ids (raw strings), numbers
   * with infinities and missing spellings (float64 once a group has more than 3 spellings),
   * categories (dictionary), rows with a wrong field count, a blank line and a quoted multi-line
   * field that shifts the line numbers.
   */
  private static final String HOSTILE =
      String.join(
          "\n",
          "id,x,colour,y",
          "r1,1.5,red,0",
          "r2,inf,blue,1",
          "r3,NA,red,",
          "r4,-Infinity,NA,1",
          "r5,1e-3,red,0,extra",
          "\"r6",
          "continued\",2,blue,1",
          "",
          "r7,,red,NaN",
          "r8, 3 ,\"red\",0",
          "r9,4",
          "r10,5.25,blue,1",
          "r11,abc,red,0",
          "r12,6,blue,1",
          "");

  @TempDir Path dir;

  private ColumnCache write(String csv, int cap, int groupRows) throws IOException {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    Path cacheFile = dir.resolve("cache");
    Files.deleteIfExists(cacheFile);
    try (ColumnCacheWriter writer =
        ColumnCacheWriter.create(dir.resolve("cache.tmp"), SHA, cap, groupRows)) {
      DatasetProfiler.profile(file, Progress.NONE, Cancellation.NONE, writer);
      writer.complete();
      writer.publish(cacheFile);
    }
    return ColumnCache.open(cacheFile, SHA);
  }

  /** Compares every cell, row number and line number of the cache with the CSV read directly. */
  private static Set<ColumnChunk.Kind> assertSameAsCsv(ColumnCache cache, Path csvFile) {
    Set<ColumnChunk.Kind> kinds = EnumSet.noneOf(ColumnChunk.Kind.class);
    try (CsvSource csv = CsvSource.open(csvFile)) {
      assertThat(cache.header()).isEqualTo(csv.header());
      int width = csv.header().size();
      ColumnChunk[] chunks = new ColumnChunk[width];
      for (int c = 0; c < width; c++) {
        chunks[c] = new ColumnChunk();
      }
      long rows = 0;
      long wrong = 0;
      List<ColumnCache.WrongFieldRow> wrongRows = new ArrayList<>();
      int g = -1;
      int i = 0;
      ColumnCache.Group group = null;
      String[] record;
      while ((record = csv.next()) != null) {
        if (record.length != width) {
          wrong++;
          if (wrongRows.size() < 10) {
            wrongRows.add(new ColumnCache.WrongFieldRow(csv.row(), csv.line(), record.length));
          }
          continue;
        }
        if (group == null || i == group.rows()) {
          group = cache.group(++g);
          i = 0;
          for (int c = 0; c < width; c++) {
            group.column(c, chunks[c]);
            kinds.add(chunks[c].kind());
          }
        }
        assertThat(group.row(i)).isEqualTo(csv.row());
        assertThat(group.line(i)).as("line of row %d", csv.row()).isEqualTo(csv.line());
        for (int c = 0; c < width; c++) {
          String cell = record[c];
          ColumnChunk chunk = chunks[c];
          String where = "row " + csv.row() + " column " + c;
          assertThat(chunk.isMissing(i)).as(where).isEqualTo(Cells.isMissing(cell));
          assertThat(chunk.isText(i))
              .as(where)
              .isEqualTo(!Cells.isMissing(cell) && !Cells.isNumeric(cell));
          assertThat(Double.doubleToLongBits(chunk.number(i)))
              .as(where)
              .isEqualTo(Double.doubleToLongBits(Cells.parseOrNaN(cell)));
          if (chunk.kind() != ColumnChunk.Kind.NUMBER) {
            assertThat(chunk.text(i)).as(where).isEqualTo(cell);
          }
        }
        i++;
        rows++;
      }
      assertThat(g).isEqualTo(cache.groupCount() - 1);
      assertThat(cache.rows()).isEqualTo(rows);
      assertThat(cache.wrongFieldRows()).isEqualTo(wrong);
      assertThat(cache.wrongFieldExamples()).isEqualTo(wrongRows);
    }
    return kinds;
  }

  @Test
  void everyCellRowAndLineReadsBackAsTheCsvHasIt() throws IOException {
    ColumnCache cache = write(HOSTILE, 3, 4);

    Set<ColumnChunk.Kind> kinds = assertSameAsCsv(cache, dir.resolve("data.csv"));

    assertThat(kinds).containsExactlyInAnyOrder(ColumnChunk.Kind.values());
    assertThat(cache.rows()).isEqualTo(10);
    assertThat(cache.wrongFieldRows()).isEqualTo(2);
    assertThat(cache.wrongFieldExamples())
        .containsExactly(
            new ColumnCache.WrongFieldRow(5, 6, 5), new ColumnCache.WrongFieldRow(9, 12, 2));
    assertThat(cache.hasNumberChunks(1)).isTrue();
    assertThat(cache.hasNumberChunks(2)).isFalse();
  }

  @Test
  void infinitiesAndMissingCellsKeepTheirMeaningInFloat64Chunks() throws IOException {
    ColumnCache cache = write(HOSTILE, 3, 4);
    ColumnChunk x = cache.group(0).column(1, new ColumnChunk());

    assertThat(x.kind()).isEqualTo(ColumnChunk.Kind.NUMBER);
    assertThat(x.number(0)).isEqualTo(1.5);
    assertThat(x.number(1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(x.isMissing(2)).isTrue();
    assertThat(x.number(3)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @ParameterizedTest
  @ValueSource(ints = {4096, 64, 5})
  void randomMixedColumnsRoundTripWithAnyDictionaryCap(int cap) throws IOException {
    Random random = new Random(cap);
    StringBuilder csv = new StringBuilder("n,small,text,mixed,t\n");
    String[] missing = {"", "NA", "NaN", "null", " na "};
    for (int r = 0; r < 3000; r++) {
      if (random.nextInt(200) == 0) {
        csv.append("short,row\n");
        continue;
      }
      csv.append(String.format(Locale.ROOT, "%.6f", random.nextGaussian() * 100)).append(',');
      csv.append(random.nextInt(10) == 0 ? missing[random.nextInt(5)] : random.nextInt(5));
      csv.append(",\"t").append(random.nextInt(1000)).append(random.nextBoolean() ? "\n\"" : "\"");
      csv.append(',');
      csv.append(
          switch (random.nextInt(6)) {
            case 0 -> "inf";
            case 1 -> "-1e308";
            case 2 -> "x" + random.nextInt(3);
            case 3 -> missing[random.nextInt(5)];
            default -> Integer.toString(random.nextInt(100_000));
          });
      csv.append(',').append(random.nextInt(2)).append('\n');
    }

    ColumnCache cache = write(csv.toString(), cap, 512);

    Set<ColumnChunk.Kind> kinds = assertSameAsCsv(cache, dir.resolve("data.csv"));
    assertThat(kinds).contains(ColumnChunk.Kind.DICTIONARY);
    if (cap < 100) {
      assertThat(kinds).contains(ColumnChunk.Kind.NUMBER, ColumnChunk.Kind.STRINGS);
    }
  }

  @Test
  void aHeaderOnlyFileGivesAnEmptyCache() throws IOException {
    ColumnCache cache = write("a,b\n", 3, 4);

    assertThat(cache.header()).containsExactly("a", "b");
    assertThat(cache.rows()).isZero();
    assertThat(cache.groupCount()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 100, -24, -23, -1})
  void aTruncatedCacheIsRefused(int length) throws IOException {
    write(HOSTILE, 3, 4);
    Path file = dir.resolve("cache");
    byte[] bytes = Files.readAllBytes(file);
    Path cut = dir.resolve("cut");
    Files.write(cut, java.util.Arrays.copyOf(bytes, length >= 0 ? length : bytes.length + length));

    assertThatThrownBy(() -> ColumnCache.open(cut, SHA))
        .isInstanceOf(ColumnCache.DamagedException.class)
        .hasMessageContaining("column cache cut");
  }

  @Test
  void aFlippedByteAnywhereIsRefused() throws IOException {
    write(HOSTILE, 3, 4);
    byte[] bytes = Files.readAllBytes(dir.resolve("cache"));
    Path damaged = dir.resolve("damaged");
    List<Integer> accepted = new ArrayList<>();
    for (int at = 0; at < bytes.length; at++) {
      byte[] copy = bytes.clone();
      copy[at] ^= 0x10;
      Files.write(damaged, copy);
      try {
        ColumnCache.open(damaged, SHA);
        accepted.add(at);
      } catch (ColumnCache.DamagedException expected) {
        // refused, as it should be
      }
    }

    assertThat(accepted).as("damaged bytes accepted (of %d)", bytes.length).isEmpty();
  }

  /**
   * Opened to be verified as read, a cache with any byte flipped is refused at open or, for a byte
   * of a row group, when that group is first read, never read wrongly; an intact group before it
   * reads.
   */
  @Test
  void aFlippedByteAnywhereIsRefusedAtOpenOrWhenItsGroupIsRead() throws IOException {
    write(HOSTILE, 3, 4);
    byte[] bytes = Files.readAllBytes(dir.resolve("cache"));
    Path damaged = dir.resolve("damaged");
    List<Integer> accepted = new ArrayList<>();
    int refusedLate = 0;
    for (int at = 0; at < bytes.length; at++) {
      byte[] copy = bytes.clone();
      copy[at] ^= 0x10;
      Files.write(damaged, copy);
      ColumnCache cache;
      try {
        cache = ColumnCache.openVerifyingAsRead(damaged, SHA);
      } catch (ColumnCache.DamagedException expected) {
        continue;
      }
      try {
        ColumnChunk chunk = new ColumnChunk();
        for (int g = 0; g < cache.groupCount(); g++) {
          ColumnCache.Group group = cache.group(g);
          for (int c = 0; c < cache.header().size(); c++) {
            group.column(c, chunk);
          }
        }
        accepted.add(at);
      } catch (ColumnCache.DamagedException expected) {
        refusedLate++;
        assertThat(expected).hasMessageContaining("checksum mismatch");
      }
    }

    assertThat(accepted).as("damaged bytes accepted (of %d)", bytes.length).isEmpty();
    assertThat(refusedLate).as("refused only when their group was read").isGreaterThan(100);
  }

  @Test
  void aCacheOfOtherDataIsRefused() throws IOException {
    write(HOSTILE, 3, 4);

    assertThatThrownBy(() -> ColumnCache.open(dir.resolve("cache"), "b".repeat(64)))
        .isInstanceOf(ColumnCache.DamagedException.class)
        .hasMessageContaining("other data");
  }

  @Test
  void aWriterClosedBeforeItCompletedLeavesNoFile() throws IOException {
    Path temp = dir.resolve("cache.tmp");
    try (ColumnCacheWriter writer = ColumnCacheWriter.create(temp, SHA)) {
      writer.header(List.of("a"));
      writer.record(new String[] {"1"}, 1, 2);
    }

    assertThat(temp).doesNotExist();
    assertThat(dir.resolve("cache")).doesNotExist();
  }
}
