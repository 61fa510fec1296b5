package dev.assay.core.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.monitor.AlertTracker;
import dev.assay.core.monitor.EventParser;
import dev.assay.core.monitor.MonitorEvent;
import dev.assay.core.monitor.MonitorPipeline;
import dev.assay.core.monitor.MonitorReference;
import dev.assay.core.monitor.WindowResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows an appended event file (JSON lines, or CSV when the name ends in {@code .csv}): reads
 * complete lines from the stream's stored position, feeds them to the pipeline, and stores the
 * windows they close with the position after the line that closed the last of them and the
 * pipeline's state, in one transaction (windows closed within {@link #FLUSH_NANOS} of each other
 * are stored together). A line not yet ended by a newline is left for later. Killed at any moment,
 * the next run starts from the newest stored window's position and state: events after it are read
 * again, events before it never.
 */
public final class EventFileMonitor {
  /** What a run did. */
  public record Outcome(
      long lines, long windows, long position, int pending, boolean partialLine) {}

  /**
   * What is stored as a stream's state: lines consumed (for 1-based line numbers) and the pipeline.
   */
  public record StoredState(long lines, MonitorPipeline.State pipeline) {}

  private static final int MAX_REPORTED_INVALID = 20;

  /**
   * Closed windows are stored together at most this often (and whenever the file has no more lines
   * for now): one transaction, one state and one audit entry for all of them. A kill loses only
   * windows not yet stored, which the next run computes again from the stored position.
   */
  static final long FLUSH_NANOS = 200_000_000L;

  private final MonitorStore store;
  private final ObjectMapper json;
  private final Path file;
  private final PrintWriter err;
  private AlertTracker alerts = new AlertTracker(List.of());

  public EventFileMonitor(MonitorStore store, ObjectMapper json, Path file, PrintWriter err) {
    this.store = store;
    this.json = json;
    this.file = file;
    this.err = err;
  }

  /** Runs {@code tracker}'s rules on the windows; what fires is stored with them. */
  public EventFileMonitor alerting(AlertTracker tracker) {
    this.alerts = tracker;
    return this;
  }

  /**
   * Runs until the end of the file ({@code untilEnd}) or until {@code stop} says so.
   *
   * @param onWindows called after windows are stored
   * @throws AssayException when the file cannot be read, was truncated below the stored position,
   *     or the stored state is unreadable
   */
  public Outcome run(
      MonitorStore.Stream stream,
      MonitorPipeline.Settings settings,
      MonitorReference reference,
      boolean untilEnd,
      BooleanSupplier stop,
      Consumer<List<WindowResult>> onWindows)
      throws InterruptedException {
    long lines = 0;
    MonitorPipeline pipeline;
    if (stream.stateJson() == null) {
      pipeline = new MonitorPipeline(settings, reference);
      pipeline.journal();
    } else {
      StoredState state = readState(stream.stateJson());
      lines = state.lines();
      pipeline =
          MonitorPipeline.restore(
              settings,
              reference,
              state.pipeline(),
              store.labelBook(stream.id()),
              store.pending(stream.id()));
    }
    boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    long position = stream.position();
    Cursor cursor = new Cursor();
    int reportedInvalid = 0;
    ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      EventParser parser = EventParser.jsonLines();
      if (csv) {
        Header header = firstLine(channel);
        if (header == null) {
          if (untilEnd) {
            return new Outcome(0, 0, position, 0, Files.size(file) > 0);
          }
          while (header == null && !stop.getAsBoolean()) {
            Thread.sleep(200);
            header = firstLine(channel);
          }
          if (header == null) {
            return new Outcome(0, 0, position, 0, false);
          }
        }
        parser = parse(header.text());
        if (position == 0) {
          position = header.end();
          lines = 1;
        }
      }
      if (channel.size() < position) {
        throw new AssayException(
            file
                + " is shorter than its stored position ("
                + position
                + " bytes): it was"
                + " truncated or replaced; monitor the new file under another name");
      }
      long read = position;
      byte[] bytes = buffer.array();
      cursor.stored = stream.position();
      while (true) {
        buffer.clear();
        int n = channel.read(buffer, read);
        if (n <= 0) {
          if (!cursor.unsaved.isEmpty()) {
            flush(cursor, stream, lines, pipeline, position, onWindows);
          }
          if (untilEnd || stop.getAsBoolean()) {
            break;
          }
          Thread.sleep(100);
          continue;
        }
        read += n;
        int complete = n;
        while (complete > 0 && bytes[complete - 1] != '\n') {
          complete--;
        }
        // the buffer's complete lines are read with one parser (a line begun in an earlier buffer
        // is read on its own)
        parser.buffer(bytes, 0, complete);
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (bytes[i] != '\n') {
            continue;
          }
          long after = read - n + i + 1;
          byte[] lineBytes = bytes;
          int offset = from;
          int length = i - from;
          if (line.size() > 0) {
            line.write(bytes, from, i - from);
            lineBytes = line.toByteArray();
            offset = 0;
            length = lineBytes.length;
            line.reset();
          }
          from = i + 1;
          lines++;
          if (length > 0 && lineBytes[offset + length - 1] == '\r') {
            length--;
          }
          if (!blank(lineBytes, offset, length)) {
            MonitorEvent event = null;
            try {
              event = parser.parse(lineBytes, offset, length);
            } catch (IllegalArgumentException e) {
              pipeline.invalid();
              if (reportedInvalid++ < MAX_REPORTED_INVALID) {
                err.println(
                    "assay: " + file.getFileName() + " line " + lines + ": " + e.getMessage());
              }
            }
            if (event != null) {
              cursor.unsaved.addAll(pipeline.accept(event));
            }
          }
          position = after;
          if (!cursor.unsaved.isEmpty() && System.nanoTime() - cursor.flushedAt >= FLUSH_NANOS) {
            flush(cursor, stream, lines, pipeline, position, onWindows);
          }
        }
        line.write(bytes, from, n - from);
        if (stop.getAsBoolean()) {
          if (!cursor.unsaved.isEmpty()) {
            flush(cursor, stream, lines, pipeline, position, onWindows);
          }
          break;
        }
      }
    } catch (IOException e) {
      throw new AssayException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new Outcome(lines, cursor.windows, cursor.stored, pipeline.pending(), line.size() > 0);
  }

  /** Where the stored part of the stream ends, and the windows closed after it. */
  private static final class Cursor {
    long stored;
    long windows;
    long flushedAt = System.nanoTime();
    final List<WindowResult> unsaved = new ArrayList<>();
  }

  /** Stores the unsaved windows with the position and state after {@code lines} lines. */
  private void flush(
      Cursor cursor,
      MonitorStore.Stream stream,
      long lines,
      MonitorPipeline pipeline,
      long position,
      Consumer<List<WindowResult>> onWindows) {
    MonitorPipeline.Journaled journaled = pipeline.journaled();
    store.saveWindows(
        stream.id(),
        cursor.stored,
        cursor.unsaved,
        writeState(new StoredState(lines, journaled.state())),
        journaled,
        position,
        alerts.accept(cursor.unsaved));
    cursor.stored = position;
    cursor.windows += cursor.unsaved.size();
    List<WindowResult> saved = List.copyOf(cursor.unsaved);
    cursor.unsaved.clear();
    cursor.flushedAt = System.nanoTime();
    onWindows.accept(saved);
  }

  /** Whether the line is empty or white space only, as {@link String#isBlank()} decides. */
  private static boolean blank(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b < 0) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8).isBlank();
      }
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  private EventParser parse(String header) {
    try {
      return EventParser.csv(header);
    } catch (IllegalArgumentException e) {
      throw new AssayException(file + " line 1: " + e.getMessage());
    }
  }

  /** A CSV header line and the position after its newline. */
  private record Header(String text, long end) {}

  /** The first line when it is complete, else null. */
  private static Header firstLine(FileChannel channel) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    long at = 0;
    while (true) {
      buffer.clear();
      int n = channel.read(buffer, at);
      if (n <= 0) {
        return null;
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) == '\n') {
          String text = bytes.toString(StandardCharsets.UTF_8);
          return new Header(
              text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, at + i + 1);
        }
        bytes.write(buffer.get(i));
      }
      at += n;
    }
  }

  private StoredState readState(String text) {
    try {
      return json.readValue(text, StoredState.class);
    } catch (JsonProcessingException e) {
      throw new AssayException("the stored monitor state is unreadable: " + e.getOriginalMessage());
    }
  }

  private String writeState(StoredState state) {
    try {
      return json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the monitor state", e);
    }
  }
}
