package dev.assay.core.data;

import java.util.List;

/**
 * The profile of a CSV dataset: row count, per-column profiles and data-quality findings.
 *
 * @param rows data rows profiled (rows with the wrong number of fields are not counted: they are
 *     reported as a {@code wrong_field_count} finding)
 * @param columns one profile per header column, in file order
 * @param findings data-quality findings, most severe first
 * @param dialect how the file is written
 */
public record DatasetProfile(
    long rows, List<ColumnProfile> columns, List<DataFinding> findings, CsvDialect dialect) {

  public DatasetProfile {
    columns = List.copyOf(columns);
    findings = List.copyOf(findings);
  }

  /** The profile of the first column with this name. */
  public java.util.Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
