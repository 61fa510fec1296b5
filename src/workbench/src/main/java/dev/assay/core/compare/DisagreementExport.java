package dev.assay.core.compare;

import dev.assay.core.AssayException;
import dev.assay.core.eval.PredictionsFile;
import dev.assay.core.eval.RunStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exports every row where two runs of a comparison predict different labels, as CSV: {@code row,
 * actual, baseline, model, change} and both runs' class probabilities. Reads the runs' stored
 * predictions, so a reopened comparison exports all rows, not only those listed in its report.
 */
public final class DisagreementExport {
  private final RunStore runs;
  private final Path scratch;

  public DisagreementExport(RunStore runs, Path scratch) {
    this.runs = runs;
    this.scratch = scratch;
  }

  /**
   * Writes the disagreeing rows of {@code baselineRun} and {@code modelRun} to {@code csv}.
   *
   * @return the number of rows written
   */
  public long toCsv(long baselineRun, long modelRun, Path csv) throws IOException {
    Files.createDirectories(scratch);
    Path a = Files.createTempFile(scratch, "compare-" + baselineRun + "-", ".pred");
    Path b = Files.createTempFile(scratch, "compare-" + modelRun + "-", ".pred");
    try {
      runs.copyPredictions(baselineRun, a);
      runs.copyPredictions(modelRun, b);
      List<PredictionsFile.Row> baseline = new ArrayList<>();
      List<String> labels = PredictionsFile.read(a, baseline::add);
      long[] written = {0};
      int[] index = {0};
      try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        StringBuilder header = new StringBuilder("row,actual,baseline,model,change");
        for (String label : labels) {
          header.append(",").append(quote("baseline_p_" + label));
        }
        for (String label : labels) {
          header.append(",").append(quote("model_p_" + label));
        }
        out.write(header.append('\n').toString());
        List<String> other =
            PredictionsFile.read(
                b,
                row -> {
                  PredictionsFile.Row base = baseline.get(index[0]++);
                  if (base.row() != row.row()) {
                    throw new AssayException(
                        "runs " + baselineRun + " and " + modelRun + " did not see the same rows");
                  }
                  if (base.predictedClass() != row.predictedClass()) {
                    write(out, labels, base, row);
                    written[0]++;
                  }
                });
        if (!other.equals(labels)) {
          throw new AssayException(
              "runs " + baselineRun + " and " + modelRun + " have different classes");
        }
      }
      return written[0];
    } finally {
      Files.deleteIfExists(a);
      Files.deleteIfExists(b);
    }
  }

  private static void write(
      BufferedWriter out, List<String> labels, PredictionsFile.Row a, PredictionsFile.Row b) {
    String change =
        b.predictedClass() == b.trueClass()
            ? "to_correct"
            : a.predictedClass() == a.trueClass() ? "to_wrong" : "both_wrong";
    StringBuilder line =
        new StringBuilder()
            .append(a.row())
            .append(',')
            .append(quote(labels.get(a.trueClass())))
            .append(',')
            .append(quote(labels.get(a.predictedClass())))
            .append(',')
            .append(quote(labels.get(b.predictedClass())))
            .append(',')
            .append(change);
    for (float p : a.probabilities()) {
      line.append(',').append(Float.isNaN(p) ? "" : String.format(Locale.ROOT, "%.7g", p));
    }
    for (float p : b.probabilities()) {
      line.append(',').append(Float.isNaN(p) ? "" : String.format(Locale.ROOT, "%.7g", p));
    }
    try {
      out.write(line.append('\n').toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quote(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
