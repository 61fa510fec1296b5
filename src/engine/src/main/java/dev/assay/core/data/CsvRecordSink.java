package dev.assay.core.data;

import java.util.List;

/**
 * Receives the records of a CSV file as they are read, for work done in the same pass (such as
 * writing the {@link ColumnCache}). Records are passed as read, including those whose field count
 * differs from the header.
 */
public interface CsvRecordSink {

  /** The header, before any record. */
  void header(List<String> header);

  /**
   * One data record.
   *
   * @param row the 1-based data row number ({@link CsvSource#row()})
   * @param line the 1-based physical line where the record starts ({@link CsvSource#line()})
   */
  void record(String[] record, long row, long line);
}
