package dev.assay.core.eval;

import ai.onnxruntime.OrtException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OutputDecoder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scoring an evaluation's batches, one at a time or on several cores at once, in data order ({@link
 * EvaluationRunner}).
 */
final class BatchScoring {
  private BatchScoring() {}

  /**
   * Scores up to {@code inFlight} batches at once on worker threads and takes their predictions in
   * data order on this thread. One more batch waits queued, so a worker that finishes starts on it
   * at once instead of idling until this thread has taken the oldest batch in (a gap of about 5%
   * per batch in the evaluation benchmark's MLP). Waits for every batch in flight before returning,
   * also on failure or cancellation, so the session is never closed under a running batch.
   */
  static void inParallel(
      int inFlight,
      InferenceSession session,
      OutputDecoder decoder,
      BatchSource reader,
      RunState state,
      Path predictionsFile,
      long wallStart,
      Progress progress,
      Cancellation cancel)
      throws OrtException, IOException {
    AtomicInteger ids = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            inFlight,
            task ->
                Thread.ofPlatform()
                    .name("assay-scorer-" + ids.incrementAndGet())
                    .daemon()
                    .unstarted(task));
    ArrayDeque<Future<RunState.Scored>> pending = new ArrayDeque<>();
    ArrayDeque<OutputDecoder.Decoded> spare = new ArrayDeque<>();
    try {
      long lastReport = 0;
      ParsedBatch batch = reader.next();
      if (batch != null) {
        // The first batch settles which output holds the probabilities: scored alone, in order.
        takeIn(
            CompletableFuture.completedFuture(RunState.score(session, decoder, batch, null)),
            reader,
            state,
            spare,
            predictionsFile);
        batch = reader.next();
      }
      for (; batch != null; batch = reader.next()) {
        ParsedBatch submitted = batch;
        OutputDecoder.Decoded into = spare.poll();
        pending.add(workers.submit(() -> RunState.score(session, decoder, submitted, into)));
        if (pending.size() > inFlight) {
          takeIn(pending.poll(), reader, state, spare, predictionsFile);
        }
        cancel.throwIfCancelled();
        long now = System.nanoTime();
        if (now - lastReport > 200_000_000L) {
          lastReport = now;
          report(progress, state.rows, reader.position(), reader.size(), now - wallStart);
        }
      }
      while (!pending.isEmpty()) {
        takeIn(pending.poll(), reader, state, spare, predictionsFile);
      }
    } finally {
      workers.shutdown();
      boolean interrupted = false;
      while (true) {
        try {
          if (workers.awaitTermination(1, TimeUnit.MINUTES)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for one scored batch and takes it in; rethrows what went wrong while scoring it. */
  private static void takeIn(
      Future<RunState.Scored> next,
      BatchSource reader,
      RunState state,
      ArrayDeque<OutputDecoder.Decoded> spare,
      Path predictionsFile)
      throws OrtException, IOException {
    RunState.Scored scored;
    try {
      scored = next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancellation.CancelledException();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case OrtException ort -> throw ort;
        case RuntimeException runtime -> throw runtime;
        case Error error -> throw error;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
    state.accept(scored, predictionsFile);
    spare.add(scored.decoded());
    reader.recycle(scored.batch());
  }

  /** Scores the batches one at a time on this thread, in data order. */
  static void oneAtATime(
      InferenceSession session,
      BatchSource reader,
      RunState state,
      Path predictionsFile,
      long wallStart,
      Progress progress,
      Cancellation cancel)
      throws OrtException, IOException {
    long lastReport = 0;
    ParsedBatch batch;
    while ((batch = reader.next()) != null) {
      state.process(session, batch, predictionsFile);
      reader.recycle(batch);
      cancel.throwIfCancelled();
      long now = System.nanoTime();
      if (now - lastReport > 200_000_000L) {
        lastReport = now;
        report(progress, state.rows, reader.position(), reader.size(), now - wallStart);
      }
    }
  }

  /** Rows done, rate and time left, to {@code progress}. */
  static void report(Progress progress, long rows, long bytes, long total, long nanos) {
    double seconds = nanos / 1e9;
    double rate = seconds > 0 ? rows / seconds : 0;
    String eta = "";
    if (total > 0 && bytes > 0 && bytes < total) {
      long remaining = (long) (seconds * (total - bytes) / bytes);
      eta = ", ETA " + Duration.ofSeconds(remaining).toString().substring(2).toLowerCase();
    }
    progress.update(
        bytes,
        total,
        String.format(java.util.Locale.ROOT, "%,d rows, %,.0f rows/s%s", rows, rate, eta));
  }
}
