package dev.assay.core.data;

import static dev.assay.core.data.ColumnCacheFormat.align8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes the {@link ColumnCache} of a CSV dataset from its records, in row groups of up to 65,536
 * rows (fewer for wide files or long texts), column-major inside a group. Per group and column the
 * cells are stored as a dictionary when there are at most {@value #DICTIONARY_CAP} distinct
 * spellings, else as float64 when every cell is a number or missing, else as raw strings. Rows
 * whose field count differs from the header are left out and counted, the first few kept for
 * messages.
 *
 * <p>The file is written under a temporary name beside its destination: {@link #complete()}
 * finishes and syncs it, {@link #publish(Path)} renames it into place atomically; {@link #close()}
 * before that deletes it. A crash leaves at most a temporary file, never a cache under the real
 * name; a damaged file is refused by {@link ColumnCache#open} through its checksums. Writing errors
 * (a full disk) never escape {@link #record}: they are kept and thrown by {@link #complete()}, so a
 * reader feeding this sink is not disturbed by it. Not thread-safe.
 */
public final class ColumnCacheWriter implements CsvRecordSink, AutoCloseable {
  /** Distinct spellings per chunk up to which a column is dictionary-encoded. */
  public static final int DICTIONARY_CAP = 4096;

  static final int MAX_GROUP_ROWS = 65_536;
  private static final int GROUP_CELLS = 1 << 20;
  private static final long GROUP_CHARS = 16L << 20;

  private final Path temp;
  private final String sha256;
  private final int dictionaryCap;
  private final int maxGroupRows;
  private final FileChannel channel;
  private final CRC32C crc = new CRC32C();
  private final HashMap<String, Integer> dictionary = new HashMap<>();
  private final List<byte[]> entries = new ArrayList<>();
  private final List<long[]> groups = new ArrayList<>();
  private final List<long[]> wrongExamples = new ArrayList<>();
  private List<String> header;
  private boolean[] hasNumbers;
  private int groupRows;
  private String[][] cells;
  private long[] rows;
  private long[] lines;
  private int[] codes;
  private double[] numbers;
  private int count;
  private long groupChars;
  private long totalRows;
  private long wrongRows;
  private long position;
  private ByteBuffer out = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
  private IOException failure;
  private boolean completed;
  private boolean published;

  private ColumnCacheWriter(Path temp, String sha256, int dictionaryCap, int maxGroupRows)
      throws IOException {
    this.temp = temp;
    this.sha256 = sha256;
    this.dictionaryCap = dictionaryCap;
    this.maxGroupRows = maxGroupRows;
    this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /**
   * Starts a cache file under the temporary name {@code temp} (created; must not exist).
   *
   * @param sha256 the SHA-256 of the CSV the records come from, recorded and checked on open
   */
  public static ColumnCacheWriter create(Path temp, String sha256) throws IOException {
    return new ColumnCacheWriter(temp, sha256, DICTIONARY_CAP, MAX_GROUP_ROWS);
  }

  /** For tests: small dictionaries and groups exercise every chunk kind on small files. */
  static ColumnCacheWriter create(Path temp, String sha256, int dictionaryCap, int maxGroupRows)
      throws IOException {
    return new ColumnCacheWriter(temp, sha256, dictionaryCap, maxGroupRows);
  }

  @Override
  public void header(List<String> names) {
    this.header = List.copyOf(names);
    int width = Math.max(1, names.size());
    this.groupRows = Math.clamp(GROUP_CELLS / width, Math.min(256, maxGroupRows), maxGroupRows);
    this.cells = new String[names.size()][groupRows];
    this.hasNumbers = new boolean[names.size()];
    this.rows = new long[groupRows];
    this.lines = new long[groupRows];
    this.codes = new int[groupRows];
    this.numbers = new double[groupRows];
    out.clear();
    out.put(ColumnCacheFormat.MAGIC).putInt(ColumnCacheFormat.VERSION).putInt(0);
    writeOut();
  }

  @Override
  public void record(String[] record, long row, long line) {
    if (failure != null) {
      return;
    }
    if (record.length != header.size()) {
      wrongRows++;
      if (wrongExamples.size() < ColumnCacheFormat.WRONG_FIELD_EXAMPLES) {
        wrongExamples.add(new long[] {row, line, record.length});
      }
      return;
    }
    for (int c = 0; c < record.length; c++) {
      cells[c][count] = record[c];
      groupChars += record[c].length();
    }
    rows[count] = row;
    lines[count] = line;
    totalRows++;
    if (++count == groupRows || groupChars > GROUP_CHARS) {
      flushGroup();
    }
  }

  /** Writes the last group and the metadata and syncs the temporary file; returns its path. */
  public Path complete() throws IOException {
    if (header == null) {
      throw new IllegalStateException("no header was written");
    }
    if (count > 0) {
      flushGroup();
    }
    long metaOffset = position;
    out.clear();
    putString(sha256);
    out.putInt(header.size());
    header.forEach(this::putString);
    out.putLong(totalRows).putLong(wrongRows).putInt(wrongExamples.size());
    for (long[] example : wrongExamples) {
      ensure(20);
      out.putLong(example[0]).putLong(example[1]).putInt((int) example[2]);
    }
    ensure(4 + groups.size() * 24L + header.size() * 4L);
    out.putInt(groups.size());
    for (long[] group : groups) {
      out.putLong(group[0]).putLong(group[1]).putInt((int) group[2]).putInt((int) group[3]);
    }
    for (boolean numeric : hasNumbers) {
      out.putInt(numeric ? ColumnCacheFormat.COLUMN_HAS_NUMBERS : 0);
    }
    int metaLength = out.position();
    crc.reset();
    crc.update(out.flip());
    int metaCrc = (int) crc.getValue();
    out.position(metaLength);
    ensure(ColumnCacheFormat.TAIL_BYTES);
    out.putLong(metaOffset).putInt(metaLength).putInt(metaCrc).put(ColumnCacheFormat.END_MAGIC);
    writeOut();
    if (failure != null) {
      throw failure;
    }
    channel.force(true);
    channel.close();
    temp.toFile().setWritable(false, false);
    completed = true;
    return temp;
  }

  /** Renames the completed file to {@code target} atomically, replacing an older cache there. */
  public void publish(Path target) throws IOException {
    if (!completed) {
      throw new IllegalStateException("complete() the cache before publishing it");
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    published = true;
  }

  /** Deletes the temporary file unless it was published. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the file is deleted next; nothing else to do
    }
    if (!published) {
      temp.toFile().setWritable(true);
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover temporary file is never read as a cache
      }
    }
  }

  private void flushGroup() {
    int n = count;
    int width = header.size();
    out.clear();
    ensure(ColumnCacheFormat.GROUP_FIXED_BYTES + width * 8L + n * 16L);
    boolean consecutive = rows[n - 1] - rows[0] == n - 1;
    long delta = lines[0] - rows[0];
    boolean constantDelta = true;
    for (int i = 1; i < n && constantDelta; i++) {
      constantDelta = lines[i] - rows[i] == delta;
    }
    int flags =
        (consecutive ? 0 : ColumnCacheFormat.FLAG_EXPLICIT_ROWS)
            | (constantDelta ? 0 : ColumnCacheFormat.FLAG_EXPLICIT_LINES);
    out.putInt(n).putInt(flags).putLong(rows[0]).putLong(delta);
    int offsets = out.position();
    out.position(offsets + width * 8);
    if (!consecutive) {
      out.asLongBuffer().put(rows, 0, n);
      out.position(out.position() + n * 8);
    }
    if (!constantDelta) {
      out.asLongBuffer().put(lines, 0, n);
      out.position(out.position() + n * 8);
    }
    for (int c = 0; c < width; c++) {
      pad();
      out.putLong(offsets + c * 8, out.position());
      encodeColumn(c, n);
      java.util.Arrays.fill(cells[c], 0, n, null);
    }
    pad();
    int length = out.position();
    crc.reset();
    crc.update(out.flip());
    out.position(length);
    groups.add(new long[] {position, length, n, (int) crc.getValue()});
    writeOut();
    count = 0;
    groupChars = 0;
  }

  private void encodeColumn(int column, int n) {
    String[] column0 = cells[column];
    dictionary.clear();
    entries.clear();
    boolean fits = true;
    for (int i = 0; i < n; i++) {
      String cell = column0[i];
      Integer code = dictionary.get(cell);
      if (code == null) {
        if (dictionary.size() == dictionaryCap) {
          fits = false;
          break;
        }
        code = dictionary.size();
        dictionary.put(cell, code);
        entries.add(cell.getBytes(StandardCharsets.UTF_8));
      }
      codes[i] = code;
    }
    if (fits) {
      writeDictionary(n);
      return;
    }
    boolean numeric = true;
    for (int i = 0; i < n && numeric; i++) {
      double value = Cells.parseOrNaN(column0[i]);
      numeric = !Double.isNaN(value) || Cells.isMissing(column0[i]);
      numbers[i] = value;
    }
    if (numeric) {
      hasNumbers[column] = true;
      ensure(8 + n * 8L);
      out.putInt(ColumnCacheFormat.KIND_NUMBER).putInt(0);
      out.asDoubleBuffer().put(numbers, 0, n);
      out.position(out.position() + n * 8);
      return;
    }
    ensure(8);
    out.putInt(ColumnCacheFormat.KIND_STRINGS).putInt(0);
    for (int i = 0; i < n; i++) {
      putString(column0[i]);
    }
  }

  private void writeDictionary(int n) {
    int size = entries.size();
    int codeWidth = size <= 256 ? 1 : size <= 65_536 ? 2 : 4;
    ensure(16);
    out.putInt(ColumnCacheFormat.KIND_DICTIONARY).putInt(size).putInt(codeWidth).putInt(0);
    for (byte[] entry : entries) {
      ensure(4 + entry.length);
      out.putInt(entry.length).put(entry);
    }
    pad();
    ensure((long) n * codeWidth);
    for (int i = 0; i < n; i++) {
      switch (codeWidth) {
        case 1 -> out.put((byte) codes[i]);
        case 2 -> out.putShort((short) codes[i]);
        default -> out.putInt(codes[i]);
      }
    }
  }

  private void putString(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ensure(4 + bytes.length);
    out.putInt(bytes.length).put(bytes);
  }

  private void pad() {
    int aligned = align8(out.position());
    ensure(aligned - out.position());
    while (out.position() < aligned) {
      out.put((byte) 0);
    }
  }

  private void ensure(long bytes) {
    if (out.remaining() >= bytes) {
      return;
    }
    long needed = out.position() + bytes;
    int capacity =
        Math.toIntExact(Math.max(needed, Math.min(Integer.MAX_VALUE - 8, out.capacity() * 2L)));
    ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    out.flip();
    bigger.put(out);
    out = bigger;
  }

  private void writeOut() {
    out.flip();
    try {
      while (failure == null && out.hasRemaining()) {
        position += channel.write(out);
      }
    } catch (IOException e) {
      failure = e;
    }
    out.clear();
  }
}
