package dev.assay.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * For ViewModel tests without a window: starts the toolkit once (no stage is shown) and runs code
 * on the FX thread, where {@link BackgroundTasks#onCallingThread()} runs each task to its end.
 */
public final class FxThread {
  private static final long WAIT_SECONDS = 120;

  private FxThread() {}

  /**
   * Runs {@code work} on the FX thread and returns its result, rethrowing what it threw, after the
   * FX events it caused (the handlers of the tasks it ran, and of the tasks those started) have
   * run.
   */
  public static <T> T call(Callable<T> work) throws Exception {
    FxToolkit.registerPrimaryStage();
    try {
      T result = WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
      WaitForAsyncUtils.waitForFxEvents(10);
      return result;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Runs {@code work} on the FX thread. */
  public static void run(Runnable work) throws Exception {
    call(
        () -> {
          work.run();
          return null;
        });
  }
}
