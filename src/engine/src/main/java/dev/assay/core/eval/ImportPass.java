package dev.assay.core.eval;

import dev.assay.core.data.CsvRecordSink;
import dev.assay.core.data.CsvSource;
import dev.assay.core.data.DatasetProfile;
import dev.assay.core.data.ProfilePass;
import java.util.List;

/**
 * The import of a new file done in its first evaluation's pass: every record the evaluation's
 * reader parses also goes to the dataset's profile and to {@code sink} (its column cache), so the
 * file is decompressed and parsed once. The profile is what {@code DatasetProfiler} gives for the
 * same file. The numbers the reader parsed for the batches are handed on, so the profile does not
 * parse those cells again.
 */
final class ImportPass implements RecordTap {
  private final ProfilePass pass;
  private volatile DatasetProfile profile;

  /**
   * @param sink receives the header now and every record, or null
   */
  ImportPass(List<String> header, CsvRecordSink sink) {
    this.pass = new ProfilePass(header, sink);
  }

  @Override
  public void record(String[] record, long row, long line) {
    pass.record(record, row, line);
  }

  @Override
  public void numericColumns(boolean[] numeric) {
    pass.numericColumns(numeric);
  }

  @Override
  public void record(String[] record, double[] numbers, long row, long line) {
    pass.record(record, numbers, row, line);
  }

  @Override
  public void ended(CsvSource csv) {
    profile = pass.finish(csv.dialect());
  }

  /** The profile of the whole file, or null when the pass did not reach its end. */
  DatasetProfile profile() {
    return profile;
  }

  @Override
  public void close() {
    pass.close();
  }
}
