package dev.assay.core.metrics;

import dev.assay.core.metrics.ScoreCounts.Cursor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

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

  static final class FileCursor implements Cursor {
    private final DataInputStream in;
    private long key;
    private long count;

    FileCursor(Path file) {
      try {
        in =
            new DataInputStream(
                new BufferedInputStream(Files.newInputStream(file), ScoreCounts.FILE_BUFFER));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read spilled scores " + file, e);
      }
    }

    @Override
    public boolean next() {
      try {
        key = in.readLong();
        count = in.readLong();
        return true;
      } catch (EOFException e) {
        return false;
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

  /** Merges ascending cursors, adding the counts of equal keys. */
  static final class MergingCursor implements Cursor {
    private final List<Cursor> sources;
    private final PriorityQueue<Cursor> queue =
        new PriorityQueue<>((a, b) -> Long.compare(a.key(), b.key()));
    private long key;
    private long count;

    MergingCursor(List<Cursor> sources) {
      this.sources = sources;
      for (Cursor source : sources) {
        if (source.next()) {
          queue.add(source);
        }
      }
    }

    @Override
    public boolean next() {
      Cursor head = queue.poll();
      if (head == null) {
        return false;
      }
      key = head.key();
      count = head.count();
      if (head.next()) {
        queue.add(head);
      }
      while (!queue.isEmpty() && queue.peek().key() == key) {
        Cursor same = queue.poll();
        count += same.count();
        if (same.next()) {
          queue.add(same);
        }
      }
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
