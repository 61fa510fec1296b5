package dev.assay.ui.compare;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * For tests of the Compare screen's parts in stages of their own ({@code @ExtendWith}): starts the
 * toolkit once, closes the test's stages after each test, and runs code on the FX thread.
 */
final class FxStages implements BeforeAllCallback, AfterEachCallback {
  private static final long WAIT_SECONDS = 30;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    FxToolkit.cleanupStages();
  }

  /** Runs {@code work} on the FX thread and returns its result. */
  static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Waits until {@code condition}, checked on the FX thread, holds. */
  static void waitUntil(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> onFx(condition));
  }
}
