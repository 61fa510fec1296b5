package dev.assay.cli;

import dev.assay.core.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The Spark job's progress lines ({@code assay-progress: DONE TOTAL MESSAGE}, written by {@code
 * dev.assay.spark.SparkEval} on its stdout from Spark's status tracker) handed to a {@link
 * Progress}, as a local run's progress is. Other lines of the child's stdout are skipped.
 */
final class SparkProgress {
  /** As {@code SparkEval.PROGRESS} (the job jar is not on the CLI's class path). */
  static final String PREFIX = "assay-progress: ";

  private SparkProgress() {}

  /** Reads {@code out} to its end, reporting each progress line. */
  static void follow(InputStream out, Progress progress) throws IOException {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        report(line, progress);
      }
    }
  }

  /** Reports one line when it is a progress line; returns whether it was. */
  static boolean report(String line, Progress progress) {
    if (!line.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = line.substring(PREFIX.length()).split(" ", 3);
    if (parts.length < 3) {
      return false;
    }
    try {
      progress.update(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
