package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorAfterProgressTest {
  @TempDir Path dir;

  @Test
  void anErrorAfterAProgressLineStartsOnALineOfItsOwn() throws Exception {
    List<String> lines =
        Files.readAllLines(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    String header = lines.getFirst();
    // The last of 20,000 data rows has +inf in every feature, passed to the model with
    // --allow-nonfinite: the logistic model's weights of both signs make its score inf - inf, a NaN
    // probability, found while the batches (of 100 rows) are scored, long after the progress line
    // has started.
    int target = List.of(header.split(",")).indexOf("deny");
    String[] bad = lines.get(1).split(",", -1);
    for (int c = 0; c < bad.length; c++) {
      if (c != target) {
        bad[c] = "inf";
      }
    }
    Path data = dir.resolve("bad.csv");
    List<String> rows = new java.util.ArrayList<>();
    rows.add(header);
    for (int i = 0; i < 20_000 - 1; i++) {
      rows.add(lines.get(1 + i % (lines.size() - 1)));
    }
    rows.add(String.join(",", bad));
    Files.write(data, rows);
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            option -> new WorkbenchHome(dir.resolve("home")),
            home -> Workbench.open(home, Clock.systemUTC(), "tester"),
            home -> {
              throw new AssertionError("no desktop");
            },
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));

    int code =
        new AssayCli(context)
            .run(
                "eval",
                "--model",
                TestModels.sample("hmda-deny-v1.onnx").toString(),
                "--data",
                data.toString(),
                "--target",
                "deny",
                "--batch",
                "100",
                "--allow-nonfinite");

    assertThat(code).isEqualTo(1);
    String text = err.toString();
    assertThat(text).contains("\reval: ");
    // The data findings come first ("assay: data: ..."); the error is the last line.
    int error = text.lastIndexOf("assay: ");
    assertThat(error).as(text).isGreaterThan(text.indexOf("\reval: "));
    assertThat(text.substring(error)).as(text).contains("NaN");
    assertThat(text.charAt(error - 1)).as(text).isIn('\n');
  }
}
