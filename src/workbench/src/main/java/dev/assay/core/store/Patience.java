package dev.assay.core.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long one database step waits for other processes: pauses that grow from 20 ms to 1 s (with
 * jitter, so that processes that collided do not collide again in step) until a deadline.
 */
final class Patience {
  private static final long FIRST_PAUSE_MS = 20;
  private static final long LONGEST_PAUSE_MS = 1000;

  private final long deadlineNanos;
  private long pauseMs = FIRST_PAUSE_MS;

  private Patience(Duration wait) {
    this.deadlineNanos = System.nanoTime() + wait.toNanos();
  }

  /** Patience that starts now and ends after {@code wait}. */
  static Patience of(Duration wait) {
    return new Patience(wait);
  }

  /**
   * Sleeps before the next try.
   *
   * @return false (without sleeping) when the deadline has passed
   */
  boolean pause() {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    long sleep =
        Math.min(
            Duration.ofNanos(left).toMillis() + 1,
            pauseMs / 2 + ThreadLocalRandom.current().nextLong(pauseMs / 2 + 1));
    pauseMs = Math.min(LONGEST_PAUSE_MS, pauseMs * 2);
    try {
      Thread.sleep(sleep);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }
}
