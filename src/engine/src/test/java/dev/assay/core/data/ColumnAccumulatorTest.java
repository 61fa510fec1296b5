package dev.assay.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnAccumulatorTest {

  /** The counting the accumulator did before its primitive table: one boxed-key map in order. */
  private static final class Reference {
    final Map<Object, long[]> counts = new LinkedHashMap<>();
    final Map<Object, String> spelling = new LinkedHashMap<>();
    boolean capped;

    void add(String cell, int cap) {
      if (Cells.isMissing(cell)) {
        return;
      }
      double value = Cells.parseOrNaN(cell);
      Object key = Double.isNaN(value) ? cell.strip() : (Object) (value == 0.0 ? 0.0 : value);
      long[] count = counts.get(key);
      if (count == null) {
        if (counts.size() >= cap) {
          capped = true;
          return;
        }
        count = new long[1];
        counts.put(key, count);
        spelling.put(key, cell.strip());
      }
      count[0]++;
    }

    List<CategoryCount> top() {
      List<CategoryCount> all = new ArrayList<>();
      counts.forEach((key, count) -> all.add(new CategoryCount(spelling.get(key), count[0])));
      return all.stream()
          .sorted(Comparator.comparingLong(CategoryCount::count).reversed())
          .limit(10)
          .toList();
    }
  }

  @Test
  void mixedTextAndNumbersCountLikeOneOrderedMapOfBoxedKeys() {
    String[] pool = {
      "a", " b", "b", "c", "1", "1.0", "01", "-0", "0", "0.0", "-0.0", "2.5", "x", "NA", "", "3",
      "inf", "-inf", "1e3", "1000"
    };
    Random random = new Random(7);
    for (int cap : new int[] {3, 8, 10_000}) {
      for (boolean mostlyText : new boolean[] {true, false}) {
        ColumnAccumulator column = new ColumnAccumulator("c", 0, cap, 20);
        Reference reference = new Reference();
        for (int row = 1; row <= 5000; row++) {
          String cell =
              mostlyText || random.nextInt(3) == 0
                  ? pool[random.nextInt(pool.length)]
                  : Double.toString(random.nextInt(40) / 4.0);
          column.add(cell, row);
          reference.add(cell, cap);
        }
        ColumnProfile profile = column.profile();
        assertThat(profile.distinct()).isEqualTo(reference.counts.size());
        assertThat(column.distinctCapped()).isEqualTo(reference.capped);
        if (profile.type() == ColumnType.CATEGORICAL) {
          assertThat(profile.topCategories()).isEqualTo(reference.top());
        }
      }
    }
  }

  @Test
  void manyDistinctNumbersStopAtTheCapAndStillCountKnownValues() {
    ColumnAccumulator column = new ColumnAccumulator("c", 0, 10_000, 20);
    Reference reference = new Reference();
    Random random = new Random(11);
    for (int row = 1; row <= 200_000; row++) {
      String cell = Double.toString(random.nextGaussian());
      if (row % 3 == 0) {
        cell = Integer.toString(random.nextInt(50));
      }
      column.add(cell, row);
      reference.add(cell, 10_000);
    }
    assertThat(column.distinct()).isEqualTo(10_000);
    assertThat(column.distinctCapped()).isTrue();
    assertThat(reference.capped).isTrue();
  }

  @Test
  void aConstantColumnKeepsItsFirstSpellingAndNegativeZeroIsZero() {
    ColumnAccumulator column = new ColumnAccumulator("c", 0, 10_000, 20);
    column.add("-0.0", 1);
    column.add("0", 2);
    column.add(" 0.00", 3);
    assertThat(column.distinct()).isEqualTo(1);
    assertThat(column.onlyValue()).isEqualTo("-0.0");
    assertThat(column.profile().min()).isEqualTo(-0.0);
  }
}
