package dev.assay.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer that remembers whether the text written so far ends a line, so that an error message
 * after a progress line that updates itself in place ({@code "\r..."}) starts on a line of its own.
 */
final class LineEndTracker extends Writer {
  private final PrintWriter target;
  private volatile boolean midLine;

  LineEndTracker(PrintWriter target) {
    this.target = target;
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    if (length > 0) {
      midLine = buffer[offset + length - 1] != '\n';
      target.write(buffer, offset, length);
    }
  }

  /** Whether the last character written was not a line end. */
  boolean midLine() {
    return midLine;
  }

  /** Ends the current line when something unterminated (a progress line) was written last. */
  void endLine() {
    if (midLine) {
      target.println();
      midLine = false;
    }
  }

  @Override
  public void flush() {
    target.flush();
  }

  @Override
  public void close() {
    target.flush();
  }
}
