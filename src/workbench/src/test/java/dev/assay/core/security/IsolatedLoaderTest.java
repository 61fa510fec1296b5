package dev.assay.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.isolation.CrashingChild;
import dev.assay.isolation.HangingChild;
import dev.assay.testing.HostileModels;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The isolated loader runs the first load in another JVM: a child that crashes or hangs is
 * reported, and this JVM (the test's) keeps running.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IsolatedLoaderTest {
  @TempDir Path dir;

  private IsolatedLoader loader(String mainClass, Duration timeout, String... jvmOptions) {
    IsolatedLoader.ChildCommand current = IsolatedLoader.ChildCommand.currentJvm(mainClass);
    return new IsolatedLoader(
        new IsolatedLoader.ChildCommand(
            current.javaBinary(), current.classPath(), mainClass, List.of(jvmOptions)),
        new IsolatedLoader.Limits(256, timeout),
        dir.resolve("tmp"),
        Json.newMapper());
  }

  @Test
  void aModelThatLoadsIsReportedWithItsSignatureAndTheOneRowInference() throws Exception {
    Path model = TestModels.write(dir.resolve("add.onnx"), TestModels.addWithInlineWeights(1, 2));

    IsolationOutcome outcome =
        loader(IsolatedLoader.ChildCommand.DEFAULT_MAIN_CLASS, Duration.ofSeconds(90))
            .load(model, Cancellation.NONE);

    assertThat(outcome).isInstanceOf(IsolationOutcome.Loaded.class);
    IsolationOutcome.Loaded loaded = (IsolationOutcome.Loaded) outcome;
    assertThat(loaded.inference()).isEqualTo("ok");
    assertThat(loaded.inputs()).containsExactly("x float[-1, 2]");
    assertThat(loaded.outputs()).containsExactly("y float[1, 2]");
    assertThat(Files.list(dir.resolve("tmp"))).as("captured output is deleted").isEmpty();
  }

  @Test
  void aModelOnnxRuntimeRefusesIsReportedAsRefusedNotCrashed() throws Exception {
    Path model =
        TestModels.write(dir.resolve("custom.onnx"), HostileModels.customDomain("com.evil", "Pwn"));

    IsolationOutcome outcome =
        loader(IsolatedLoader.ChildCommand.DEFAULT_MAIN_CLASS, Duration.ofSeconds(90))
            .load(model, Cancellation.NONE);

    assertThat(outcome).isInstanceOf(IsolationOutcome.Refused.class);
    assertThat(((IsolationOutcome.Refused) outcome).reason()).contains("com.evil");
  }

  @Test
  void aChildThatAbortsIsReportedAsCrashedWithItsExitCodeSignalAndLastOutput() {
    IsolationOutcome outcome =
        loader(CrashingChild.class.getName(), Duration.ofSeconds(60))
            .load(dir.resolve("any.onnx"), Cancellation.NONE);

    assertThat(outcome).isInstanceOf(IsolationOutcome.Crashed.class);
    IsolationOutcome.Crashed crashed = (IsolationOutcome.Crashed) outcome;
    assertThat(crashed.exitCode()).isEqualTo(134);
    assertThat(crashed.signal()).isEqualTo("SIGABRT");
    assertThat(crashed.stderrTail()).contains("onnxruntime::Exception");
    assertThat(crashed.describe()).startsWith("crashed in isolation");
  }

  @Test
  void aChildKilledBySegfaultIsReportedAsCrashed() {
    IsolationOutcome outcome =
        loader(CrashingChild.class.getName(), Duration.ofSeconds(60), "-Dcrash.code=139")
            .load(dir.resolve("any.onnx"), Cancellation.NONE);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            IsolationOutcome.Crashed.class, c -> assertThat(c.signal()).isEqualTo("SIGSEGV"));
  }

  @Test
  void aChildThatHangsIsKilledAtTheTimeLimitAndReportedAsHung() {
    long start = System.nanoTime();

    IsolationOutcome outcome =
        loader(HangingChild.class.getName(), Duration.ofSeconds(3))
            .load(dir.resolve("any.onnx"), Cancellation.NONE);

    assertThat(outcome).isEqualTo(new IsolationOutcome.TimedOut(3));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(outcome.describe()).startsWith("hung in isolation");
  }

  @Test
  void aChildThatCannotStartIsNotBlamedOnTheModel() {
    IsolationOutcome outcome =
        loader("dev.assay.isolation.NoSuchMain", Duration.ofSeconds(60))
            .load(dir.resolve("any.onnx"), Cancellation.NONE);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            IsolationOutcome.NotRun.class,
            n ->
                assertThat(n.reason())
                    .startsWith("the isolated process did not start (exit code 1): ")
                    .contains("NoSuchMain"));
  }

  @Test
  void cancellingKillsTheChild() {
    AtomicBoolean cancelled = new AtomicBoolean();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Thread.sleep(1500);
              } catch (InterruptedException e) {
                return;
              }
              cancelled.set(true);
            });

    assertThatThrownBy(
            () ->
                loader(HangingChild.class.getName(), Duration.ofSeconds(60))
                    .load(dir.resolve("any.onnx"), cancelled::get))
        .isInstanceOf(Cancellation.CancelledException.class);
  }
}
