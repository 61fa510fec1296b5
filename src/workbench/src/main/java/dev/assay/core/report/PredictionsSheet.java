package dev.assay.core.report;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.CsvSource;
import dev.assay.core.eval.PredictionsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The optional per-row Predictions sheet, streamed (SXSSF): rows go from the stored predictions
 * file to the workbook's temporary XML a window at a time, so a 1M-row run never sits in memory.
 * The model's sensitive columns are read alongside from the stored dataset (same row numbers) and
 * may be masked. A run longer than one sheet continues on {@code Predictions (2)}, and so on.
 */
final class PredictionsSheet {
  static final String NAME = "Predictions";

  /** Data rows per sheet: Excel's 1,048,576 rows less the header. */
  static final int MAX_ROWS = 1_048_575;

  /** Sheets needed for {@code rows} prediction rows. */
  static int sheetsFor(long rows) {
    return (int) Math.max(1, (rows + MAX_ROWS - 1) / MAX_ROWS);
  }

  /** The name of the {@code index}-th (0-based) predictions sheet. */
  static String name(int index) {
    return index == 0 ? NAME : NAME + " (" + (index + 1) + ")";
  }

  private static final int PROGRESS_EVERY = 1 << 16;

  private PredictionsSheet() {}

  /** The sheets written and the rows on them. */
  record Written(List<String> sheets, long rows) {}

  /**
   * Writes the sheet(s).
   *
   * @param datasetFile the stored dataset, read for the extra columns
   */
  static Written write(
      SXSSFWorkbook workbook,
      SheetStyles styles,
      ReportInputs in,
      Path predictions,
      Path datasetFile,
      Progress progress,
      Cancellation cancellation) {
    Writer writer = new Writer(workbook, styles, in, progress, cancellation);
    progress.update(0, in.result().rows(), "writing predictions: row 0");
    List<String> extra = in.extraColumns();
    if (extra.isEmpty()) {
      PredictionsFile.read(predictions, writer);
    } else {
      try (CsvSource csv = CsvSource.open(datasetFile)) {
        writer.attach(csv, extra);
        PredictionsFile.read(predictions, writer);
      }
    }
    writer.finish();
    return new Written(List.copyOf(writer.sheets), writer.written);
  }

  /** Streams rows into the sheet(s). */
  private static final class Writer implements Consumer<PredictionsFile.Row> {
    private final SXSSFWorkbook workbook;
    private final SheetStyles styles;
    private final ReportInputs in;
    private final Progress progress;
    private final Cancellation cancellation;
    private final List<String> labels;
    private final double[] numericLabels;
    private final boolean regression;
    private final boolean maskActual;
    private final List<String> sheets = new ArrayList<>();
    private CsvSource csv;
    private int[] extraIndex = new int[0];
    private boolean[] extraMasked = new boolean[0];
    private boolean[] extraText = new boolean[0];
    private String[] current;
    private SXSSFSheet sheet;
    private int rowInSheet;
    private int columns;
    private long written;

    Writer(
        SXSSFWorkbook workbook,
        SheetStyles styles,
        ReportInputs in,
        Progress progress,
        Cancellation cancellation) {
      this.workbook = workbook;
      this.styles = styles;
      this.in = in;
      this.progress = progress;
      this.cancellation = cancellation;
      this.regression = in.result().regression() != null;
      this.labels = regression ? List.of() : in.result().classOrder();
      this.maskActual = in.masked(in.run().target());
      this.numericLabels = numeric(labels);
    }

    /** The labels as numbers when every label is one (written as numbers), else null. */
    private static double[] numeric(List<String> labels) {
      double[] values = new double[labels.size()];
      for (int i = 0; i < values.length; i++) {
        if (!isNumber(labels.get(i))) {
          return null;
        }
        values[i] = Double.parseDouble(labels.get(i));
      }
      return values;
    }

    void attach(CsvSource source, List<String> extra) {
      this.csv = source;
      extraIndex = new int[extra.size()];
      extraMasked = new boolean[extra.size()];
      extraText = new boolean[extra.size()];
      for (int i = 0; i < extra.size(); i++) {
        extraIndex[i] = source.header().indexOf(extra.get(i));
        if (extraIndex[i] < 0) {
          throw new AssayException(
              "column '" + extra.get(i) + "' is not in the dataset " + in.dataset().ref());
        }
        extraMasked[i] = in.masked(extra.get(i));
      }
    }

    @Override
    public void accept(PredictionsFile.Row p) {
      if (sheet == null || rowInSheet > MAX_ROWS) {
        newSheet();
      }
      Row row = sheet.createRow(rowInSheet++);
      int c = 0;
      number(row, c++, p.row(), styles.integer);
      if (regression) {
        if (maskActual) {
          text(row, c++, WorkbookOptions.MASK);
        } else {
          number(row, c++, p.actual(), styles.decimal);
        }
        number(row, c++, p.predicted(), styles.decimal);
        number(row, c++, p.predicted() - p.actual(), styles.decimal);
      } else {
        if (maskActual) {
          text(row, c++, WorkbookOptions.MASK);
        } else {
          label(row, c++, p.trueClass());
        }
        label(row, c++, p.predictedClass());
        row.createCell(c++).setCellValue(p.trueClass() == p.predictedClass());
        for (float probability : p.probabilities()) {
          if (!Float.isNaN(probability)) {
            // the float's shortest decimal form, not its 17-digit double expansion
            number(row, c, Double.parseDouble(Float.toString(probability)), styles.decimal);
          }
          c++;
        }
      }
      if (csv != null) {
        extra(row, c, p.row());
      }
      written++;
      if (written % PROGRESS_EVERY == 0) {
        cancellation.throwIfCancelled();
        progress.update(written, in.result().rows(), "writing predictions: row " + written);
      }
    }

    private void label(Row row, int column, int index) {
      if (numericLabels != null) {
        row.createCell(column).setCellValue(numericLabels[index]);
      } else {
        text(row, column, labels.get(index));
      }
    }

    private void extra(Row row, int first, long dataRow) {
      while (csv.row() < dataRow) {
        current = csv.next();
        if (current == null) {
          throw new AssayException(
              in.dataset().ref() + " ended before data row " + dataRow + " of the predictions");
        }
      }
      if (csv.row() != dataRow) {
        throw new IllegalStateException("predictions are not in data-row order at " + dataRow);
      }
      for (int i = 0; i < extraIndex.length; i++) {
        String value = extraIndex[i] < current.length ? current[extraIndex[i]] : "";
        if (extraMasked[i]) {
          text(row, first + i, WorkbookOptions.MASK);
        } else if (!extraText[i] && isNumber(value)) {
          number(row, first + i, Double.parseDouble(value), styles.text);
        } else {
          extraText[i] = !value.isEmpty() || extraText[i];
          text(row, first + i, value);
        }
      }
    }

    private static boolean isNumber(String value) {
      if (value.isEmpty() || value.length() > 24) {
        return false;
      }
      char first = value.charAt(0);
      if (!(Character.isDigit(first) || first == '-' || first == '.' || first == '+')) {
        return false;
      }
      try {
        Double.parseDouble(value);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }

    private void newSheet() {
      if (sheet != null) {
        close();
      }
      String name = name(sheets.size());
      sheet = workbook.createSheet(name);
      sheets.add(name);
      rowInSheet = 0;
      List<String> titles = new ArrayList<>();
      titles.add("Data row");
      titles.add("Actual");
      titles.add("Predicted");
      if (regression) {
        titles.add("Error (predicted - actual)");
      } else {
        titles.add("Correct");
        labels.forEach(l -> titles.add("P(" + l + ")"));
      }
      titles.addAll(in.extraColumns());
      Row header = sheet.createRow(rowInSheet++);
      for (int c = 0; c < titles.size(); c++) {
        Cell cell = header.createCell(c);
        cell.setCellValue(titles.get(c));
        cell.setCellStyle(styles.header);
        sheet.setColumnWidth(c, Math.min(40, Math.max(12, titles.get(c).length() + 3)) * 256);
      }
      columns = titles.size();
      sheet.createFreezePane(0, 1);
    }

    private void close() {
      sheet.setAutoFilter(new CellRangeAddress(0, rowInSheet - 1, 0, columns - 1));
      new SheetWriter(sheet, styles).protect();
      new PrintLayout(workbook, in).applyStreamed(sheet, rowInSheet - 1, columns - 1);
    }

    void finish() {
      if (sheet == null) {
        newSheet();
      }
      close();
      progress.update(written, written, "wrote " + written + " prediction rows");
    }

    private static void number(Row row, int column, double value, CellStyle style) {
      Cell cell = row.createCell(column);
      cell.setCellValue(value);
      cell.setCellStyle(style);
    }

    private static void text(Row row, int column, String value) {
      row.createCell(column).setCellValue(value);
    }
  }
}
