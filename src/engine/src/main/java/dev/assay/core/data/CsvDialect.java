package dev.assay.core.data;

/**
 * How a CSV file is written, as sniffed by {@link CsvSource#open}.
 *
 * @param separator the field separator: {@code ','}, {@code ';'} or {@code '\t'}
 * @param charset the text encoding: {@code "UTF-8"}, or {@code "windows-1252"} when the start of
 *     the file is not valid UTF-8 (Latin-1 and Windows-1252 files)
 * @param gzip whether the file is gzip-compressed (recognised by its magic bytes)
 * @param bom whether the text starts with a UTF-8 byte order mark (removed from the header)
 */
public record CsvDialect(char separator, String charset, boolean gzip, boolean bom) {

  /** The separator as a name a user reads: "comma", "semicolon" or "tab". */
  public String separatorName() {
    return switch (separator) {
      case ',' -> "comma";
      case ';' -> "semicolon";
      case '\t' -> "tab";
      default -> "'" + separator + "'";
    };
  }
}
