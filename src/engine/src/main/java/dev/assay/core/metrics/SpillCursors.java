package dev.assay.core.metrics;

import dev.assay.core.metrics.ScoreCounts.Cursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ScoreCounts.Cursor}s over its runs: the in-memory run, a spilled run's file, and the
 * merge of several (equal keys' counts added).
 */
final class SpillCursors {
  private SpillCursors() {}

  /**
   * The merge of {@code files}' runs and {@code memory} (null: none); closes what it opened on
   * failure.
   */
  static Cursor merging(List<Path> files, Cursor memory) {
    List<Cursor> sources = new ArrayList<>();
    try {
      for (Path file : files) {
        sources.add(new FileCursor(file));
      }
    } catch (RuntimeException e) {
      sources.forEach(Cursor::close);
      throw e;
    }
    if (memory != null) {
      sources.add(memory);
    }
    return new MergingCursor(sources);
  }

  static final class ArrayCursor implements Cursor {
    private final long[] keys;
    private final long[] counts;
    private final int size;
    private int at = -1;

    ArrayCursor(long[] keys, long[] counts, int size) {
      this.keys = keys;
      this.counts = counts;
      this.size = size;
    }

    @Override
    public boolean next() {
      return ++at < size;
    }

    @Override
    public long key() {
      return keys[at];
    }

    @Override
    public long count() {
      return counts[at];
    }

    @Override
    public void close() {}
  }

  /** Reads a spilled run: big-endian (key, count) pairs, a buffer at a time. */
  static final class FileCursor implements Cursor {
    private final FileChannel in;
    private final ByteBuffer buffer = ByteBuffer.allocate(ScoreCounts.FILE_BUFFER);
    private long key;
    private long count;

    FileCursor(Path file) {
      try {
        in = FileChannel.open(file, StandardOpenOption.READ);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read spilled scores " + file, e);
      }
      buffer.flip();
    }

    @Override
    public boolean next() {
      if (buffer.remaining() < 16 && !fill()) {
        return false;
      }
      key = buffer.getLong();
      count = buffer.getLong();
      return true;
    }

    /** Reads more; false at the end of the file (a partial pair there is not a pair). */
    private boolean fill() {
      try {
        buffer.compact();
        while (buffer.position() < 16) {
          if (in.read(buffer) < 0) {
            buffer.flip();
            return false;
          }
        }
        buffer.flip();
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read spilled scores", e);
      }
    }

    @Override
    public long key() {
      return key;
    }

    @Override
    public long count() {
      return count;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException ignored) {
        // read-only
      }
    }
  }

  /**
   * Merges ascending cursors, adding the counts of equal keys. The sources are few (the spilled
   * runs, at most {@value #MAX_RUNS}, and the memory), so the smallest head is found by a scan of
   * their cached keys rather than a priority queue's comparator calls.
   */
  static final class MergingCursor implements Cursor {
    private final List<Cursor> sources;
    private final Cursor[] live;
    private final long[] heads;
    private int alive;
    private long key;
    private long count;

    MergingCursor(List<Cursor> sources) {
      this.sources = sources;
      live = new Cursor[sources.size()];
      heads = new long[sources.size()];
      for (Cursor source : sources) {
        if (source.next()) {
          live[alive] = source;
          heads[alive++] = source.key();
        }
      }
    }

    @Override
    public boolean next() {
      if (alive == 0) {
        return false;
      }
      long min = heads[0];
      for (int i = 1; i < alive; i++) {
        if (heads[i] < min) {
          min = heads[i];
        }
      }
      long sum = 0;
      for (int i = 0; i < alive; ) {
        if (heads[i] != min) {
          i++;
          continue;
        }
        Cursor source = live[i];
        sum += source.count();
        if (source.next()) {
          heads[i++] = source.key();
        } else { // the last live source takes its place
          alive--;
          live[i] = live[alive];
          heads[i] = heads[alive];
          live[alive] = null;
        }
      }
      key = min;
      count = sum;
      return true;
    }

    @Override
    public long key() {
      return key;
    }

    @Override
    public long count() {
      return count;
    }

    @Override
    public void close() {
      sources.forEach(Cursor::close);
    }
  }
}
