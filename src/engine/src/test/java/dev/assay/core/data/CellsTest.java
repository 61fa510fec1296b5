package dev.assay.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "NA", "na", " NaN ", "nan", "null", "NULL", "\tNull"})
  void emptyNaNaNAndNullAreMissingAndParseToNaN(String cell) {
    assertThat(Cells.isMissing(cell)).isTrue();
    assertThat(Cells.isNumeric(cell)).isFalse();
    assertThat(Cells.parseNumber(cell)).isNaN();
  }

  @Test
  void nullReferenceIsMissing() {
    assertThat(Cells.isMissing(null)).isTrue();
    assertThat(Cells.parseNumber(null)).isNaN();
  }

  @ParameterizedTest
  @ValueSource(strings = {"inf", "+inf", "INF", "Infinity", "+Infinity", " infinity "})
  void positiveInfinityTokensAreNumeric(String cell) {
    assertThat(Cells.isNumeric(cell)).isTrue();
    assertThat(Cells.isMissing(cell)).isFalse();
    assertThat(Cells.parseNumber(cell)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-inf", "-Infinity", "-INFINITY"})
  void negativeInfinityTokensAreNumeric(String cell) {
    assertThat(Cells.parseNumber(cell)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void parsesDecimalNotationAfterTrimming() {
    assertThat(Cells.parseNumber(" 42 ")).isEqualTo(42.0);
    assertThat(Cells.parseNumber("-0.5")).isEqualTo(-0.5);
    assertThat(Cells.parseNumber("+.25")).isEqualTo(0.25);
    assertThat(Cells.parseNumber("1.")).isEqualTo(1.0);
    assertThat(Cells.parseNumber("1e3")).isEqualTo(1000.0);
    assertThat(Cells.parseNumber("2.5E-3")).isEqualTo(0.0025);
    assertThat(Cells.parseNumber("-0")).isEqualTo(-0.0);
    assertThat(Cells.parseNumber("0.319799995422363")).isEqualTo(0.319799995422363);
    assertThat(Cells.parseNumber("123456789012345678901234567890"))
        .isEqualTo(123456789012345678901234567890.0);
    assertThat(Cells.parseNumber("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Cells.parseNumber("4.9e-324")).isEqualTo(Double.MIN_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1,5", "1.2.3", "e5", "1e", "--1", "+", ".", "1d", "0x10", "12a"})
  void textIsNotNumericAndParseNumberThrows(String cell) {
    assertThat(Cells.isNumeric(cell)).isFalse();
    assertThat(Cells.isMissing(cell)).isFalse();
    assertThat(Cells.parseOrNaN(cell)).isNaN();
    assertThatThrownBy(() -> Cells.parseNumber(cell))
        .isInstanceOf(NumberFormatException.class)
        .hasMessageContaining(cell);
  }

  @Test
  void fastPathGivesExactlyTheDoubleThatParseDoubleGives() {
    SplittableRandom random = new SplittableRandom(20260101);
    for (int i = 0; i < 200_000; i++) {
      String text =
          switch (i % 4) {
            case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
            case 1 ->
                String.format(
                    Locale.ROOT, "%." + random.nextInt(0, 18) + "f", random.nextDouble(-1e6, 1e6));
            case 2 -> Long.toString(random.nextLong()) + "e" + random.nextInt(-40, 40);
            default ->
                random.nextInt(0, 1_000_000)
                    + "."
                    + String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
          };
      assertThat(Cells.parseNumber(text)).as(text).isEqualTo(Double.parseDouble(text));
      assertThat(Cells.isNumeric(text)).as(text).isTrue();
    }
  }
}
