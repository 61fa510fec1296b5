package dev.assay.core.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * An exact multiset of {@code long} keys (a score and an outcome packed so that key order is the
 * order the metrics need), kept as sorted (key, count) runs: one in memory of at most {@value
 * #IN_MEMORY} distinct keys, the others spilled to files in a folder (the workbench's tmp) and
 * merged as they are read. Memory is bounded whatever the number of rows; without a spill folder
 * everything stays in memory (small data, tests). Rows with equal keys cost nothing more, so data
 * with few distinct scores never spills.
 *
 * <p>A full buffer of pending keys is sorted and merged on a background thread (one for all
 * instances) while the caller fills the next one, so an evaluation's main thread and that thread
 * share the work on two cores (issue 14); at most one buffer per instance is in flight, and every
 * read waits for it. The counts are the same as with the work done in line.
 *
 * <p>Not thread-safe: one thread adds and reads. {@link #close()} deletes the spilled files.
 */
final class ScoreCounts implements AutoCloseable {
  /** Keys collected before they are sorted into the in-memory run. */
  static final int PENDING = 1 << 16;

  /** Distinct keys kept in memory before the run is spilled to a file (16 bytes each). */
  static final int IN_MEMORY = 1 << 18;

  /** Spilled runs merged into one when there are this many, so reading never opens more. */
  static final int MAX_RUNS = 32;

  static final int FILE_BUFFER = 64 * 1024;

  private final Path spillFolder;
  private final int inMemory;
  private long[] pending = new long[256];
  private int pendingSize;

  /** The buffer handed to the background thread, sorted and merged there; null when none. */
  private Future<long[]> inFlight;

  private long[] keys = new long[0];
  private long[] counts = new long[0];
  private int size;
  private final List<Path> runs = new ArrayList<>();
  private long total;

  /**
   * @param spillFolder where sorted runs are spilled, or null to keep everything in memory
   */
  ScoreCounts(Path spillFolder) {
    this(spillFolder, IN_MEMORY);
  }

  ScoreCounts(Path spillFolder, int inMemory) {
    this.spillFolder = spillFolder;
    this.inMemory = inMemory;
  }

  /** Keys added so far, counting repeats. */
  long total() {
    return total;
  }

  /**
   * An upper bound on the number of distinct keys: the pairs held by the in-memory run and the
   * spilled runs (a key in several runs is counted in each).
   */
  long distinctUpperBound() {
    compact();
    long pairs = size;
    for (Path run : runs) {
      try {
        pairs += Files.size(run) / 16;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read spilled scores " + run, e);
      }
    }
    return pairs;
  }

  /** Files spilled so far (for tests). */
  int spilledRuns() {
    await();
    return runs.size();
  }

  void add(long key) {
    if (pendingSize == pending.length) {
      if (pending.length < PENDING) {
        pending = Arrays.copyOf(pending, pending.length * 2);
      } else {
        handOff();
      }
    }
    pending[pendingSize++] = key;
    total++;
  }

  /** Adds everything {@code other} holds; {@code other} is left unchanged. */
  void merge(ScoreCounts other) {
    compact();
    try (Cursor cursor = other.cursor()) {
      long[] k = new long[Math.min(inMemory, 4096)];
      long[] c = new long[k.length];
      int n = 0;
      while (cursor.next()) {
        k[n] = cursor.key();
        c[n++] = cursor.count();
        if (n == k.length) {
          mergeRun(k, c, n);
          n = 0;
        }
      }
      mergeRun(k, c, n);
    }
    total += other.total;
  }

  /**
   * Writes the distinct keys and their counts in ascending order, in blocks of up to 4,096 pairs
   * ended by an empty block (what {@link #readFrom} reads back).
   */
  void writeTo(java.io.DataOutput out) throws IOException {
    out.writeLong(total);
    try (Cursor cursor = cursor()) {
      long[] k = new long[4096];
      long[] c = new long[k.length];
      int n = 0;
      while (true) {
        boolean more = cursor.next();
        if (more) {
          k[n] = cursor.key();
          c[n++] = cursor.count();
        }
        if (n == k.length || !more && n > 0) {
          out.writeInt(n);
          for (int i = 0; i < n; i++) {
            out.writeLong(k[i]);
            out.writeLong(c[i]);
          }
          n = 0;
        }
        if (!more) {
          break;
        }
      }
    }
    out.writeInt(0);
  }

  /** Adds what {@link #writeTo} wrote. */
  void readFrom(java.io.DataInput in) throws IOException {
    long added = in.readLong();
    int n;
    while ((n = in.readInt()) > 0) {
      long[] k = new long[n];
      long[] c = new long[n];
      for (int i = 0; i < n; i++) {
        k[i] = in.readLong();
        c[i] = in.readLong();
      }
      compact();
      mergeRun(k, c, n);
    }
    total += added;
  }

  /**
   * Hands the full pending buffer to the background thread and continues in the buffer it handed
   * back last time (after waiting for that one).
   */
  private void handOff() {
    long[] spare = await();
    long[] full = pending;
    int n = pendingSize;
    pending = spare != null ? spare : new long[full.length];
    pendingSize = 0;
    FutureTask<long[]> task =
        new FutureTask<>(
            () -> {
              sortIntoRun(full, n);
              return full;
            });
    // a virtual thread per full buffer: no pool to own or shut down, and concurrent instances (a
    // Spark executor's tasks) do not queue behind one shared thread
    Thread.ofVirtual().name("assay-score-counts").start(task);
    inFlight = task;
  }

  /**
   * Waits for the buffer in flight, if any, to be merged into the run.
   *
   * @return that buffer, free to fill again, or null when none was in flight
   */
  private long[] await() {
    Future<long[]> task = inFlight;
    if (task == null) {
      return null;
    }
    inFlight = null;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Sorts the pending keys into the in-memory run; spills the run when it grew too large. */
  private void compact() {
    await();
    if (pendingSize == 0) {
      return;
    }
    sortIntoRun(pending, pendingSize);
    pendingSize = 0;
  }

  /** Sorts {@code keys[0, size)} and merges them, counted, into the in-memory run. */
  private void sortIntoRun(long[] keys, int size) {
    Arrays.sort(keys, 0, size);
    long[] k = new long[size];
    long[] c = new long[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (n > 0 && k[n - 1] == keys[i]) {
        c[n - 1]++;
      } else {
        k[n] = keys[i];
        c[n++] = 1;
      }
    }
    mergeRun(k, c, n);
  }

  /** Merges sorted distinct (key, count) pairs into the in-memory run. */
  private void mergeRun(long[] k, long[] c, int n) {
    if (n == 0) {
      return;
    }
    long[] mk = new long[size + n];
    long[] mc = new long[size + n];
    int i = 0;
    int j = 0;
    int m = 0;
    while (i < size || j < n) {
      if (j == n || i < size && keys[i] < k[j]) {
        mk[m] = keys[i];
        mc[m++] = counts[i++];
      } else if (i == size || k[j] < keys[i]) {
        mk[m] = k[j];
        mc[m++] = c[j++];
      } else {
        mk[m] = keys[i];
        mc[m++] = counts[i++] + c[j++];
      }
    }
    keys = mk;
    counts = mc;
    size = m;
    if (size > inMemory && spillFolder != null) {
      spill();
    }
  }

  private void spill() {
    runs.add(write(new SpillCursors.ArrayCursor(keys, counts, size)));
    keys = new long[0];
    counts = new long[0];
    size = 0;
    if (runs.size() >= MAX_RUNS) {
      List<Path> merged = List.copyOf(runs);
      Path one;
      try (Cursor all = SpillCursors.merging(merged, null)) {
        one = write(all);
      }
      runs.clear();
      runs.add(one);
      merged.forEach(ScoreCounts::delete);
    }
  }

  private Path write(Cursor cursor) {
    try {
      Files.createDirectories(spillFolder);
      Path file = Files.createTempFile(spillFolder, "scores-", ".spill");
      // big-endian (key, count) pairs through one buffer: DataOutputStream's per-long calls were
      // a visible part of an evaluation's main thread
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.allocate(FILE_BUFFER);
        while (cursor.next()) {
          if (buffer.remaining() < 16) {
            drain(buffer, out);
          }
          buffer.putLong(cursor.key()).putLong(cursor.count());
        }
        drain(buffer, out);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill scores to " + spillFolder, e);
    }
  }

  private static void drain(ByteBuffer buffer, FileChannel out) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
    buffer.clear();
  }

  /** The distinct keys in ascending order with their counts. Close it when done. */
  Cursor cursor() {
    compact();
    SpillCursors.ArrayCursor memory = new SpillCursors.ArrayCursor(keys, counts, size);
    return runs.isEmpty() ? memory : SpillCursors.merging(runs, memory);
  }

  @Override
  public void close() {
    try {
      await();
    } catch (RuntimeException | Error ignored) {
      // closing after a failed spill: delete what was written
    }
    runs.forEach(ScoreCounts::delete);
    runs.clear();
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // swept with the workbench's tmp folder at the next start
    }
  }

  /** Ascending distinct keys with their counts. */
  interface Cursor extends AutoCloseable {
    boolean next();

    long key();

    long count();

    @Override
    void close();
  }
}
