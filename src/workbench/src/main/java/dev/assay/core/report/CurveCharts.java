package dev.assay.core.report;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.ScatterStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFChartLegend;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * ROC and precision-recall curves as native Excel scatter charts (lines, no markers) over the curve
 * data written on the sheet, so the chart and its numbers are the same cells.
 */
final class CurveCharts {
  /** Rows a chart spans. */
  static final int HEIGHT_ROWS = 20;

  private CurveCharts() {}

  /**
   * ROC curve from columns A (FPR) and B (TPR), with the chance diagonal, drawn over columns {@code
   * column} to {@code toColumn} (exclusive) from {@code row} down.
   */
  static void roc(XSSFSheet sheet, int firstRow, int lastRow, int column, int toColumn, int row) {
    XSSFChart chart = chart(sheet, column, toColumn, row, "ROC curve");
    XDDFValueAxis x = axis(chart, AxisPosition.BOTTOM, "False-positive rate");
    XDDFValueAxis y = axis(chart, AxisPosition.LEFT, "True-positive rate");
    XDDFScatterChartData data = (XDDFScatterChartData) chart.createData(ChartTypes.SCATTER, x, y);
    data.setStyle(ScatterStyle.LINE);
    series(data, sheet, firstRow, lastRow, 0, 1, "ROC");
    XDDFScatterChartData.Series chance =
        (XDDFScatterChartData.Series)
            data.addSeries(
                XDDFDataSourcesFactory.fromArray(new Double[] {0.0, 1.0}),
                XDDFDataSourcesFactory.fromArray(new Double[] {0.0, 1.0}));
    chance.setTitle("chance", null);
    chance.setMarkerStyle(MarkerStyle.NONE);
    chance.setSmooth(false);
    chart.plot(data);
  }

  /** Precision-recall curve from columns E (recall) and F (precision), placed as {@link #roc}. */
  static void precisionRecall(
      XSSFSheet sheet, int firstRow, int lastRow, int column, int toColumn, int row) {
    XSSFChart chart = chart(sheet, column, toColumn, row, "Precision-recall curve");
    XDDFValueAxis x = axis(chart, AxisPosition.BOTTOM, "Recall");
    XDDFValueAxis y = axis(chart, AxisPosition.LEFT, "Precision");
    XDDFScatterChartData data = (XDDFScatterChartData) chart.createData(ChartTypes.SCATTER, x, y);
    data.setStyle(ScatterStyle.LINE);
    series(data, sheet, firstRow, lastRow, 4, 5, "Precision-recall");
    chart.plot(data);
  }

  private static XSSFChart chart(XSSFSheet sheet, int column, int toColumn, int row, String title) {
    XSSFDrawing drawing = sheet.createDrawingPatriarch();
    XSSFClientAnchor anchor =
        drawing.createAnchor(0, 0, 0, 0, column, row, toColumn, row + HEIGHT_ROWS);
    XSSFChart chart = drawing.createChart(anchor);
    chart.setTitleText(title);
    chart.setTitleOverlay(false);
    XDDFChartLegend legend = chart.getOrAddLegend();
    legend.setPosition(LegendPosition.BOTTOM);
    return chart;
  }

  private static XDDFValueAxis axis(XSSFChart chart, AxisPosition position, String title) {
    XDDFValueAxis axis = chart.createValueAxis(position);
    axis.setTitle(title);
    axis.setMinimum(0);
    axis.setMaximum(1);
    axis.setCrosses(AxisCrosses.AUTO_ZERO);
    return axis;
  }

  private static void series(
      XDDFScatterChartData data,
      XSSFSheet sheet,
      int firstRow,
      int lastRow,
      int xColumn,
      int yColumn,
      String title) {
    XDDFNumericalDataSource<Double> xs =
        XDDFDataSourcesFactory.fromNumericCellRange(
            sheet, new CellRangeAddress(firstRow, lastRow, xColumn, xColumn));
    XDDFNumericalDataSource<Double> ys =
        XDDFDataSourcesFactory.fromNumericCellRange(
            sheet, new CellRangeAddress(firstRow, lastRow, yColumn, yColumn));
    XDDFScatterChartData.Series series = (XDDFScatterChartData.Series) data.addSeries(xs, ys);
    series.setTitle(title, null);
    series.setMarkerStyle(MarkerStyle.NONE);
    series.setSmooth(false);
  }
}
