package dev.assay.core.report;

import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Footer;
import org.apache.poi.ss.usermodel.Header;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The print setup of the workbook's sheets, so that a reviewer who prints it or exports it to PDF
 * gets readable pages: a print area (long curve data left out), one page wide (landscape when the
 * printed columns are wide), the table header repeated on every page, a header with the model
 * version and its SHA-256, a footer with the sheet name and "Page x of y", and row heights that fit
 * wrapped text (a long note that would run off the page is wrapped across the printed columns).
 */
final class PrintLayout {
  /** Printed width (characters of the default font) above which a sheet prints landscape. */
  static final int PORTRAIT_CHARS = 100;

  /** The narrowest printed width: short sheets print at a readable size, not blown up. */
  static final int MIN_CHARS = 90;

  /** Header/footer codes: 8-point text (then a letter, never a digit, must follow). */
  private static final String SMALL = "&8";

  /** Line height of an 11-point line, in points. */
  private static final float LINE_POINTS = 15f;

  private final Workbook book;
  private final String headerLeft;
  private final String headerRight;
  private final Map<Short, CellStyle> wrapped = new HashMap<>();

  /** What to print of one sheet. */
  record Range(int lastRow, int repeatRow) {
    /** Everything written, no repeated row. */
    static final Range ALL = new Range(-1, -1);
  }

  PrintLayout(Workbook book, ReportInputs in) {
    this.book = book;
    this.headerLeft =
        "Assay compliance workbook: " + in.model().ref() + " (run " + in.run().id() + ")";
    this.headerRight = "model SHA-256 " + in.model().sha256();
  }

  /**
   * Sets up one sheet for printing.
   *
   * @param range the last printed row ({@code -1}: the last written row) and the header row to
   *     repeat on every page ({@code -1}: none)
   */
  void apply(Sheet sheet, Range range) {
    int lastRow = range.lastRow() < 0 ? Math.max(0, sheet.getLastRowNum()) : range.lastRow();
    int lastColumn = 0;
    int longest = 0;
    for (int r = 0; r <= lastRow; r++) {
      Row row = sheet.getRow(r);
      if (row == null || row.getLastCellNum() <= 0) {
        continue;
      }
      if (lone(row) != null) {
        longest = Math.max(longest, chars(lone(row)));
      } else {
        lastColumn = Math.max(lastColumn, row.getLastCellNum() - 1);
      }
    }
    int width = width(sheet, lastColumn);
    int target = Math.max(width, Math.min(MIN_CHARS, longest));
    while (width < target) {
      width += sheet.getColumnWidth(++lastColumn) / 256;
    }
    for (int r = 0; r <= lastRow; r++) {
      Row row = sheet.getRow(r);
      if (row != null) {
        fitRow(sheet, row, lastColumn, width);
      }
    }
    book.setPrintArea(book.getSheetIndex(sheet), 0, lastColumn, 0, lastRow);
    page(sheet, width > PORTRAIT_CHARS, range.repeatRow());
  }

  /**
   * The page setup alone, for a streamed sheet whose rows are already on disk (the Predictions
   * sheet: no wrapped text).
   */
  void applyStreamed(Sheet sheet, int lastRow, int lastColumn) {
    book.setPrintArea(book.getSheetIndex(sheet), 0, lastColumn, 0, Math.max(0, lastRow));
    page(sheet, width(sheet, lastColumn) > PORTRAIT_CHARS, 0);
  }

  private void page(Sheet sheet, boolean landscape, int repeatRow) {
    PrintSetup setup = sheet.getPrintSetup();
    setup.setLandscape(landscape);
    sheet.setFitToPage(true);
    setup.setFitWidth((short) 1);
    setup.setFitHeight((short) 0);
    setup.setHeaderMargin(0.3);
    setup.setFooterMargin(0.3);
    sheet.setMargin(PageMargin.LEFT, 0.5);
    sheet.setMargin(PageMargin.RIGHT, 0.5);
    sheet.setMargin(PageMargin.TOP, 0.75);
    sheet.setMargin(PageMargin.BOTTOM, 0.75);
    sheet.setPrintGridlines(false);
    if (repeatRow >= 0) {
      sheet.setRepeatingRows(new CellRangeAddress(repeatRow, repeatRow, -1, -1));
    }
    Header header = sheet.getHeader();
    header.setLeft(SMALL + escape(headerLeft));
    header.setRight(SMALL + escape(headerRight));
    Footer footer = sheet.getFooter();
    footer.setLeft(SMALL + "&A");
    footer.setRight(SMALL + "Page " + "&P" + " of " + "&N");
  }

  /**
   * Wraps a lone long text that would run off the printed width across the printed columns, and
   * sets the row's height to fit its wrapped cells.
   */
  private void fitRow(Sheet sheet, Row row, int lastColumn, int width) {
    Cell alone = lone(row);
    if (alone != null && lastColumn > 0 && chars(alone) > width) {
      sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), 0, lastColumn));
      alone.setCellStyle(wrappedCopy(alone.getCellStyle()));
      row.setHeightInPoints(lines(alone, width) * lineHeight(alone));
      return;
    }
    float height = 0;
    for (Cell cell : row) {
      if (cell.getCellType() == CellType.STRING && cell.getCellStyle().getWrapText()) {
        int columnChars = sheet.getColumnWidth(cell.getColumnIndex()) / 256;
        height = Math.max(height, lines(cell, columnChars) * lineHeight(cell));
      }
    }
    if (height > row.getHeightInPoints()) {
      row.setHeightInPoints(height);
    }
  }

  /** The only cell of a row when it is a text in column A, else null. */
  private static Cell lone(Row row) {
    if (row.getPhysicalNumberOfCells() != 1) {
      return null;
    }
    Cell cell = row.getCell(0);
    return cell != null && cell.getCellType() == CellType.STRING ? cell : null;
  }

  /** The text's width in characters of the default (11-point) font. */
  private int chars(Cell cell) {
    int length = 0;
    for (String line : cell.getStringCellValue().split("\n", -1)) {
      length = Math.max(length, line.length());
    }
    return (int) Math.ceil(length * points(cell) / 11.0);
  }

  /** Lines the cell's text takes in a column {@code columnChars} wide. */
  private int lines(Cell cell, int columnChars) {
    double scale = points(cell) / 11.0 * 1.1; // word wrap leaves the ends of lines short
    int usable = Math.max(1, columnChars - 1);
    int lines = 0;
    for (String line : cell.getStringCellValue().split("\n", -1)) {
      lines += Math.max(1, (int) Math.ceil(line.length() * scale / usable));
    }
    return lines;
  }

  private float lineHeight(Cell cell) {
    return LINE_POINTS * points(cell) / 11f;
  }

  private short points(Cell cell) {
    Font font = book.getFontAt(cell.getCellStyle().getFontIndex());
    return font.getFontHeightInPoints();
  }

  private CellStyle wrappedCopy(CellStyle style) {
    return wrapped.computeIfAbsent(
        style.getIndex(),
        index -> {
          CellStyle copy = book.createCellStyle();
          copy.cloneStyleFrom(style);
          copy.setWrapText(true);
          return copy;
        });
  }

  private static int width(Sheet sheet, int lastColumn) {
    int chars = 0;
    for (int c = 0; c <= lastColumn; c++) {
      chars += sheet.getColumnWidth(c) / 256;
    }
    return chars;
  }

  /** A header/footer text with its ampersands doubled (a single one starts a code). */
  private static String escape(String text) {
    return text.replace("&", "&&");
  }
}
