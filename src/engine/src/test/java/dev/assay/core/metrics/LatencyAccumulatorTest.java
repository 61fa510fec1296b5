package dev.assay.core.metrics;

import static dev.assay.core.metrics.Golden.assertClose;
import static dev.assay.core.metrics.Golden.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class LatencyAccumulatorTest {

  @Test
  void percentilesAndThroughputMatchNumpyAfterMerging() {
    JsonNode c = Golden.load("latency.json").get("case");
    JsonNode nanos = c.get("inputs").get("nanos");
    JsonNode rows = c.get("inputs").get("rows");
    LatencyAccumulator even = new LatencyAccumulator();
    LatencyAccumulator odd = new LatencyAccumulator();
    for (int i = 0; i < nanos.size(); i++) {
      (i % 2 == 0 ? even : odd).addBatch(nanos.get(i).asLong(), rows.get(i).asInt());
    }
    even.merge(odd);
    LatencySummary s = even.snapshot(c.get("inputs").get("wall_nanos").asLong());
    JsonNode e = c.get("expected");
    assertThat(s.batches()).isEqualTo(e.get("batches").asLong());
    assertThat(s.rows()).isEqualTo(e.get("rows").asLong());
    assertClose("p50", number(e.get("p50_millis")), s.p50Millis());
    assertClose("p95", number(e.get("p95_millis")), s.p95Millis());
    assertClose("p99", number(e.get("p99_millis")), s.p99Millis());
    assertClose("rows/s", number(e.get("rows_per_second")), s.rowsPerSecond());
  }

  @Test
  void emptySummaryIsNaNNotAnError() {
    LatencySummary s = new LatencyAccumulator().snapshot(0);
    assertThat(s.batches()).isZero();
    assertThat(s.p50Millis()).isNaN();
    assertThat(s.rowsPerSecond()).isNaN();
  }
}
