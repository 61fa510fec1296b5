package dev.assay.core.data;

import dev.assay.core.AssayException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sniffs the encoding and separator of a CSV file from the first bytes of its (decompressed)
 * content: a UTF-8 BOM, whether the bytes are valid UTF-8 (else windows-1252), and which of comma,
 * semicolon and tab splits the header and the next lines into the same number of fields, counting
 * outside quotes.
 */
final class DialectSniffer {

  /** How many leading bytes decide the encoding and separator. */
  static final int SAMPLE_BYTES = 64 * 1024;

  static final String UTF_8 = "UTF-8";
  static final String WINDOWS_1252 = "windows-1252";

  private static final char[] CANDIDATES = {',', ';', '\t'};
  private static final int SAMPLE_RECORDS = 20;

  private DialectSniffer() {}

  /** Whether the sample starts with the UTF-8 byte order mark. */
  static boolean hasUtf8Bom(byte[] sample, int length) {
    return length >= 3
        && (sample[0] & 0xFF) == 0xEF
        && (sample[1] & 0xFF) == 0xBB
        && (sample[2] & 0xFF) == 0xBF;
  }

  /**
   * The dialect of a file from its first bytes.
   *
   * @param sample the first bytes of the decompressed content
   * @param length how many bytes of {@code sample} are valid
   * @param complete whether the sample is the whole content
   */
  static CsvDialect sniff(Path file, byte[] sample, int length, boolean complete, boolean gzip) {
    rejectNonText(file, sample, length);
    boolean bom = hasUtf8Bom(sample, length);
    int offset = bom ? 3 : 0;
    String text = decodeUtf8(sample, offset, length - offset, complete);
    String charset = UTF_8;
    if (text == null) {
      charset = WINDOWS_1252;
      text = new String(sample, offset, length - offset, Charset.forName(WINDOWS_1252));
    }
    return new CsvDialect(separator(text, complete), charset, gzip, bom);
  }

  private static void rejectNonText(Path file, byte[] sample, int length) {
    if (length >= 2
        && ((sample[0] == (byte) 0xFE && sample[1] == (byte) 0xFF)
            || (sample[0] == (byte) 0xFF && sample[1] == (byte) 0xFE))) {
      throw new AssayException(
          file + ": the file is UTF-16 encoded; save it as UTF-8 CSV and import it again");
    }
    if (length >= 4 && sample[0] == 'P' && sample[1] == 'K' && sample[2] == 3 && sample[3] == 4) {
      throw new AssayException(
          file
              + ": this is a ZIP archive (an Excel .xlsx workbook?), not a CSV file; export the"
              + " sheet as CSV or compress the CSV with gzip");
    }
    for (int i = 0; i < length; i++) {
      if (sample[i] == 0) {
        throw new AssayException(
            file + ": not a text file (binary data at byte " + (i + 1) + "); expected a CSV file");
      }
    }
  }

  /** The sample decoded as UTF-8, or null when it is not valid UTF-8. */
  private static String decodeUtf8(byte[] sample, int offset, int length, boolean complete) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(sample, offset, length);
    CharBuffer out = CharBuffer.allocate(length + 1);
    CoderResult result = decoder.decode(in, out, complete);
    if (result.isError()) {
      return null;
    }
    if (complete) {
      try {
        if (decoder.flush(out).isError()) {
          return null;
        }
      } catch (IllegalStateException e) {
        return null;
      }
    } else if (in.remaining() > 3) {
      // only a multi-byte sequence cut at the end of the sample may remain undecoded
      return null;
    }
    out.flip();
    return out.toString();
  }

  /** The separator that splits the first records into the same, largest number of fields. */
  static char separator(String text, boolean complete) {
    int[][] counts = new int[CANDIDATES.length][SAMPLE_RECORDS];
    int records = 0;
    boolean quoted = false;
    boolean recordHasContent = false;
    int length = text.length();
    for (int i = 0; i < length && records < SAMPLE_RECORDS; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        recordHasContent = true;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        if (recordHasContent) {
          records++;
        }
        recordHasContent = false;
      } else {
        recordHasContent = true;
        if (!quoted) {
          for (int k = 0; k < CANDIDATES.length; k++) {
            if (c == CANDIDATES[k]) {
              counts[k][records]++;
            }
          }
        }
      }
    }
    if (recordHasContent && complete && records < SAMPLE_RECORDS) {
      records++;
    }
    char best = ',';
    int bestConsistent = -1;
    int bestFields = 0;
    for (int k = 0; k < CANDIDATES.length; k++) {
      int header = counts[k][0];
      if (header == 0) {
        continue;
      }
      int consistent = 0;
      for (int r = 1; r < records; r++) {
        if (counts[k][r] == header) {
          consistent++;
        }
      }
      if (consistent > bestConsistent || (consistent == bestConsistent && header > bestFields)) {
        best = CANDIDATES[k];
        bestConsistent = consistent;
        bestFields = header;
      }
    }
    return best;
  }
}
