package dev.assay.core.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Exports a run's stored predictions as CSV: row, actual, predicted and one probability column per
 * class.
 */
public final class PredictionsExport {
  private final RunStore runs;
  private final Path scratch;

  public PredictionsExport(RunStore runs, Path scratch) {
    this.runs = runs;
    this.scratch = scratch;
  }

  public void toCsv(long runId, Path csv) throws IOException {
    Files.createDirectories(scratch);
    Path binary = Files.createTempFile(scratch, "export-" + runId + "-", ".pred");
    try {
      runs.copyPredictions(runId, binary);
      List<String> labels = PredictionsFile.read(binary, row -> {});
      try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        StringBuilder header = new StringBuilder("row,actual,predicted");
        for (String label : labels) {
          header.append(',').append(quote("p_" + label));
        }
        out.write(header.append('\n').toString());
        PredictionsFile.read(
            binary,
            row -> {
              StringBuilder line = new StringBuilder().append(row.row()).append(',');
              if (labels.isEmpty()) {
                // a run scored without a target leaves the actual cell empty
                line.append(Double.isNaN(row.actual()) ? "" : String.valueOf(row.actual()))
                    .append(',')
                    .append(row.predicted());
              } else {
                line.append(
                        row.trueClass() == PredictionsFile.NO_CLASS
                            ? ""
                            : quote(labels.get(row.trueClass())))
                    .append(',')
                    .append(quote(labels.get(row.predictedClass())));
                for (float p : row.probabilities()) {
                  line.append(',')
                      .append(Float.isNaN(p) ? "" : String.format(Locale.ROOT, "%.7g", p));
                }
              }
              try {
                out.write(line.append('\n').toString());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      }
    } finally {
      Files.deleteIfExists(binary);
    }
  }

  private static String quote(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
