package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Spark job's progress lines become progress updates; its other stdout lines do not. */
class SparkProgressTest {
  @Test
  void progressLinesAreReportedAndOtherLinesSkipped() throws Exception {
    String out =
        String.join(
            "\n",
            "some line Spark printed",
            "assay-progress: 3 20 Spark scoring: stages 0 of 2, tasks 3 of 20 (2 running)",
            "assay-progress: x 20 not a number",
            "assay-progress: 5",
            "assay-progress: 20 21 Spark predictions: stages 2 of 3, tasks 20 of 21 (1 running)",
            "");
    List<String> seen = new ArrayList<>();
    SparkProgress.follow(
        new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)),
        (done, total, message) -> seen.add(done + "/" + total + " " + message));

    assertThat(seen)
        .containsExactly(
            "3/20 Spark scoring: stages 0 of 2, tasks 3 of 20 (2 running)",
            "20/21 Spark predictions: stages 2 of 3, tasks 20 of 21 (1 running)");
  }
}
