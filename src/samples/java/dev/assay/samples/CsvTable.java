package dev.assay.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, strict reader for the sample CSV files: header row, comma separated, UTF-8, no quoting.
 *
 * <p>The sample data sets never quote fields, so anything with a quote character is rejected rather
 * than guessed at.
 *
 * @param fileName the file name (without directories), recorded in the model metadata
 * @param header the column names in file order
 * @param rows the data rows, each with exactly {@code header.size()} cells
 */
record CsvTable(String fileName, List<String> header, List<String[]> rows) {

  /** Reads a whole CSV file. */
  static CsvTable read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IOException(file.getFileName() + ": empty file");
    }
    List<String> header = List.of(lines.getFirst().split(",", -1));
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      if (line.indexOf('"') >= 0) {
        throw new IOException(
            file.getFileName() + " line " + (i + 1) + ": quoted fields are not supported");
      }
      String[] cells = line.split(",", -1);
      if (cells.length != header.size()) {
        throw new IOException(
            file.getFileName()
                + " line "
                + (i + 1)
                + ": expected "
                + header.size()
                + " cells, found "
                + cells.length);
      }
      rows.add(cells);
    }
    return new CsvTable(file.getFileName().toString(), header, List.copyOf(rows));
  }

  /** The index of a column, failing with the file and column name when it is absent. */
  int column(String name) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(fileName + ": no column '" + name + "'");
    }
    return index;
  }

  /**
   * The numeric values of the given columns, one row per data row, in the order of {@code columns}.
   */
  double[][] numeric(List<String> columns) {
    int[] indices = columns.stream().mapToInt(this::column).toArray();
    double[][] values = new double[rows.size()][indices.length];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < indices.length; c++) {
        String cell = rows.get(r)[indices[c]];
        try {
          values[r][c] = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              fileName
                  + " row "
                  + (r + 1)
                  + ", column '"
                  + columns.get(c)
                  + "': not a number: '"
                  + cell
                  + "'",
              e);
        }
      }
    }
    return values;
  }

  /** The raw text of one column. */
  List<String> text(String name) {
    int index = column(name);
    return rows.stream().map(row -> row[index]).toList();
  }
}
