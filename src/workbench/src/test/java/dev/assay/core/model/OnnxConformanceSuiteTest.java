package dev.assay.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.OnnxNodeTests;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Every model of ONNX's node conformance suite (Debian package {@code libonnx-testdata}, found or
 * fetched by the build: {@link OnnxNodeTests}) is imported and inspected into one workbench.
 */
class OnnxConformanceSuiteTest {

  /**
   * Models ONNX Runtime 1.29.0 (CPU) itself refuses, with a fragment of its reason. Assay must
   * refuse them with that reason, and must import every other model.
   */
  static final Map<String, String> REFUSED_BY_ONNX_RUNTIME = refusedByOnnxRuntime();

  /**
   * Models that need the {@code en_US.UTF-8} locale (StringNormalizer): refused with this reason on
   * machines without it, imported on machines with it.
   */
  static final Set<String> NEED_EN_US_LOCALE =
      Set.of(
          "test_strnormalizer_export_monday_casesensintive_lower",
          "test_strnormalizer_export_monday_casesensintive_upper",
          "test_strnormalizer_export_monday_empty_output",
          "test_strnormalizer_export_monday_insensintive_upper_twodim");

  static final String LOCALE_REASON = "Failed to construct locale with name:en_US.UTF-8";

  private static Map<String, String> refusedByOnnxRuntime() {
    Map<String, String> refused = new TreeMap<>();
    // training operators of ai.onnx.preview.training: not part of the inference runtime
    for (String test :
        List.of(
            "test_adagrad",
            "test_adagrad_multiple",
            "test_adam",
            "test_adam_multiple",
            "test_momentum",
            "test_momentum_multiple",
            "test_nesterov_momentum")) {
      refused.put(test, "ai.onnx.preview.training");
    }
    // element types the CPU provider has no kernel for
    refused.put("test_bitshift_left_uint16", "Could not find an implementation for BitShift(11)");
    refused.put("test_bitshift_right_uint16", "Could not find an implementation for BitShift(11)");
    refused.put("test_max_int16", "Could not find an implementation for Max(13)");
    refused.put("test_max_uint16", "Could not find an implementation for Max(13)");
    refused.put("test_min_int16", "Could not find an implementation for Min(13)");
    refused.put("test_min_uint16", "Could not find an implementation for Min(13)");
    refused.put("test_pow_types_float32_uint32", "Could not find an implementation for Pow(15)");
    refused.put("test_pow_types_float32_uint64", "Could not find an implementation for Pow(15)");
    // recurrent operators with layout = 1
    for (String test :
        List.of("test_gru_batchwise", "test_lstm_batchwise", "test_simple_rnn_batchwise")) {
      refused.put(test, "Batchwise recurrent operations (layout == 1) are not supported");
    }
    return Map.copyOf(refused);
  }

  @TempDir Path dir;

  @Test
  void missingSuiteIsSkippedWithWhatIsMissingOnAUsersMachine() {
    String missing = dir.resolve("no-testdata").toString();

    assertThatThrownBy(() -> OnnxNodeTests.locate(missing, null, Map.of()).require())
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("ONNX's node conformance suite is missing")
        .hasMessageContaining(missing);
  }

  @Test
  void missingSuiteFailsUnderCi() {
    String missing = dir.resolve("no-testdata").toString();

    assertThatThrownBy(() -> OnnxNodeTests.locate(missing, null, Map.of("CI", "true")).require())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CI=true and ONNX's node conformance suite is missing");
  }

  @Test
  void theBuildsReasonIsReportedWhenItCouldNotFetchTheSuite() throws Exception {
    Path status = dir.resolve("testdata.properties");
    Files.writeString(status, "missing=apt-get download libonnx-testdata failed\n");

    assertThatThrownBy(
            () -> OnnxNodeTests.locate(null, status.toString(), Map.of("CI", "true")).require())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("apt-get download libonnx-testdata failed");
    Files.writeString(status, "node=" + dir.toString().replace("\\", "/") + "\n");
    assertThat(OnnxNodeTests.locate(null, status.toString(), Map.of()).require()).isEqualTo(dir);
  }

  @Test
  void everyNodeConformanceModelIsImportedAndInspected() throws Exception {
    List<Path> models;
    try (Stream<Path> tests = Files.list(OnnxNodeTests.folder())) {
      models =
          tests
              .map(test -> test.resolve("model.onnx"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    assertThat(models).as("models in the conformance suite").hasSizeGreaterThan(100);

    Map<String, String> refused = new TreeMap<>();
    int imported = 0;
    int identical = 0;
    long start = System.nanoTime();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(dir.resolve("home")), Clock.systemUTC(), "tester")) {
      for (Path model : models) {
        String test = model.getParent().getFileName().toString();
        try {
          ImportResult result =
              workbench
                  .models()
                  .importModel(
                      new ImportRequest(model, test, null, null, List.of("onnx-node-test")),
                      Progress.NONE,
                      Cancellation.NONE);
          if (result instanceof ImportResult.Imported) {
            imported++;
            assertThat(result.model().inspection().outputs()).as(test).isNotEmpty();
            assertThat(result.model().inspection().nodeCount()).as(test).isPositive();
          } else {
            identical++;
          }
        } catch (AssayException e) {
          refused.put(test, e.getMessage());
        }
      }
      System.out.printf(
          "conformance suite: %d models, %d imported, %d identical to an earlier one, %d refused, %.1f s%n",
          models.size(), imported, identical, refused.size(), (System.nanoTime() - start) / 1e9);
      for (String test : NEED_EN_US_LOCALE) {
        if (refused.containsKey(test)) {
          assertThat(refused.remove(test)).as(test).contains(LOCALE_REASON);
        }
      }
      assertThat(refused.keySet())
          .as("refused models (expected only those ONNX Runtime refuses)")
          .containsExactlyInAnyOrderElementsOf(REFUSED_BY_ONNX_RUNTIME.keySet());
      REFUSED_BY_ONNX_RUNTIME.forEach(
          (test, reason) ->
              assertThat(refused.get(test))
                  .as(test)
                  .startsWith("model.onnx: ONNX Runtime cannot load it: ")
                  .contains(reason));
      assertThat(workbench.models().list()).hasSize(imported);
    }
  }
}
