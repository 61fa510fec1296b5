package dev.assay.core.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A by-hand throughput check (not a test): writes a deterministic 1,000,000-row, 14-column numeric
 * CSV shaped like the HMDA data, then times {@link CsvSource#next()} plus {@link Cells#parseNumber}
 * over every cell, and {@link DatasetProfiler#profile}.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<fastcsv jar>
 * dev.assay.core.data.CsvThroughputCheck [file] [rows]}
 */
public final class CsvThroughputCheck {

  private CsvThroughputCheck() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "target/throughput.csv");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    if (!Files.exists(file)) {
      generate(file, rows);
    }
    for (int round = 1; round <= 5; round++) {
      long start = System.nanoTime();
      long records = 0;
      double checksum = 0;
      try (CsvSource source = CsvSource.open(file)) {
        String[] record;
        while ((record = source.next()) != null) {
          for (String cell : record) {
            checksum += Cells.parseNumber(cell);
          }
          records++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "round %d: next()+parseNumber %,d rows in %.3f s = %,.0f rows/s (checksum %.6g)%n",
          round,
          records,
          seconds,
          records / seconds,
          checksum);
    }
    long start = System.nanoTime();
    DatasetProfile profile =
        DatasetProfiler.profile(
            file, dev.assay.core.Progress.NONE, dev.assay.core.Cancellation.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "profile: %,d rows in %.3f s = %,.0f rows/s%n",
        profile.rows(),
        seconds,
        profile.rows() / seconds);
  }

  private static void generate(Path file, int rows) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write(
          "pirat,hirat,lvrat,chist,mhist,phist,unemp,selfemp,insurance,condomin,afam,single,"
              + "hschool,deny\n");
      StringBuilder line = new StringBuilder(256);
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        // 15 decimals, as in models/data/hmda_test.csv
        line.append(String.format(Locale.ROOT, "%.15f", random.nextDouble(0, 1))).append(',');
        line.append(String.format(Locale.ROOT, "%.15f", random.nextDouble(0, 1))).append(',');
        line.append(String.format(Locale.ROOT, "%.15f", random.nextDouble(0, 1.5))).append(',');
        line.append(random.nextInt(1, 7)).append(',');
        line.append(random.nextInt(1, 5)).append(',');
        line.append(random.nextInt(0, 2)).append(',');
        line.append(String.format(Locale.ROOT, "%.14f", random.nextDouble(1.8, 10.6))).append(',');
        for (int k = 0; k < 6; k++) {
          line.append(random.nextInt(0, 2)).append(',');
        }
        line.append(random.nextInt(0, 2)).append('\n');
        out.append(line);
      }
    }
  }
}
