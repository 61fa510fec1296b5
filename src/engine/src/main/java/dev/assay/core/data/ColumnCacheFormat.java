package dev.assay.core.data;

import java.nio.charset.StandardCharsets;

/**
 * Layout of the column cache file (version 1), little-endian throughout:
 *
 * <pre>
 * header   "ASSAYCOL" | int32 version | int32 0
 * group*   each 8-byte aligned, length a multiple of 8:
 *            int32 rows | int32 flags (1 = explicit row numbers, 2 = explicit line numbers)
 *            int64 first row number | int64 line - row | int64[columns] chunk offsets in the group
 *            [int64[rows] row numbers] [int64[rows] line numbers]
 *            per column, 8-byte aligned: int32 kind | kind-specific data
 *              NUMBER      int32 0 | float64[rows] (NaN = missing, infinities kept)
 *              DICTIONARY  int32 entries | int32 code width (1, 2 or 4) | int32 0 |
 *                          entries as (int32 length, UTF-8 bytes) | pad to 8 | unsigned codes[rows]
 *              STRINGS     int32 0 | per row (int32 length, UTF-8 bytes)
 * meta     string source SHA-256 | int32 columns | column names | int64 rows |
 *          int64 rows with a wrong field count | int32 examples | (int64 row, int64 line,
 *          int32 fields)* | int32 groups | (int64 offset, int64 length, int32 rows, int32 CRC-32C)* |
 *          int32[columns] column flags (1 = has NUMBER chunks)
 * tail     int64 meta offset | int32 meta length | int32 meta CRC-32C | "ASSAYEND"
 * </pre>
 *
 * Strings are an int32 byte length followed by UTF-8 bytes. NUMBER chunks keep values, not
 * spellings; DICTIONARY and STRINGS chunks keep every cell exactly as read (missing spellings
 * included).
 */
final class ColumnCacheFormat {
  static final byte[] MAGIC = "ASSAYCOL".getBytes(StandardCharsets.US_ASCII);
  static final byte[] END_MAGIC = "ASSAYEND".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 16;
  static final int TAIL_BYTES = 24;
  static final int GROUP_FIXED_BYTES = 24;

  static final int FLAG_EXPLICIT_ROWS = 1;
  static final int FLAG_EXPLICIT_LINES = 2;
  static final int COLUMN_HAS_NUMBERS = 1;

  static final int KIND_NUMBER = 1;
  static final int KIND_DICTIONARY = 2;
  static final int KIND_STRINGS = 3;

  /** Rows with a wrong field count whose row, line and field count are kept for messages. */
  static final int WRONG_FIELD_EXAMPLES = 10;

  private ColumnCacheFormat() {}

  static int align8(int position) {
    return (position + 7) & ~7;
  }

  static long align8(long position) {
    return (position + 7) & ~7L;
  }
}
