import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the whole-process benchmark's data set: ROWS rows resampled from the HMDA training rows
 * with 5 % jitter on the continuous columns, seed 42 (the rows of {@code EvalBenchmark.generate}),
 * gzip-compressed. Same arguments, same bytes.
 *
 * <p>{@code java HmdaCsv.java models/data/hmda_train.csv OUT.csv.gz [ROWS]}
 */
public final class HmdaCsv {
  private HmdaCsv() {}

  public static void main(String[] args) throws IOException {
    Path source = Path.of(args[0]);
    Path target = Path.of(args[1]);
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    List<String> all = Files.readAllLines(source, StandardCharsets.UTF_8);
    String header = all.getFirst();
    List<String[]> rows = all.subList(1, all.size()).stream().map(l -> l.split(",")).toList();
    List<String> columns = List.of(header.split(","));
    boolean[] continuous = new boolean[columns.size()];
    for (String name : List.of("pirat", "hirat", "lvrat", "unemp")) {
      continuous[columns.indexOf(name)] = true;
    }
    Random random = new Random(42);
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (BufferedWriter out =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(temp), 1 << 16),
                StandardCharsets.UTF_8))) {
      out.write(header);
      out.write('\n');
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < count; i++) {
        String[] row = rows.get(random.nextInt(rows.size()));
        line.setLength(0);
        for (int c = 0; c < row.length; c++) {
          if (c > 0) {
            line.append(',');
          }
          if (continuous[c]) {
            double v = Double.parseDouble(row[c]) * (1 + 0.05 * random.nextGaussian());
            line.append(String.format(Locale.ROOT, "%.4f", Math.max(0, v)));
          } else {
            line.append(row[c]);
          }
        }
        out.write(line.append('\n').toString());
      }
    }
    Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
