package dev.assay.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetProfilerTest {

  @TempDir Path dir;

  private static final Path DATA =
      Path.of(System.getProperty("assay.repo.root", "."), "models", "data");

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static DatasetProfile profile(Path file) {
    return DatasetProfiler.profile(file, Progress.NONE, Cancellation.NONE);
  }

  private static List<DataFinding> findings(DatasetProfile profile, String kind) {
    return profile.findings().stream().filter(f -> f.kind().equals(kind)).toList();
  }

  @Test
  void profilesManyChunksOnTheSecondThreadInFileOrderWithExactCountsAndRows() throws IOException {
    // 10,007 rows: several hand-overs to the accumulating thread plus a partial last one
    StringBuilder text = new StringBuilder("x,kind\n");
    for (int i = 1; i <= 10_007; i++) {
      text.append(i == 5_000 ? "" : Integer.toString(i)).append(',').append(i % 3 == 0 ? "a" : "b");
      text.append('\n');
    }
    DatasetProfile profile = profile(write("many.csv", text.toString()));
    assertThat(profile.rows()).isEqualTo(10_007);
    ColumnProfile x = profile.column("x").orElseThrow();
    assertThat(x.min()).isEqualTo(1.0);
    assertThat(x.max()).isEqualTo(10_007.0);
    // mean of 1..10007 without 5000
    assertThat(x.mean()).isCloseTo((10_007.0 * 10_008 / 2 - 5_000) / 10_006, within(1e-9));
    assertThat(findings(profile, "missing_values").getFirst().rows()).containsExactly(5_000L);
    assertThat(profile.column("kind").orElseThrow().topCategories())
        .containsExactly(new CategoryCount("b", 6_672), new CategoryCount("a", 3_335));
  }

  @Test
  void typesColumnsAndComputesStatisticsAndTopCategories() throws IOException {
    Path file = write("p.csv", "x,color,blank\n1,red,\n2,blue,NA\n3,red,\n4,green,null\n5,red,\n");
    DatasetProfile profile = profile(file);
    assertThat(profile.rows()).isEqualTo(5);
    ColumnProfile x = profile.column("x").orElseThrow();
    assertThat(x.type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(x.min()).isEqualTo(1.0);
    assertThat(x.max()).isEqualTo(5.0);
    assertThat(x.mean()).isEqualTo(3.0);
    assertThat(x.std()).isCloseTo(Math.sqrt(2.5), within(1e-12));
    assertThat(x.distinct()).isEqualTo(5);
    ColumnProfile color = profile.column("color").orElseThrow();
    assertThat(color.type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(color.mean()).isNull();
    assertThat(color.topCategories())
        .containsExactly(
            new CategoryCount("red", 3),
            new CategoryCount("blue", 1),
            new CategoryCount("green", 1));
    assertThat(profile.column("blank").orElseThrow().type()).isEqualTo(ColumnType.EMPTY);
    assertThat(findings(profile, "empty_column"))
        .singleElement()
        .satisfies(f -> assertThat(f.column()).isEqualTo("blank"));
  }

  @Test
  void nanInfEmptyNaAndNullTokensAreCountedAsMissingOrInfinite() throws IOException {
    Path file = write("tokens.csv", "v\n1\nNaN\ninf\n\n-inf\nNA\nnull\n2\n \"\" \n3\n");
    DatasetProfile profile = profile(file);
    // the blank line is skipped; the quoted empty field is a missing value
    assertThat(profile.rows()).isEqualTo(9);
    ColumnProfile v = profile.columns().getFirst();
    assertThat(v.type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(v.missing()).isEqualTo(4);
    assertThat(v.infinite()).isEqualTo(2);
    assertThat(v.min()).isEqualTo(1.0);
    assertThat(v.max()).isEqualTo(3.0);
    assertThat(v.mean()).isEqualTo(2.0);
    DataFinding infinite = findings(profile, "infinite_values").getFirst();
    assertThat(infinite.rows()).containsExactly(3L, 4L);
    assertThat(infinite.count()).isEqualTo(2);
    DataFinding missing = findings(profile, "missing_values").getFirst();
    assertThat(missing.rows()).containsExactly(2L, 5L, 6L, 8L);
    assertThat(missing.message()).isEqualTo("column 'v': 4 of 9 values missing (44.4%)");
    assertThat(missing.severity()).isEqualTo(DataSeverity.WARNING);
  }

  @Test
  void shortAndLongRowsAreReportedWithRowNumbersAndLeftOut() throws IOException {
    Path file = write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n13,14,15\n");
    DatasetProfile profile = profile(file);
    assertThat(profile.rows()).isEqualTo(3);
    DataFinding wrong = findings(profile, "wrong_field_count").getFirst();
    assertThat(wrong.rows()).containsExactly(2L, 4L);
    assertThat(wrong.count()).isEqualTo(2);
    assertThat(wrong.column()).isNull();
    assertThat(wrong.message())
        .contains("row 2 (line 3) has 2 fields")
        .contains("row 4 (line 5) has 4 fields")
        .contains("header (3)");
    assertThat(profile.column("a").orElseThrow().max()).isEqualTo(13.0);
  }

  @Test
  void nonNumericCellsInAMostlyNumericColumnAreReportedWithRows() throws IOException {
    StringBuilder text = new StringBuilder("n\n");
    for (int i = 1; i <= 20; i++) {
      text.append(i == 7 ? "seven" : Integer.toString(i)).append('\n');
    }
    DatasetProfile profile = profile(write("n.csv", text.toString()));
    ColumnProfile n = profile.columns().getFirst();
    assertThat(n.type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(n.nonNumeric()).isEqualTo(1);
    DataFinding finding = findings(profile, "non_numeric").getFirst();
    assertThat(finding.rows()).containsExactly(7L);
    assertThat(finding.message()).contains("column 'n'").contains("row 7 'seven'");
  }

  @Test
  void columnWithFewerThanNinetyPercentNumbersIsCategorical() throws IOException {
    DatasetProfile profile = profile(write("c.csv", "code\n1\n2\nA7\n4\n5\n"));
    assertThat(profile.columns().getFirst().type()).isEqualTo(ColumnType.CATEGORICAL);
    assertThat(findings(profile, "non_numeric")).isEmpty();
  }

  @Test
  void duplicateColumnNamesAreAnError() throws IOException {
    DatasetProfile profile = profile(write("dup.csv", "id,x,y,x\n1,2,3,4\n2,3,4,5\n"));
    DataFinding dup = findings(profile, "duplicate_column").getFirst();
    assertThat(dup.severity()).isEqualTo(DataSeverity.ERROR);
    assertThat(dup.column()).isEqualTo("x");
    assertThat(dup.message()).contains("columns 2, 4");
    assertThat(profile.findings().getFirst()).isEqualTo(dup);
  }

  @Test
  void constantColumnIsAWarning() throws IOException {
    DatasetProfile profile = profile(write("k.csv", "k,v\n1,a\n1.0,b\n1,c\n"));
    DataFinding constant = findings(profile, "constant_column").getFirst();
    assertThat(constant.column()).isEqualTo("k");
    assertThat(constant.severity()).isEqualTo(DataSeverity.WARNING);
    assertThat(findings(profile, "constant_column")).hasSize(1);
  }

  @Test
  void headerOnlyFileHasZeroRowsAndEmptyColumns() throws IOException {
    DatasetProfile profile = profile(write("h.csv", "a,b\n"));
    assertThat(profile.rows()).isZero();
    assertThat(profile.columns()).extracting(ColumnProfile::type).containsOnly(ColumnType.EMPTY);
    assertThat(profile.findings()).isEmpty();
  }

  @Test
  void emptyFileIsAClearError() throws IOException {
    Path file = write("none.csv", "");
    assertThatThrownBy(() -> profile(file))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("none.csv");
  }

  @Test
  void reportsProgressAndStopsWhenCancelled() throws IOException {
    StringBuilder text = new StringBuilder("a\n");
    for (int i = 0; i < 20_000; i++) {
      text.append(i).append('\n');
    }
    Path file = write("big.csv", text.toString());
    AtomicLong last = new AtomicLong(-1);
    profile(file).rows();
    DatasetProfiler.profile(file, (done, total, message) -> last.set(done), Cancellation.NONE);
    assertThat(last.get()).isEqualTo(Files.size(file));
    assertThatThrownBy(() -> DatasetProfiler.profile(file, Progress.NONE, () -> true))
        .isInstanceOf(Cancellation.CancelledException.class);
  }

  @Test
  void titanicTestProfileMatchesIndependentLineSplitCounts() throws IOException {
    Path file = DATA.resolve("titanic_test.csv");
    List<String> lines = Files.readAllLines(file);
    int ageIndex = List.of(lines.getFirst().split(",", -1)).indexOf("age");
    long expectedMissing =
        lines.stream().skip(1).filter(l -> l.split(",", -1)[ageIndex].isEmpty()).count();
    assertThat(expectedMissing).isPositive();

    DatasetProfile profile = profile(file);
    assertThat(profile.rows()).isEqualTo(393).isEqualTo(lines.size() - 1);
    ColumnProfile age = profile.column("age").orElseThrow();
    assertThat(age.type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(age.missing()).isEqualTo(expectedMissing);
    assertThat(profile.column("sex").orElseThrow().type()).isEqualTo(ColumnType.CATEGORICAL);
    DataFinding missing =
        profile.findings().stream()
            .filter(f -> f.kind().equals("missing_values") && "age".equals(f.column()))
            .findFirst()
            .orElseThrow();
    assertThat(missing.count()).isEqualTo(expectedMissing);
    assertThat(missing.rows()).hasSize(DatasetProfiler.MAX_EXAMPLE_ROWS);
  }

  @Test
  void hmdaTestProfileIsAllNumericAndMatchesIndependentStatistics() throws IOException {
    Path file = DATA.resolve("hmda_test.csv");
    List<String> lines = Files.readAllLines(file);
    List<String> names = List.of(lines.getFirst().split(","));
    int lvrat = names.indexOf("lvrat");
    List<Double> values = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      values.add(Double.parseDouble(line.split(",")[lvrat]));
    }
    double min = values.stream().mapToDouble(d -> d).min().orElseThrow();
    double max = values.stream().mapToDouble(d -> d).max().orElseThrow();
    double mean = values.stream().mapToDouble(d -> d).sum() / values.size();

    DatasetProfile profile = profile(file);
    assertThat(profile.rows()).isEqualTo(714);
    assertThat(profile.columns()).hasSize(14);
    assertThat(profile.columns()).extracting(ColumnProfile::type).containsOnly(ColumnType.NUMERIC);
    ColumnProfile column = profile.column("lvrat").orElseThrow();
    assertThat(column.min()).isEqualTo(min);
    assertThat(column.max()).isEqualTo(max);
    assertThat(column.mean()).isCloseTo(mean, within(1e-12));
    assertThat(column.missing()).isZero();
    assertThat(profile.dialect()).isEqualTo(new CsvDialect(',', "UTF-8", false, false));
  }
}
