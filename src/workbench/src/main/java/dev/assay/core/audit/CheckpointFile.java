package dev.assay.core.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of checkpoint lines. Appends take an exclusive lock on the file (several
 * processes share a workbench) and reach the disk before they return.
 */
final class CheckpointFile {
  /** How much of the file's end is read to find the newest checkpoint when writing. */
  private static final int TAIL_BYTES = 64 * 1024;

  private final Path file;

  CheckpointFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** One line of the file, numbered from 1 (0 when read from the tail only). */
  record Line(int number, String text) {}

  /** Appends one line and forces it to the disk. */
  void append(String line) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        FileLock lock = lock(channel)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static FileLock lock(FileChannel channel) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return channel.lock();
      } catch (OverlappingFileLockException e) {
        // another thread of this process holds it: wait for it briefly
        if (attempt > 500) {
          throw new IOException("the checkpoint file stayed locked by this process", e);
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the checkpoint file", interrupted);
        }
      }
    }
  }

  /** Every line, numbered; empty when the file does not exist. */
  List<Line> lines() throws IOException {
    List<Line> lines = new ArrayList<>();
    if (!Files.exists(file)) {
      return lines;
    }
    int number = 0;
    for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      if (!text.isBlank()) {
        lines.add(new Line(number, text));
      }
    }
    return lines;
  }

  /** The complete lines of the file's last {@value #TAIL_BYTES} bytes, newest last. */
  List<Line> tail() throws IOException {
    List<Line> lines = new ArrayList<>();
    if (!Files.exists(file)) {
      return lines;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long start = Math.max(0, length - TAIL_BYTES);
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\n");
      for (int i = start > 0 ? 1 : 0; i < parts.length; i++) {
        if (!parts[i].isBlank()) {
          lines.add(new Line(0, parts[i]));
        }
      }
    }
    return lines;
  }
}
