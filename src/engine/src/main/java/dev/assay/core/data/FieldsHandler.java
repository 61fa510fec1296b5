package dev.assay.core.data;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;

/**
 * Collects one record's fields as strings for FastCSV: unquoted fields are trimmed of surrounding
 * whitespace, and (for UTF-8 input) fields are checked for the decoder's marker of invalid bytes.
 * Never throws from a callback (FastCSV would wrap it): problems are flagged for {@link CsvSource}.
 */
final class FieldsHandler extends CsvCallbackHandler<String[]> {

  /** What the decoder writes for invalid input; a Unicode noncharacter, absent from real text. */
  static final char INVALID_INPUT_MARKER = '\uFDD0';

  private final boolean checkInvalidInput;
  private String[] fields = new String[32];
  private int count;
  private long startingLine;
  private RecordType recordType = RecordType.DATA;
  private int invalidColumn = -1;
  private boolean quotedField;

  FieldsHandler(boolean checkInvalidInput) {
    this.checkInvalidInput = checkInvalidInput;
  }

  /** The 1-based physical line where the last built record starts. */
  long startingLine() {
    return startingLine;
  }

  /** The 0-based column of the first field with invalid input in the last record, or -1. */
  int invalidColumn() {
    return invalidColumn;
  }

  /** Whether the last built record is a line holding only spaces or tabs (no quotes). */
  boolean blankLine() {
    return count == 1 && !quotedField && fields[0].isEmpty();
  }

  @Override
  protected RecordType getRecordType() {
    return recordType;
  }

  @Override
  protected int getFieldCount() {
    return count;
  }

  @Override
  protected void beginRecord(long startingLineNumber) {
    startingLine = startingLineNumber;
    count = 0;
    recordType = RecordType.DATA;
    invalidColumn = -1;
    quotedField = false;
  }

  @Override
  protected void addField(char[] buf, int offset, int len, boolean quoted) {
    quotedField |= quoted;
    int start = offset;
    int end = offset + len;
    if (!quoted) {
      while (start < end && (buf[start] == ' ' || buf[start] == '\t')) {
        start++;
      }
      while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
        end--;
      }
    }
    if (checkInvalidInput && invalidColumn < 0) {
      for (int i = start; i < end; i++) {
        if (buf[i] == INVALID_INPUT_MARKER) {
          invalidColumn = count;
          break;
        }
      }
    }
    if (count == fields.length) {
      fields = Arrays.copyOf(fields, count * 2);
    }
    fields[count++] = start == end ? "" : new String(buf, start, end - start);
  }

  @Override
  protected void setComment(char[] buf, int offset, int len) {
    recordType = RecordType.COMMENT;
  }

  @Override
  protected void setEmpty() {
    recordType = RecordType.EMPTY;
    count = 0;
  }

  @Override
  protected String[] buildRecord() {
    return Arrays.copyOf(fields, count);
  }
}
