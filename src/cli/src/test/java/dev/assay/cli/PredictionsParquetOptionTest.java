package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --predictions-parquet} (issue 21) is written by the Spark job: without {@code --engine
 * spark}, and on {@code assay drift}, which writes no predictions, it is refused in one line with
 * the usage exit code, before anything is read.
 */
class PredictionsParquetOptionTest {
  @TempDir Path home;

  @Test
  void refusedWithoutTheSparkEngine() {
    for (String command : new String[] {"eval", "fairness"}) {
      CliRun.Outcome outcome =
          CliRun.run(
              home,
              command,
              "--model",
              "m:1",
              "--data",
              "d.csv",
              "--target",
              "y",
              "--sensitive",
              "s",
              "--predictions-parquet",
              home.resolve("p.parquet").toString());
      assertThat(outcome.code()).as(command + ": " + outcome.err()).isEqualTo(2);
      assertThat(outcome.err().strip())
          .as(command)
          .isEqualTo("assay: --predictions-parquet needs --engine spark");
    }
  }

  @Test
  void refusedOnDrift() {
    CliRun.Outcome outcome =
        CliRun.run(
            home,
            "drift",
            "--engine",
            "spark",
            "--model",
            "m:1",
            "--reference",
            "r.csv",
            "--current",
            "c.csv",
            "--predictions-parquet",
            home.resolve("p.parquet").toString());
    assertThat(outcome.code()).as(outcome.err()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .isEqualTo("assay: --predictions-parquet is for assay eval and assay fairness");
  }
}
