package dev.assay.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Workbench;
import dev.assay.core.WorkbenchHome;
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

/**
 * Every model of ONNX's node conformance suite (Debian package {@code libonnx-testdata}, installed
 * by {@code .ci/run}) is imported and inspected into one workbench.
 */
class OnnxConformanceSuiteTest {
  static final String FOLDER_PROPERTY = "assay.onnx.testdata";
  static final Path DEFAULT_FOLDER = Path.of("/usr/share/libonnx-testdata/data/node");

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

  static Path suiteFolder() {
    return suiteFolder(System.getProperty(FOLDER_PROPERTY));
  }

  /** The suite folder, failing (not skipping) with install instructions when it is missing. */
  static Path suiteFolder(String configured) {
    Path folder =
        configured != null && !configured.isBlank() ? Path.of(configured) : DEFAULT_FOLDER;
    assertThat(folder)
        .as(
            "ONNX node conformance models are missing: install the Debian package libonnx-testdata"
                + " (apt-get install libonnx-testdata) or point -D%s at a folder of"
                + " <test>/model.onnx",
            FOLDER_PROPERTY)
        .isDirectory();
    return folder;
  }

  @Test
  void missingSuiteFailsWithInstallInstructionsInsteadOfSkipping() {
    String missing = dir.resolve("no-testdata").toString();

    assertThatThrownBy(() -> suiteFolder(missing))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("install the Debian package libonnx-testdata");
  }

  @Test
  void everyNodeConformanceModelIsImportedAndInspected() throws Exception {
    List<Path> models;
    try (Stream<Path> tests = Files.list(suiteFolder())) {
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
