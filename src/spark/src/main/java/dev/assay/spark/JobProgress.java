package dev.assay.spark;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.util.Locale;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;

/**
 * Watches the jobs of one job group with Spark's status tracker, on a daemon thread of the driver:
 * every {@link #PERIOD_MS} it reports, when they changed, the group's stages and tasks (done of
 * total, over all its jobs so far) to a {@link Progress}, and cancels the group when the {@link
 * Cancellation} says so (the job's own {@code run} then fails with {@link
 * Cancellation.CancelledException}).
 */
final class JobProgress implements AutoCloseable {
  static final long PERIOD_MS = 250;

  private final JavaSparkContext context;
  private final String group;
  private final Progress progress;
  private final Cancellation cancellation;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile boolean cancelled;
  private volatile String phase = "scoring";
  private String last;

  JobProgress(
      JavaSparkContext context, String group, Progress progress, Cancellation cancellation) {
    this.context = context;
    this.group = group;
    this.progress = progress;
    this.cancellation = cancellation;
    this.thread = new Thread(this::watch, "assay-spark-progress");
    thread.setDaemon(true);
    thread.start();
  }

  /** Names what the next jobs do ("scoring", "predictions"). */
  void phase(String name) {
    this.phase = name;
  }

  /** Whether this watcher cancelled the group. */
  boolean cancelled() {
    return cancelled || cancellation.isCancelled();
  }

  /** The group's stages and tasks now: {stages done, stages, tasks done, tasks, tasks running}. */
  static long[] counts(JavaSparkStatusTracker tracker, String group) {
    long[] n = new long[5];
    for (int jobId : tracker.getJobIdsForGroup(group)) {
      SparkJobInfo job = tracker.getJobInfo(jobId);
      if (job == null) {
        continue;
      }
      for (int stageId : job.stageIds()) {
        SparkStageInfo stage = tracker.getStageInfo(stageId);
        if (stage == null) {
          // not submitted yet (or forgotten): counted as a stage to come
          n[1]++;
          continue;
        }
        n[1]++;
        if (stage.numCompletedTasks() >= stage.numTasks()) {
          n[0]++;
        }
        n[2] += stage.numCompletedTasks();
        n[3] += stage.numTasks();
        n[4] += stage.numActiveTasks();
      }
    }
    return n;
  }

  static String describe(String phase, long[] n) {
    return String.format(
        Locale.ROOT,
        "Spark %s: stages %d of %d, tasks %d of %d (%d running)",
        phase,
        n[0],
        n[1],
        n[2],
        n[3],
        n[4]);
  }

  private void watch() {
    JavaSparkStatusTracker tracker = context.statusTracker();
    while (!stopped) {
      if (cancellation.isCancelled()) {
        // again at each look: a job submitted after the first cancel is cancelled too
        cancelled = true;
        context.cancelJobGroup(group);
      }
      report(tracker);
      try {
        Thread.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Reports the group's counts when they changed since the last report. */
  private void report(JavaSparkStatusTracker tracker) {
    long[] n = counts(tracker, group);
    String now = describe(phase, n);
    if (n[3] > 0 && !now.equals(last)) {
      last = now;
      progress.update(n[2], n[3], now);
    }
  }

  /**
   * Stops watching, then takes one last look: a job shorter than {@link #PERIOD_MS} still reports
   * where it ended (an idle machine can run a whole small job between two looks).
   */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!thread.isAlive()) {
      try {
        report(context.statusTracker());
      } catch (RuntimeException e) {
        // the context is going away: the last look is a courtesy, not part of the result
      }
    }
  }
}
