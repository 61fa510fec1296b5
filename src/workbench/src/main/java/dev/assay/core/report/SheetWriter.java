package dev.assay.core.report;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/**
 * Writes one sheet top to bottom: titles, notes, label/value facts and tables, with typed cells
 * (numbers stay numbers), column widths that fit the longest value (capped; long text wraps), and
 * the finishing touches (frozen header, filter, protection).
 */
final class SheetWriter {
  /** Widest column, in characters; longer text wraps. */
  static final int MAX_WIDTH = 60;

  private final Sheet sheet;
  private final SheetStyles styles;
  private final Map<Integer, Integer> widths = new HashMap<>();
  private int next;
  private int tableHeader = -1;
  private int tableLast = -1;
  private int printLast = -1;

  SheetWriter(Sheet sheet, SheetStyles styles) {
    this.sheet = sheet;
    this.styles = styles;
  }

  Sheet sheet() {
    return sheet;
  }

  SheetStyles styles() {
    return styles;
  }

  /** A sheet name as written in a reference: {@code 'Audit trail'}. */
  static String quote(String sheetName) {
    return "'" + sheetName.replace("'", "''") + "'";
  }

  /** The 0-based index of the next row to be written. */
  int nextRow() {
    return next;
  }

  /** A reference to a cell of this sheet for links: {@code 'Audit trail'!A1}. */
  String reference(int row, int column) {
    return new CellReference(sheet.getSheetName(), row, column, false, false).formatAsString();
  }

  void title(String text) {
    cell(row(next++), 0, text, styles.title, false);
  }

  void subtitle(String text) {
    cell(row(next++), 0, text, styles.subtitle, false);
  }

  void note(String text) {
    cell(row(next++), 0, text, styles.note, false);
  }

  void warning(String text) {
    cell(row(next++), 0, text, styles.warning, false);
  }

  void blank() {
    next++;
  }

  /**
   * A label in column A and a value in column B.
   *
   * @return the row index of the value
   */
  int fact(String label, Object value, CellFormat format) {
    Row row = row(next);
    cell(row, 0, label, styles.label, true);
    value(row, 1, value, format);
    return next++;
  }

  /** A label and a long text value that wraps. */
  int longFact(String label, String value) {
    Row row = row(next);
    cell(row, 0, label, styles.label, true);
    cell(row, 1, value == null ? "" : value, styles.wrap, true);
    return next++;
  }

  /**
   * A header row.
   *
   * @return its row index
   */
  int header(List<String> titles) {
    Row row = row(next);
    for (int c = 0; c < titles.size(); c++) {
      cell(row, c, titles.get(c), styles.header, true);
    }
    return next++;
  }

  /** A data row; {@code formats.get(c)} formats {@code values.get(c)}. */
  int row(List<?> values, List<CellFormat> formats) {
    Row row = row(next);
    for (int c = 0; c < values.size(); c++) {
      value(row, c, values.get(c), formats.get(Math.min(c, formats.size() - 1)));
    }
    return next++;
  }

  /** Writes a typed value into a cell. */
  Cell value(Row row, int column, Object value, CellFormat format) {
    Cell cell = row.createCell(column);
    if (value == null) {
      cell.setBlank();
      cell.setCellStyle(styles.text);
    } else if (value instanceof Number n) {
      double v = n.doubleValue();
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        cell.setCellValue(Double.isNaN(v) ? "n/a" : n.toString());
        cell.setCellStyle(styles.text);
        width(column, 4);
      } else {
        cell.setCellValue(v);
        cell.setCellStyle(format == CellFormat.TEXT ? styles.decimal : styles.of(format));
        width(column, numberWidth(n, format));
      }
    } else if (value instanceof Instant t) {
      cell.setCellValue(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
      cell.setCellStyle(styles.timestamp);
      width(column, 19);
    } else if (value instanceof Boolean b) {
      cell.setCellValue(b);
      cell.setCellStyle(styles.text);
      width(column, 5);
    } else {
      String text = value.toString();
      cell.setCellValue(text);
      cell.setCellStyle(text.length() > MAX_WIDTH ? styles.wrap : styles.text);
      width(column, text.length());
    }
    return cell;
  }

  /** A cell that links to {@code target} (e.g. {@code 'Data'!A5}) inside this workbook. */
  void link(Row row, int column, String text, String target) {
    Cell cell = cell(row, column, text, styles.link, true);
    Hyperlink link =
        sheet.getWorkbook().getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
    link.setAddress(target);
    cell.setHyperlink(link);
  }

  Row row(int index) {
    Row row = sheet.getRow(index);
    return row == null ? sheet.createRow(index) : row;
  }

  Cell cell(Row row, int column, String text, CellStyle style, boolean measure) {
    Cell cell = row.createCell(column);
    cell.setCellValue(text);
    cell.setCellStyle(style);
    if (measure) {
      width(column, text.length());
    }
    return cell;
  }

  /** Freezes the rows above {@code headerRow + 1} and filters the table below the header. */
  void table(int headerRow, int lastRow, int columns, boolean filter) {
    sheet.createFreezePane(0, headerRow + 1);
    tableHeader = headerRow;
    tableLast = lastRow;
    if (filter && lastRow >= headerRow) {
      sheet.setAutoFilter(new CellRangeAddress(headerRow, lastRow, 0, columns - 1));
    }
  }

  /** Prints the sheet only down to {@code row} (0-based, inclusive): what follows is raw data. */
  void printUntil(int row) {
    printLast = row;
  }

  /**
   * What to print: down to the last written row (or {@link #printUntil}), repeating the header of
   * the frozen table when that table runs to the end of the printed rows.
   */
  PrintLayout.Range printRange() {
    int last = printLast >= 0 ? printLast : next - 1;
    int repeat = tableHeader >= 0 && tableLast >= last - 1 ? tableHeader : -1;
    return new PrintLayout.Range(last, repeat);
  }

  /** Sets each column's width to fit its longest value (at least 8, at most {@link #MAX_WIDTH}). */
  void fitColumns() {
    widths.forEach(
        (column, chars) ->
            sheet.setColumnWidth(column, Math.min(MAX_WIDTH, Math.max(8, chars + 2)) * 256));
  }

  /**
   * Protects the sheet against accidental edits (no password: the workbook's integrity rests on the
   * SHA-256 in the audit trail); filtering, sorting and resizing columns stay possible.
   */
  void protect() {
    if (sheet instanceof org.apache.poi.xssf.usermodel.XSSFSheet x) {
      x.enableLocking();
      x.lockObjects(true);
      x.lockAutoFilter(false);
      x.lockSort(false);
      x.lockFormatColumns(false);
      x.lockFormatRows(false);
    } else if (sheet instanceof org.apache.poi.xssf.streaming.SXSSFSheet s) {
      s.enableLocking();
      s.lockObjects(true);
      s.lockAutoFilter(false);
      s.lockSort(false);
      s.lockFormatColumns(false);
      s.lockFormatRows(false);
    }
  }

  void width(int column, int chars) {
    widths.merge(column, chars, Math::max);
  }

  private static int numberWidth(Number n, CellFormat format) {
    double v = Math.abs(n.doubleValue());
    int digits = v < 1 ? 1 : (int) Math.log10(v) + 1;
    return switch (format) {
      case INTEGER -> digits + digits / 3 + 1;
      case PERCENT -> digits + 6;
      default -> digits + 6;
    };
  }
}
