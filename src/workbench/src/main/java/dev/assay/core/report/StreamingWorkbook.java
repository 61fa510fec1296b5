package dev.assay.core.report;

import java.io.OutputStream;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * An SXSSF workbook over an in-memory one whose zip entries are deflated at a chosen level: a
 * 1M-row Predictions sheet is several hundred MB of XML, and the fastest level compresses it
 * several times faster than the default for a somewhat larger file.
 */
final class StreamingWorkbook extends SXSSFWorkbook {
  private final int level;

  /**
   * @param window rows kept in memory per streamed sheet
   * @param level a {@link Deflater} level
   */
  StreamingWorkbook(XSSFWorkbook book, int window, int level) {
    super(book, window, false, false);
    this.level = level;
  }

  @Override
  protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
    ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
    zip.setLevel(level);
    return zip;
  }

  static int levelFor(boolean large) {
    return large ? Deflater.BEST_SPEED : Deflater.DEFAULT_COMPRESSION;
  }
}
