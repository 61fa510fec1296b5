package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** What the {@code assay explain} command tests share: a workbench home, the sample model, HMDA. */
abstract class ExplainCommandFixture {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  /** {@code assay explain --model <the linear HMDA sample> --data <hmda_test.csv> more...}. */
  CliRun.Outcome explain(String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "explain";
    args[1] = "--model";
    args[2] = model();
    args[3] = "--data";
    args[4] = hmdaPath().toString();
    System.arraycopy(more, 0, args, 5, more.length);
    return assay(args);
  }

  static String model() {
    return TestModels.sample("hmda-deny-v2.onnx").toString();
  }

  static Path hmdaPath() {
    return TestModels.repoRoot().resolve("models/data/hmda_test.csv");
  }
}
