package dev.assay.core.report;

import dev.assay.core.data.CategoryCount;
import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.DataFinding;
import dev.assay.core.data.DatasetProfile;
import dev.assay.core.data.DatasetVersion;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Sheet 6: the test dataset's identity, column profile and data-quality findings. */
final class DataSheet {
  static final String NAME = "Data";

  private DataSheet() {}

  static void write(SheetWriter w, ReportInputs in, Anchors anchors) {
    DatasetVersion d = in.dataset();
    DatasetProfile p = d.profile();
    w.title("Test data: " + d.ref());
    w.fact("File", d.fileName(), CellFormat.TEXT);
    w.fact("SHA-256", d.sha256(), CellFormat.TEXT);
    w.fact("Rows", d.rows(), CellFormat.INTEGER);
    w.fact("Imported", d.importedAt(), CellFormat.TIMESTAMP);
    w.fact(
        "Dialect",
        p.dialect().separatorName()
            + " separated, "
            + p.dialect().charset()
            + (p.dialect().bom() ? ", byte order mark" : "")
            + (p.dialect().gzip() ? ", gzip" : ""),
        CellFormat.TEXT);
    if (!in.options().maskedColumns().isEmpty()) {
      w.note(
          "Masked on export: "
              + String.join(", ", in.options().maskedColumns())
              + " (smallest, largest and most frequent values hidden).");
    }
    w.blank();
    int header =
        w.header(
            List.of(
                "Column",
                "Type",
                "Missing",
                "Missing share",
                "Non-numeric",
                "Infinite",
                "Min",
                "Max",
                "Mean",
                "Std",
                "Distinct",
                "Most frequent values"));
    List<CellFormat> formats =
        List.of(
            CellFormat.TEXT,
            CellFormat.TEXT,
            CellFormat.INTEGER,
            CellFormat.PERCENT,
            CellFormat.INTEGER,
            CellFormat.INTEGER,
            CellFormat.DECIMAL,
            CellFormat.DECIMAL,
            CellFormat.DECIMAL,
            CellFormat.DECIMAL,
            CellFormat.INTEGER,
            CellFormat.TEXT);
    int last = header;
    for (ColumnProfile c : p.columns()) {
      boolean masked = in.masked(c.name());
      last =
          w.row(
              Arrays.asList(
                  c.name(),
                  c.type().name().toLowerCase(java.util.Locale.ROOT),
                  c.missing(),
                  p.rows() == 0 ? null : (double) c.missing() / p.rows(),
                  c.nonNumeric(),
                  c.infinite(),
                  masked ? WorkbookOptions.MASK : c.min(),
                  masked ? WorkbookOptions.MASK : c.max(),
                  c.mean(),
                  c.std(),
                  c.distinctCapped() ? c.distinct() + "+" : (Object) c.distinct(),
                  masked ? WorkbookOptions.MASK : top(c.topCategories())),
              formats);
    }
    w.table(header, last, 12, true);
    w.blank();
    int findings = w.nextRow();
    w.subtitle("Data-quality findings (" + p.findings().size() + ")");
    anchors.put(Evidence.DQ, w.reference(findings, 0));
    if (p.findings().isEmpty()) {
      w.note("No findings.");
    } else {
      w.header(List.of("Severity", "Kind", "Column", "DataFinding", "Count", "Example rows"));
      List<CellFormat> findingFormats =
          List.of(
              CellFormat.TEXT,
              CellFormat.TEXT,
              CellFormat.TEXT,
              CellFormat.TEXT,
              CellFormat.INTEGER,
              CellFormat.TEXT);
      for (DataFinding f : p.findings()) {
        boolean masked = f.column() != null && in.masked(f.column());
        w.row(
            Arrays.asList(
                f.severity().name().toLowerCase(java.util.Locale.ROOT),
                f.kind(),
                f.column(),
                masked ? "(text hidden: the column is masked)" : f.message(),
                f.count(),
                f.rows().stream().map(String::valueOf).collect(Collectors.joining(", "))),
            findingFormats);
      }
    }
    w.fitColumns();
    w.protect();
  }

  private static String top(List<CategoryCount> categories) {
    return categories.stream()
        .map(c -> c.value() + " (" + c.count() + ")")
        .collect(Collectors.joining(", "));
  }
}
