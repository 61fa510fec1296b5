package dev.assay.core.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The second core of an import: passes records to the record sink (an import's column cache) and
 * adds those of the header's width to the column accumulators on its own thread, while the reading
 * thread decompresses and parses the CSV. Records are handed over in chunks through a short bounded
 * queue, so memory stays bounded (a few chunks) and the sink and the accumulators see the records
 * in file order, exactly as when one thread does everything. Not thread-safe: one reading thread
 * calls {@link #add}, {@link #finish} and {@link #close}.
 */
final class ColumnProfilingThread implements AutoCloseable {
  private static final int CHUNK_ROWS = 2048;
  private static final int QUEUED_CHUNKS = 4;
  private static final Chunk END =
      new Chunk(new String[0][], new long[0], new long[0], 0, null, null, null);

  /**
   * Records of one hand-over with their 1-based data row and physical line numbers, and the numbers
   * their reader parsed ({@code numbers[r * width + c]} for the columns of {@code numeric} when
   * {@code parsed[r]}), or null arrays when none were.
   */
  private record Chunk(
      String[][] records,
      long[] rows,
      long[] lines,
      int size,
      boolean[] numeric,
      double[] numbers,
      boolean[] parsed) {}

  private final ColumnAccumulator[] columns;
  private final CsvRecordSink sink;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final Thread thread;
  private volatile Throwable failure;
  private String[][] records = new String[CHUNK_ROWS][];
  private long[] rows = new long[CHUNK_ROWS];
  private long[] lines = new long[CHUNK_ROWS];
  private int size;
  private boolean[] numeric;
  private double[] numbers;
  private boolean[] parsed;

  /**
   * Starts the thread.
   *
   * @param sink receives every record (any width) on this thread, or null
   */
  ColumnProfilingThread(ColumnAccumulator[] columns, CsvRecordSink sink) {
    this.columns = columns;
    this.sink = sink;
    this.thread = Thread.ofPlatform().name("assay-profile").daemon().unstarted(this::accumulate);
    thread.start();
  }

  /** The columns whose parsed numbers {@link #add} may be given; before the first record. */
  void numericColumns(boolean[] numeric) {
    this.numeric = numeric.clone();
    this.numbers = new double[CHUNK_ROWS * columns.length];
    this.parsed = new boolean[CHUNK_ROWS];
  }

  /**
   * Queues one record, data row {@code row} starting on physical line {@code line}; only records of
   * the header's width reach the accumulators. {@code parsedNumbers}, when not null, holds {@code
   * Cells.parseOrNaN} of the record's cells in the {@link #numericColumns} (copied here).
   */
  void add(String[] record, double[] parsedNumbers, long row, long line) {
    if (parsed != null) {
      boolean given = parsedNumbers != null && record.length == columns.length;
      parsed[size] = given;
      if (given) {
        System.arraycopy(parsedNumbers, 0, numbers, size * columns.length, columns.length);
      }
    }
    records[size] = record;
    rows[size] = row;
    lines[size] = line;
    if (++size == CHUNK_ROWS) {
      handOver(chunk());
      records = new String[CHUNK_ROWS][];
      rows = new long[CHUNK_ROWS];
      lines = new long[CHUNK_ROWS];
      if (parsed != null) {
        numbers = new double[CHUNK_ROWS * columns.length];
        parsed = new boolean[CHUNK_ROWS];
      }
      size = 0;
    }
  }

  private Chunk chunk() {
    return new Chunk(records, rows, lines, size, numeric, numbers, parsed);
  }

  /** Waits until every queued record is in the accumulators. */
  void finish() {
    if (size > 0) {
      handOver(chunk());
      size = 0;
    }
    handOver(END);
    join();
    rethrow();
  }

  /** Stops the thread (after a failure or cancellation of the reading side). */
  @Override
  public void close() {
    if (thread.isAlive()) {
      thread.interrupt();
      join();
    }
  }

  private void accumulate() {
    try {
      while (true) {
        Chunk chunk = queue.take();
        if (chunk == END) {
          return;
        }
        String[][] batch = chunk.records();
        long[] numbers = chunk.rows();
        long[] starts = chunk.lines();
        boolean[] mask = chunk.numeric();
        double[] values = chunk.numbers();
        boolean[] given = chunk.parsed();
        int width = columns.length;
        for (int r = 0; r < chunk.size(); r++) {
          String[] record = batch[r];
          if (sink != null) {
            sink.record(record, numbers[r], starts[r]);
          }
          if (record.length != columns.length) {
            continue;
          }
          if (given != null && given[r]) {
            int base = r * width;
            for (int i = 0; i < width; i++) {
              if (mask[i]) {
                columns[i].add(record[i], values[base + i], numbers[r]);
              } else {
                columns[i].add(record[i], numbers[r]);
              }
            }
            continue;
          }
          for (int i = 0; i < width; i++) {
            columns[i].add(record[i], numbers[r]);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      failure = e;
      queue.clear();
    }
  }

  private void handOver(Chunk chunk) {
    boolean interrupted = false;
    try {
      while (true) {
        rethrow();
        try {
          if (queue.offer(chunk, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void join() {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrow() {
    Throwable t = failure;
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
  }
}
