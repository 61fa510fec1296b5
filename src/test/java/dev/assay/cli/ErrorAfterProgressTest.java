package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Workbench;
import dev.assay.core.WorkbenchHome;
import dev.assay.testing.TestModels;
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
    int target = List.of(header.split(",")).indexOf("deny");
    String[] bad = lines.get(1).split(",", -1);
    bad[target] = "7";
    Path data = dir.resolve("bad.csv");
    Files.write(data, List.of(header, lines.get(2), String.join(",", bad)));
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
                "deny");

    assertThat(code).isEqualTo(1);
    String text = err.toString();
    assertThat(text).contains("\reval: ");
    int error = text.indexOf("assay: ");
    assertThat(error).isPositive();
    assertThat(text.charAt(error - 1)).as(text).isIn('\n');
  }
}
