package dev.assay.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import dev.assay.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version limits Assay checks before ONNX Runtime sees a file are the bundled runtime's real
 * limits: it loads models at each limit and refuses them one above. When ONNX Runtime is upgraded
 * these tests say which constant to raise.
 */
class OnnxRuntimeLimitsTest {
  private static OnnxRuntime runtime;

  @TempDir Path dir;

  @BeforeAll
  static void startRuntime() {
    runtime = new OnnxRuntime();
  }

  @Test
  void bundledRuntimeIsTheVersionTheLimitsWereMeasuredOn() {
    assertThat(runtime.version()).isEqualTo("1.29.0");
  }

  @Test
  void runtimeLoadsTheHighestIrVersionAndRefusesTheNext() throws Exception {
    long max = OnnxRuntime.MAX_IR_VERSION;
    Path atLimit = TestModels.write(dir.resolve("ir-max.onnx"), TestModels.identity(max, 13));
    Path above = TestModels.write(dir.resolve("ir-next.onnx"), TestModels.identity(max + 1, 13));

    assertThat(runtime.load(atLimit).outputNames()).containsExactly("y");
    assertThatThrownBy(() -> runtime.load(above))
        .isInstanceOf(OrtException.class)
        .hasMessageContaining("IR version");
    assertThat(new OnnxInspector(runtime).inspect(atLimit).inspection().irVersion()).isEqualTo(max);
  }

  @Test
  void runtimeLoadsTheHighestOnnxOpsetAndRefusesTheNext() throws Exception {
    long max = OnnxRuntime.MAX_ONNX_OPSET;
    Path atLimit = TestModels.write(dir.resolve("opset-max.onnx"), TestModels.identity(10, max));
    Path above = TestModels.write(dir.resolve("opset-next.onnx"), TestModels.identity(10, max + 1));

    assertThat(runtime.load(atLimit).outputNames()).containsExactly("y");
    assertThatThrownBy(() -> runtime.load(above))
        .isInstanceOf(OrtException.class)
        .hasMessageContaining("ai.onnx is till opset " + max);
    assertThat(new OnnxInspector(runtime).inspect(atLimit).inspection().opsets()).hasSize(1);
  }

  @Test
  void runtimeLoadsTheHighestOnnxMlOpsetAndRefusesTheNext() throws Exception {
    long max = OnnxRuntime.MAX_ONNX_ML_OPSET;
    Path atLimit = TestModels.write(dir.resolve("ml-max.onnx"), TestModels.mlNormalizer(10, max));
    Path above =
        TestModels.write(dir.resolve("ml-next.onnx"), TestModels.mlNormalizer(10, max + 1));

    assertThat(runtime.load(atLimit).outputNames()).containsExactly("y");
    assertThatThrownBy(() -> runtime.load(above))
        .isInstanceOf(OrtException.class)
        .hasMessageContaining("ai.onnx.ml is till opset " + max);
    assertThat(new OnnxInspector(runtime).inspect(atLimit).inspection().ops()).hasSize(1);
  }

  @Test
  void runtimeStartsFromAThreadWithTheDefaultOneMebibyteStack() throws Exception {
    // ORT 1.29 kills the JVM (SIGSEGV, exit 139) when its environment is created on a 1 MiB
    // stack; a fresh JVM is needed because the environment exists once per process.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xss1m",
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    StartRuntime.class.getName()))
            .redirectErrorStream(true)
            .start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      process.destroyForcibly();
    }

    assertThat(exited).as("the probe JVM finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("onnxruntime 1.29.0");
  }

  /** Started in a fresh JVM by {@link #runtimeStartsFromAThreadWithTheDefaultOneMebibyteStack}. */
  public static final class StartRuntime {
    private StartRuntime() {}

    public static void main(String[] args) {
      System.out.println("onnxruntime " + new OnnxRuntime().version());
    }
  }
}
