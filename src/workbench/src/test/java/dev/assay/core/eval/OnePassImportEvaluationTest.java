package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.PendingImport;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The first evaluation of a new file imports it in the same pass (one parse): the dataset version
 * (profile, row count, stored copy, column cache bytes), the run and its predictions are exactly
 * those of an import followed by an evaluation, which is the reference here (a second workbench). A
 * pass that ends in a refusal leaves the same refusal, registered dataset and failed run.
 */
class OnePassImportEvaluationTest {
  @TempDir Path dir;

  private static Function<DatasetVersion, EvaluationRequest> requests(
      ModelVersion model, String target, int threads) {
    return data ->
        EvaluationRequest.builder(model, data, target)
            .provider(ExecutionProvider.CPU)
            .threads(threads)
            .build();
  }

  private record Outcome(
      EvaluationResult result,
      DatasetVersion dataset,
      byte[] cache,
      byte[] stored,
      List<String> predictions) {}

  private Outcome evaluate(String home, Path file, String modelFile, String target, boolean onePass)
      throws IOException {
    try (TestWorkbench bench = TestWorkbench.open(dir.resolve(home))) {
      ModelVersion model = bench.importModel(TestModels.sample(modelFile), null);
      Function<DatasetVersion, EvaluationRequest> requests = requests(model, target, 0);
      EvaluationResult result;
      if (onePass) {
        PendingImport pending =
            bench.workbench().datasets().prepare(file, null, Progress.NONE, Cancellation.NONE);
        assertThat(pending.existing()).isNull();
        result =
            bench
                .workbench()
                .evaluations()
                .run(pending, requests, Progress.NONE, Cancellation.NONE);
      } else {
        result = bench.run(requests.apply(bench.importCsv(file)));
      }
      DatasetRegistry datasets = bench.workbench().datasets();
      assertThat(datasets.list()).hasSize(1);
      DatasetVersion dataset = datasets.list().getFirst();
      Path copy = datasets.file(dataset);
      return new Outcome(
          result,
          dataset,
          Files.readAllBytes(copy.resolveSibling(DatasetRegistry.COLUMN_CACHE)),
          Files.readAllBytes(copy),
          predictions(bench, result, home));
    }
  }

  private List<String> predictions(TestWorkbench bench, EvaluationResult result, String home) {
    try {
      Path csv = dir.resolve(home + "-predictions.csv");
      new PredictionsExport(bench.workbench().runs(), dir.resolve(home + "-scratch"))
          .toCsv(result.run().id(), csv);
      assertThat(bench.workbench().runs().get(result.run().id()).status())
          .isEqualTo(RunStatus.COMPLETED);
      return Files.readAllLines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The sample CSV with gaps: rows of the wrong width, a missing target, and gzip-compressed; with
   * {@code spellings}, also one number written several ways in a bound column (the profile keeps
   * the first spelling and counts them as one value, the cache keeps each) and an unbound text
   * column, so the numbers the evaluation parsed and hands to the profile must match a re-parse.
   */
  private Path withGaps(String dataFile, boolean gzip, boolean spellings) throws IOException {
    List<String> lines =
        new ArrayList<>(
            Files.readAllLines(TestModels.repoRoot().resolve("models/data/" + dataFile)));
    if (spellings) {
      String[] forms = {"0.5", "+0.5", " 0.50", "5e-1", ".5", "-0", "0", "0.0", "1E0"};
      for (int i = 1; i < lines.size(); i++) {
        String[] cells = lines.get(i).split(",", -1);
        if (i <= forms.length) {
          cells[0] = forms[i - 1];
        }
        lines.set(i, String.join(",", cells) + "," + (i % 3 == 0 ? "n/a" : "x" + (i % 7)));
      }
      lines.set(0, lines.getFirst() + ",note");
    }
    lines.add(3, lines.get(3) + ",extra");
    String[] cells = lines.get(7).split(",", -1);
    int target = List.of(lines.getFirst().split(",")).indexOf("deny");
    if (target >= 0) {
      cells[target] = "";
      lines.set(7, String.join(",", cells));
    }
    Path file = dir.resolve(dataFile + (gzip ? ".gz" : ""));
    byte[] text =
        (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (gzip) {
      try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(text);
      }
    } else {
      Files.write(file, text);
    }
    return file;
  }

  @ParameterizedTest(name = "{0} on {1}, gzip {3}, spellings {4}")
  @CsvSource({
    "hmda-deny-v2.onnx, hmda_test.csv, deny, true, false",
    "hmda-deny-v3.onnx, hmda_test.csv, deny, false, false",
    "hmda-deny-v2.onnx, hmda_test.csv, deny, false, true",
    "breast-cancer-v1.onnx, breast_cancer_test.csv, target, false, false",
    "breast-cancer-v1.onnx, breast_cancer_test.csv, target, true, true"
  })
  void aNewFileEvaluatedInTheImportsPassGivesWhatImportThenEvaluateGives(
      String modelFile, String dataFile, String target, boolean gzip, boolean spellings)
      throws IOException {
    Path file = withGaps(dataFile, gzip, spellings);

    Outcome reference = evaluate("two-passes", file, modelFile, target, false);
    Outcome onePass = evaluate("one-pass", file, modelFile, target, true);

    assertThat(onePass.dataset().profile()).isEqualTo(reference.dataset().profile());
    assertThat(onePass.dataset().rows()).isEqualTo(reference.dataset().rows());
    assertThat(onePass.dataset().ref()).isEqualTo(reference.dataset().ref());
    assertThat(onePass.dataset().sha256()).isEqualTo(reference.dataset().sha256());
    assertThat(onePass.stored()).isEqualTo(reference.stored());
    assertThat(onePass.cache()).isEqualTo(reference.cache());
    EvaluationResult expected = reference.result();
    EvaluationResult actual = onePass.result();
    assertThat(actual.run().dataset()).isEqualTo(expected.run().dataset());
    assertThat(actual.rows()).isEqualTo(expected.rows());
    assertThat(actual.skippedRows()).isEqualTo(expected.skippedRows());
    assertThat(actual.metrics()).isEqualTo(expected.metrics());
    assertThat(actual.warnings()).isEqualTo(expected.warnings());
    assertThat(actual.classOrder()).isEqualTo(expected.classOrder());
    assertThat(onePass.predictions()).isEqualTo(reference.predictions());
    if (dataFile.startsWith("hmda")) {
      assertThat(actual.skippedRows()).isEqualTo(2);
    }
  }

  @Test
  void aRefusalInThePassIsTheUsualRefusalWithTheDatasetRegisteredAndTheRunFailed()
      throws IOException {
    List<String> lines =
        new ArrayList<>(
            Files.readAllLines(TestModels.repoRoot().resolve("models/data/hmda_test.csv")));
    String[] cells = lines.get(5).split(",", -1);
    int column = List.of(lines.getFirst().split(",")).indexOf("lvrat");
    cells[column] = "abc";
    lines.set(5, String.join(",", cells));
    Path file = dir.resolve("bad.csv");
    Files.write(file, lines);

    List<String> messages = new ArrayList<>();
    for (boolean onePass : new boolean[] {false, true}) {
      try (TestWorkbench bench = TestWorkbench.open(dir.resolve("bad-" + onePass))) {
        ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v2.onnx"), null);
        Function<DatasetVersion, EvaluationRequest> requests = requests(model, "deny", 0);
        var evaluations = bench.workbench().evaluations();
        var datasets = bench.workbench().datasets();
        assertThatThrownBy(
                () -> {
                  if (onePass) {
                    evaluations.run(
                        datasets.prepare(file, null, Progress.NONE, Cancellation.NONE),
                        requests,
                        Progress.NONE,
                        Cancellation.NONE);
                  } else {
                    bench.run(requests.apply(bench.importCsv(file)));
                  }
                })
            .isInstanceOf(AssayException.class)
            .satisfies(e -> messages.add(e.getMessage()));
        assertThat(datasets.list()).hasSize(1);
        assertThat(bench.workbench().runs().list(null))
            .singleElement()
            .satisfies(run -> assertThat(run.status()).isEqualTo(RunStatus.FAILED));
      }
    }
    assertThat(messages.get(1)).isEqualTo(messages.get(0)).contains("'abc' is not a number");
  }
}
