package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay drift --model --chunk period=day:month}: CBPE per month, the timestamp column joined
 * to the run's rows by data row. Each month's estimate must equal the whole-data estimate of a file
 * holding exactly that month's rows (the unchunked path, same reference calibration), and its
 * realised accuracy the {@code assay eval} accuracy of that file (the evaluation's own code). The
 * months interleave in the file, so a chunk by position would not pass; one row has no date, two
 * have the wrong number of fields.
 */
class DriftPeriodEstimateCommandTest {
  @TempDir Path dir;

  private static final String MODEL = "hmda-deny-v2.onnx";

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  private static String month(int i) {
    return i == 5 ? "no date" : i % 3 == 0 ? "2024-02-11" : "2024-01-20";
  }

  private Path write(String name, List<String> lines) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, lines);
    return file;
  }

  private JsonNode eval(String data) throws Exception {
    CliRun.Outcome eval =
        assay(
            "eval",
            "--model",
            TestModels.sample(MODEL).toString(),
            "--data",
            data,
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(eval.code()).as(eval.err()).isZero();
    return eval.json();
  }

  private JsonNode drift(String version, String current, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "drift",
                "--model",
                version,
                "--reference",
                "ref",
                "--current",
                current,
                "--features",
                "pirat,hirat",
                "--json",
                "-",
                "--quiet"));
    args.addAll(List.of(more));
    CliRun.Outcome d = assay(args.toArray(String[]::new));
    assertThat(d.code()).as(d.err()).isIn(0, 4);
    return d.json();
  }

  @Test
  void eachMonthsEstimateIsCbpeOverExactlyThatMonthsRows() throws Exception {
    List<String> train = Files.readAllLines(TestModels.sample("data/hmda_train.csv"));
    List<String> test = Files.readAllLines(TestModels.sample("data/hmda_test.csv"));
    List<String> ref = new ArrayList<>(List.of("day," + train.get(0)));
    for (int i = 1; i < train.size(); i++) {
      ref.add((i % 2 == 0 ? "2024-01-03" : "2024-02-03") + "," + train.get(i));
    }
    List<String> cur = new ArrayList<>(List.of("day," + test.get(0)));
    List<String> jan = new ArrayList<>(List.of(cur.get(0)));
    List<String> feb = new ArrayList<>(List.of(cur.get(0)));
    for (int i = 1; i < test.size(); i++) {
      String line = month(i - 1) + "," + test.get(i);
      cur.add(line);
      if (line.startsWith("2024-01")) {
        jan.add(line);
      } else if (line.startsWith("2024-02")) {
        feb.add(line);
      }
    }
    // rows with the wrong number of fields: skipped by the evaluation but counted in its row
    // numbers; the join must not shift the rows after them into the wrong month
    cur.add(4, "2024-02-11,1,2");
    cur.add(11, "2024-01-20");
    String version = eval(write("ref.csv", ref).toString()).get("run").get("model").asText();
    eval(write("cur.csv", cur).toString());
    JsonNode janRun = eval(write("jan.csv", jan).toString());
    JsonNode febRun = eval(write("feb.csv", feb).toString());

    JsonNode e = drift(version, "cur", "--chunk", "period=day:month").get("estimated_performance");
    assertThat(e.get("unassigned_rows").asLong()).isEqualTo(1);
    JsonNode chunks = e.get("chunks");
    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).get("chunk").asText()).isEqualTo("2024-01");
    assertThat(chunks.get(1).get("chunk").asText()).isEqualTo("2024-02");
    String[] names = {"jan", "feb"};
    JsonNode[] runs = {janRun, febRun};
    for (int m = 0; m < 2; m++) {
      JsonNode chunk = chunks.get(m);
      JsonNode whole = drift(version, names[m]).get("estimated_performance");
      assertThat(chunk.get("rows").asLong()).as(names[m]).isEqualTo(runs[m].get("rows").asLong());
      assertThat(chunk.get("rows").asLong()).isEqualTo(whole.get("rows").asLong());
      for (String k : List.of("accuracy", "accuracy_standard_error", "precision", "recall", "f1")) {
        assertThat(chunk.get(k).asDouble())
            .as(names[m] + " " + k)
            .isCloseTo(whole.get(k).asDouble(), within(1e-12));
      }
      assertThat(chunk.get("roc_auc").asDouble())
          .isCloseTo(whole.get("roc_auc").asDouble(), within(1e-12));
      assertThat(chunk.get("realised_accuracy").asDouble())
          .isCloseTo(runs[m].get("metrics").get("accuracy").asDouble(), within(1e-12));
    }
    assertThat(chunks.get(0).get("rows").asLong() + chunks.get(1).get("rows").asLong())
        .isEqualTo(test.size() - 2);
  }
}
