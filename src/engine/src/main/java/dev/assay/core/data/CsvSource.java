package dev.assay.core.data;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.assay.core.AssayException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the records of a CSV file, one at a time, in bounded memory.
 *
 * <p>Reads a header row, then data records. The separator ({@code ','}, {@code ';'} or tab) is
 * sniffed from the header and the next lines, counting outside quotes. Quoted fields may contain
 * separators, doubled quotes and line breaks. Text is UTF-8, with or without a byte order mark
 * (removed); when the first 64 KiB are not valid UTF-8 the file is decoded as windows-1252 (a
 * superset of Latin-1's printable characters), and invalid UTF-8 found later is an error naming the
 * row. Line ends may be LF or CRLF. Gzip-compressed files are recognised by their magic bytes,
 * whatever their name.
 *
 * <p>Fields are returned as strings; unquoted fields are trimmed of surrounding spaces and tabs,
 * quoted fields are kept exactly. Blank lines are skipped and not counted as rows. A record may
 * have a different number of fields than the header: callers check {@code next().length} against
 * {@code header().size()}.
 *
 * <p>Not thread-safe. Parsing is delegated to FastCSV.
 */
public final class CsvSource implements AutoCloseable {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path file;
  private final long sizeBytes;
  private final CountingInputStream counting;
  private final CsvDialect dialect;
  private final FieldsHandler handler;
  private final CsvReader<String[]> reader;
  private final CloseableIterator<String[]> records;
  private final List<String> header;
  private long row;
  private long line;

  private CsvSource(Path file, long sizeBytes, CountingInputStream counting) throws IOException {
    this.file = file;
    this.sizeBytes = sizeBytes;
    this.counting = counting;
    BufferedInputStream raw = new BufferedInputStream(counting, BUFFER_BYTES);
    raw.mark(4);
    boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
    raw.reset();
    BufferedInputStream in =
        gzip ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES) : raw;
    in.mark(DialectSniffer.SAMPLE_BYTES + 1);
    byte[] sample = in.readNBytes(DialectSniffer.SAMPLE_BYTES + 1);
    in.reset();
    int sampleLength = Math.min(sample.length, DialectSniffer.SAMPLE_BYTES);
    boolean complete = sample.length <= DialectSniffer.SAMPLE_BYTES;
    this.dialect = DialectSniffer.sniff(file, sample, sampleLength, complete, gzip);
    if (dialect.bom()) {
      in.skipNBytes(3);
    }
    boolean utf8 = dialect.charset().equals(DialectSniffer.UTF_8);
    CharsetDecoder decoder =
        Charset.forName(dialect.charset())
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    if (utf8) {
      decoder.replaceWith(String.valueOf(FieldsHandler.INVALID_INPUT_MARKER));
    }
    this.handler = new FieldsHandler(utf8);
    this.reader =
        CsvReader.builder()
            .fieldSeparator(dialect.separator())
            .quoteCharacter('"')
            .skipEmptyLines(true)
            .trimWhitespacesAroundQuotes(true)
            .allowUnclosedQuote(false)
            .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
            .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
            .detectBomHeader(false)
            .build(handler, new InputStreamReader(in, decoder));
    this.records = reader.iterator();
    String[] first = fetch();
    if (first == null) {
      throw new AssayException(file + ": no header row (the file holds only blank lines)");
    }
    checkInvalidInput("the header", 0);
    this.header = List.of(first);
  }

  /**
   * Opens a CSV file and reads its header.
   *
   * @throws AssayException when the file is missing, unreadable, empty, not text, or its header
   *     cannot be read
   */
  public static CsvSource open(Path file) {
    if (!Files.exists(file)) {
      throw new AssayException(file + ": file not found");
    }
    if (Files.isDirectory(file)) {
      throw new AssayException(file + ": is a folder, not a CSV file");
    }
    CountingInputStream counting = null;
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw new AssayException(file + ": the file is empty (0 bytes); expected a header row");
      }
      counting = new CountingInputStream(Files.newInputStream(file));
      return new CsvSource(file, size, counting);
    } catch (NoSuchFileException e) {
      throw new AssayException(file + ": file not found", e);
    } catch (IOException | UncheckedIOException | CsvParseException | AssayException e) {
      closeQuietly(counting);
      if (e instanceof AssayException assay) {
        throw assay;
      }
      throw new AssayException(file + ": cannot read the header: " + reason(e), e);
    }
  }

  /** How the file is written. */
  public CsvDialect dialect() {
    return dialect;
  }

  /** The header names as written (BOM removed, unquoted names trimmed), duplicates kept. */
  public List<String> header() {
    return header;
  }

  /**
   * The next data record, or {@code null} at the end of the file.
   *
   * @throws AssayException for a malformed record (such as an unclosed quote), invalid UTF-8 text
   *     or an unreadable file, naming the file, row and line
   */
  public String[] next() {
    String[] record;
    try {
      record = fetch();
    } catch (UncheckedIOException | CsvParseException e) {
      throw new AssayException(
          file + ": cannot read data row " + (row + 1) + " (after line " + line + "): " + reason(e),
          e);
    }
    if (record == null) {
      return null;
    }
    row++;
    line = handler.startingLine();
    checkInvalidInput("data row " + row, row);
    return record;
  }

  /** The 1-based data row number of the last record returned by {@link #next()}, 0 before. */
  public long row() {
    return row;
  }

  /** The 1-based physical line where the last returned record starts (the header is line 1). */
  public long line() {
    return line;
  }

  /** Bytes read from disk so far (compressed bytes for gzip files), for progress. */
  public long bytesRead() {
    return counting.count;
  }

  /** The size of the file on disk in bytes. */
  public long sizeBytes() {
    return sizeBytes;
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next record that is not a blank line (only spaces or tabs, no quotes). */
  private String[] fetch() {
    while (records.hasNext()) {
      String[] record = records.next();
      if (!handler.blankLine()) {
        return record;
      }
    }
    return null;
  }

  private void checkInvalidInput(String where, long rowNumber) {
    int column = handler.invalidColumn();
    if (column < 0) {
      return;
    }
    String columnName =
        header != null && column < header.size()
            ? "column '" + header.get(column) + "'"
            : "column " + (column + 1);
    throw new AssayException(
        file
            + ": invalid UTF-8 text in "
            + where
            + " (line "
            + handler.startingLine()
            + "), "
            + columnName
            + "; the file mixes encodings: save it as UTF-8 and import it again");
  }

  private static String reason(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && (cause instanceof UncheckedIOException || cause instanceof CsvParseException)) {
      cause = cause.getCause();
    }
    if (cause instanceof ZipException || cause instanceof java.io.EOFException) {
      return "the gzip data is corrupt or truncated (" + cause.getMessage() + ")";
    }
    if (cause instanceof CharacterCodingException) {
      return "invalid text encoding";
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // already failing: the first error is the one to report
      }
    }
  }

  /** Counts the bytes read from disk. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
