package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkingTest {
  @Test
  void parsesRowsCountAndPeriodAndRefusesTheRest() {
    assertThat(Chunking.parse("rows=500")).isEqualTo(new Chunking.Rows(500));
    assertThat(Chunking.parse("count=7")).isEqualTo(new Chunking.Count(7));
    assertThat(Chunking.parse("period=ts:Week"))
        .isEqualTo(new Chunking.Period("ts", Chunking.Unit.WEEK));
    assertThat(Chunking.parse("period=a:b:month"))
        .isEqualTo(new Chunking.Period("a:b", Chunking.Unit.MONTH));
    assertThatThrownBy(() -> Chunking.parse("rows=-1"))
        .hasMessageStartingWith("--chunk rows= needs a whole number from 1");
    assertThatThrownBy(() -> Chunking.parse("count=10001")).hasMessageContaining("10000");
    assertThatThrownBy(() -> Chunking.parse("period=ts"))
        .hasMessageStartingWith("--chunk period= needs COLUMN:day");
    assertThatThrownBy(() -> Chunking.parse("hours=3"))
        .hasMessage(
            "--chunk must be rows=N, count=K or period=COLUMN:day|week|month, not 'hours=3'");
  }

  @Test
  void periodsAreUtcDaysIsoWeeksAndMonthsOfTheLeadingDate() {
    assertThat(Chunking.periodOf("2024-03-05T23:59:59Z", Chunking.Unit.DAY))
        .isEqualTo("2024-03-05");
    assertThat(Chunking.periodOf("2024-03-05 10:00", Chunking.Unit.MONTH)).isEqualTo("2024-03");
    // ISO 8601 weeks: 2024-12-30 (a Monday) is in 2025-W01; 2021-01-03 (a Sunday) in 2020-W53.
    assertThat(Chunking.periodOf("2024-12-30", Chunking.Unit.WEEK)).isEqualTo("2025-W01");
    assertThat(Chunking.periodOf("2021-01-03", Chunking.Unit.WEEK)).isEqualTo("2020-W53");
    assertThat(Chunking.periodOf("2021-01-04", Chunking.Unit.WEEK)).isEqualTo("2021-W01");
    assertThat(Chunking.periodOf("not a date", Chunking.Unit.DAY)).isNull();
    assertThat(Chunking.periodOf("", Chunking.Unit.DAY)).isNull();
    assertThat(Chunking.periodOf("2024-02-30", Chunking.Unit.DAY)).isNull();
  }
}
