package dev.assay.core.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The cell styles of a workbook, created once (a workbook holds a limited number of styles). Cells
 * are locked by default, so a protected sheet cannot be edited; {@link #editable} styles are not.
 */
final class SheetStyles {
  static final String DECIMAL_FORMAT = "0.0000";
  static final String PERCENT_FORMAT = "0.00%";
  static final String INTEGER_FORMAT = "#,##0";
  static final String TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss";

  final CellStyle title;
  final CellStyle subtitle;
  final CellStyle header;
  final CellStyle label;
  final CellStyle text;
  final CellStyle wrap;
  final CellStyle note;
  final CellStyle warning;
  final CellStyle link;
  final CellStyle integer;
  final CellStyle decimal;
  final CellStyle percent;
  final CellStyle timestamp;
  final CellStyle editable;
  final CellStyle editableTimestamp;

  SheetStyles(Workbook workbook) {
    DataFormat formats = workbook.createDataFormat();
    Font bold = workbook.createFont();
    bold.setBold(true);
    Font big = workbook.createFont();
    big.setBold(true);
    big.setFontHeightInPoints((short) 14);
    Font italic = workbook.createFont();
    italic.setItalic(true);
    italic.setColor(IndexedColors.GREY_80_PERCENT.getIndex());
    Font red = workbook.createFont();
    red.setBold(true);
    red.setColor(IndexedColors.DARK_RED.getIndex());
    Font blue = workbook.createFont();
    blue.setUnderline(Font.U_SINGLE);
    blue.setColor(IndexedColors.BLUE.getIndex());

    title = workbook.createCellStyle();
    title.setFont(big);
    subtitle = workbook.createCellStyle();
    subtitle.setFont(bold);
    header = workbook.createCellStyle();
    header.setFont(bold);
    header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
    header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    header.setBorderBottom(BorderStyle.THIN);
    header.setWrapText(true);
    header.setVerticalAlignment(VerticalAlignment.TOP);
    label = workbook.createCellStyle();
    label.setFont(bold);
    label.setVerticalAlignment(VerticalAlignment.TOP);
    text = top(workbook);
    wrap = top(workbook);
    wrap.setWrapText(true);
    note = top(workbook);
    note.setFont(italic);
    note.setWrapText(false);
    warning = top(workbook);
    warning.setFont(red);
    link = top(workbook);
    link.setFont(blue);
    integer = number(workbook, formats, INTEGER_FORMAT);
    decimal = number(workbook, formats, DECIMAL_FORMAT);
    percent = number(workbook, formats, PERCENT_FORMAT);
    timestamp = number(workbook, formats, TIMESTAMP_FORMAT);
    editable = top(workbook);
    editable.setWrapText(true);
    editable.setLocked(false);
    editable.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
    editable.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    editable.setBorderBottom(BorderStyle.HAIR);
    editableTimestamp = number(workbook, formats, TIMESTAMP_FORMAT);
    editableTimestamp.setLocked(false);
    editableTimestamp.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
    editableTimestamp.setFillPattern(FillPatternType.SOLID_FOREGROUND);
  }

  /** The style of a value in {@code format}. */
  CellStyle of(CellFormat format) {
    return switch (format) {
      case TEXT -> text;
      case INTEGER -> integer;
      case DECIMAL -> decimal;
      case PERCENT -> percent;
      case TIMESTAMP -> timestamp;
    };
  }

  private static CellStyle top(Workbook workbook) {
    CellStyle style = workbook.createCellStyle();
    style.setVerticalAlignment(VerticalAlignment.TOP);
    return style;
  }

  private static CellStyle number(Workbook workbook, DataFormat formats, String format) {
    CellStyle style = top(workbook);
    style.setDataFormat(formats.getFormat(format));
    return style;
  }
}
