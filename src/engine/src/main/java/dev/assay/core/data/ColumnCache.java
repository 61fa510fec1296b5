package dev.assay.core.data;

import dev.assay.core.AssayException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A binary columnar copy of a CSV dataset (see {@link ColumnCacheWriter}), read instead of parsing
 * the CSV again. {@link #open} checks the format version, the source's SHA-256, the layout and the
 * CRC-32C of the metadata and of every row group before anything is read, so a truncated or damaged
 * file is refused rather than read wrongly. Groups are memory-mapped; chunks decode into reusable
 * {@link ColumnChunk}s.
 */
public final class ColumnCache {
  /** The cache is absent in a usable form: truncated, damaged, of another version or source. */
  public static final class DamagedException extends AssayException {
    private static final long serialVersionUID = 1L;

    public DamagedException(String message) {
      super(message);
    }
  }

  /** A row with the wrong number of fields, left out of the cache. */
  public record WrongFieldRow(long row, long line, int fields) {}

  private final List<String> header;
  private final long rows;
  private final long wrongFieldRows;
  private final List<WrongFieldRow> wrongFieldExamples;
  private final ByteBuffer[] groups;
  private final long[] groupEnds;
  private final boolean[] hasNumbers;
  private final long sizeBytes;

  /** Each group's CRC-32C while not yet verified ({@link #openVerifyingAsRead}), else null. */
  private final int[] pendingCrcs;

  private final java.util.concurrent.atomic.AtomicIntegerArray verified;
  private final Path file;

  private ColumnCache(
      List<String> header,
      long rows,
      long wrongFieldRows,
      List<WrongFieldRow> wrongFieldExamples,
      ByteBuffer[] groups,
      long[] groupEnds,
      boolean[] hasNumbers,
      long sizeBytes,
      int[] pendingCrcs,
      Path file) {
    this.header = header;
    this.rows = rows;
    this.wrongFieldRows = wrongFieldRows;
    this.wrongFieldExamples = wrongFieldExamples;
    this.groups = groups;
    this.groupEnds = groupEnds;
    this.hasNumbers = hasNumbers;
    this.sizeBytes = sizeBytes;
    this.pendingCrcs = pendingCrcs;
    this.verified =
        pendingCrcs == null
            ? null
            : new java.util.concurrent.atomic.AtomicIntegerArray(groups.length);
    this.file = file;
  }

  /**
   * Opens and verifies a cache file.
   *
   * @param sha256 the SHA-256 of the CSV the cache must have been made from
   * @throws java.nio.file.NoSuchFileException when there is no cache
   * @throws DamagedException when the file is not a complete, intact cache of that CSV
   */
  public static ColumnCache open(Path file, String sha256) throws IOException {
    return open(file, sha256, true);
  }

  /**
   * Opens a cache file checking its format version, source, layout, metadata checksum and row
   * counts, and each row group's CRC-32C the first time the group is read ({@link #group}), not in
   * a separate pass over the whole file before reading: a reader that reads every group once reads
   * the file once. A damaged group is refused when it is reached: {@link #group} throws {@link
   * DamagedException}, so a reader must be ready to give up (and read the CSV) part way through.
   *
   * @throws java.nio.file.NoSuchFileException when there is no cache
   * @throws DamagedException when the file is not a complete cache of that CSV
   */
  public static ColumnCache openVerifyingAsRead(Path file, String sha256) throws IOException {
    return open(file, sha256, false);
  }

  private static ColumnCache open(Path file, String sha256, boolean verifyNow) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < ColumnCacheFormat.HEADER_BYTES + ColumnCacheFormat.TAIL_BYTES) {
        throw damaged(file, "truncated (" + size + " bytes)");
      }
      ByteBuffer head = read(channel, 0, ColumnCacheFormat.HEADER_BYTES);
      byte[] magic = new byte[8];
      head.get(magic);
      if (!Arrays.equals(magic, ColumnCacheFormat.MAGIC)) {
        throw damaged(file, "not a column cache");
      }
      int version = head.getInt();
      if (version != ColumnCacheFormat.VERSION) {
        throw damaged(
            file, "format version " + version + ", expected " + ColumnCacheFormat.VERSION);
      }
      if (head.getInt() != 0) {
        throw damaged(file, "damaged header");
      }
      ByteBuffer tail =
          read(channel, size - ColumnCacheFormat.TAIL_BYTES, ColumnCacheFormat.TAIL_BYTES);
      long metaOffset = tail.getLong();
      int metaLength = tail.getInt();
      int metaCrc = tail.getInt();
      tail.get(magic);
      if (!Arrays.equals(magic, ColumnCacheFormat.END_MAGIC)
          || metaLength < 0
          || metaOffset < ColumnCacheFormat.HEADER_BYTES
          || metaOffset + metaLength + ColumnCacheFormat.TAIL_BYTES != size) {
        throw damaged(file, "incomplete (no valid end marker)");
      }
      ByteBuffer meta = read(channel, metaOffset, metaLength);
      if (crc(meta) != metaCrc) {
        throw damaged(file, "metadata checksum mismatch");
      }
      return readMeta(file, channel, meta, metaOffset, sha256, size, verifyNow);
    } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw damaged(file, "malformed (" + e + ")");
    }
  }

  private static ColumnCache readMeta(
      Path file,
      FileChannel channel,
      ByteBuffer meta,
      long metaOffset,
      String sha256,
      long size,
      boolean verifyNow)
      throws IOException {
    String source = string(meta);
    if (!source.equals(sha256)) {
      throw damaged(file, "made from other data (SHA-256 " + source + ")");
    }
    int width = meta.getInt();
    List<String> header = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      header.add(string(meta));
    }
    long rows = meta.getLong();
    long wrong = meta.getLong();
    int exampleCount = meta.getInt();
    List<WrongFieldRow> examples = new ArrayList<>();
    for (int i = 0; i < exampleCount; i++) {
      examples.add(new WrongFieldRow(meta.getLong(), meta.getLong(), meta.getInt()));
    }
    int groupCount = meta.getInt();
    ByteBuffer[] groups = new ByteBuffer[groupCount];
    long[] ends = new long[groupCount];
    int[] crcs = verifyNow ? null : new int[groupCount];
    long expected = ColumnCacheFormat.HEADER_BYTES;
    long total = 0;
    for (int g = 0; g < groupCount; g++) {
      long offset = meta.getLong();
      long length = meta.getLong();
      int groupRows = meta.getInt();
      int groupCrc = meta.getInt();
      if (offset != expected || length <= 0 || length > Integer.MAX_VALUE || groupRows <= 0) {
        throw damaged(file, "row group " + g + " is out of place");
      }
      ByteBuffer group =
          channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
      if (!verifyNow) {
        crcs[g] = groupCrc;
      } else if (crc(group) != groupCrc) {
        throw damaged(file, "row group " + g + " checksum mismatch");
      }
      if (group.getInt(0) != groupRows) {
        throw damaged(file, "row group " + g + " row count mismatch");
      }
      groups[g] = group;
      expected = offset + length;
      ends[g] = expected;
      total += groupRows;
    }
    if (expected != metaOffset || total != rows) {
      throw damaged(file, "row groups do not add up");
    }
    boolean[] hasNumbers = new boolean[width];
    for (int c = 0; c < width; c++) {
      hasNumbers[c] = (meta.getInt() & ColumnCacheFormat.COLUMN_HAS_NUMBERS) != 0;
    }
    return new ColumnCache(
        List.copyOf(header),
        rows,
        wrong,
        List.copyOf(examples),
        groups,
        ends,
        hasNumbers,
        size,
        crcs,
        file);
  }

  /** The CSV header as read. */
  public List<String> header() {
    return header;
  }

  /** Rows in the cache: the CSV's data rows with the right number of fields. */
  public long rows() {
    return rows;
  }

  /** Data rows left out because their field count differs from the header. */
  public long wrongFieldRows() {
    return wrongFieldRows;
  }

  /** The first such rows (up to 10), for messages. */
  public List<WrongFieldRow> wrongFieldExamples() {
    return wrongFieldExamples;
  }

  /**
   * Whether some group stores column {@code column} as float64 values, so that its cells' exact
   * spellings are not kept there.
   */
  public boolean hasNumberChunks(int column) {
    return hasNumbers[column];
  }

  public int groupCount() {
    return groups.length;
  }

  /** The file offset where group {@code group} ends, for progress. */
  public long groupEnd(int group) {
    return groupEnds[group];
  }

  /** The file's size in bytes. */
  public long sizeBytes() {
    return sizeBytes;
  }

  /**
   * Row group {@code group}.
   *
   * @throws DamagedException when the cache was opened {@link #openVerifyingAsRead} and this group
   *     does not match its checksum
   */
  public Group group(int group) {
    if (verified != null && verified.get(group) == 0) {
      verify(group);
    }
    return new Group(groups[group].duplicate().order(ByteOrder.LITTLE_ENDIAN), header.size());
  }

  /** One row group: row and line numbers, and its column chunks. */
  public static final class Group {
    private final ByteBuffer data;
    private final int rows;
    private final int width;
    private final int flags;
    private final long firstRow;
    private final long lineDelta;
    private final int rowsAt;
    private final int linesAt;

    Group(ByteBuffer data, int width) {
      this.data = data;
      this.width = width;
      this.rows = data.getInt(0);
      this.flags = data.getInt(4);
      this.firstRow = data.getLong(8);
      this.lineDelta = data.getLong(16);
      this.rowsAt = ColumnCacheFormat.GROUP_FIXED_BYTES + width * 8;
      boolean explicitRows = (flags & ColumnCacheFormat.FLAG_EXPLICIT_ROWS) != 0;
      this.linesAt = rowsAt + (explicitRows ? rows * 8 : 0);
    }

    public int rows() {
      return rows;
    }

    /** The 1-based CSV data row number of row {@code index} of the group. */
    public long row(int index) {
      return (flags & ColumnCacheFormat.FLAG_EXPLICIT_ROWS) != 0
          ? data.getLong(rowsAt + index * 8)
          : firstRow + index;
    }

    /** The 1-based physical line where row {@code index} of the group starts. */
    public long line(int index) {
      return (flags & ColumnCacheFormat.FLAG_EXPLICIT_LINES) != 0
          ? data.getLong(linesAt + index * 8)
          : row(index) + lineDelta;
    }

    /** Decodes column {@code column} into {@code chunk} (reused) and returns it. */
    public ColumnChunk column(int column, ColumnChunk chunk) {
      if (column < 0 || column >= width) {
        throw new IndexOutOfBoundsException("column " + column);
      }
      chunk.decode(
          data,
          Math.toIntExact(data.getLong(ColumnCacheFormat.GROUP_FIXED_BYTES + column * 8)),
          rows);
      return chunk;
    }
  }

  /** Checks a group's CRC-32C once; concurrent first readers of the group wait for one check. */
  private void verify(int group) {
    synchronized (groups[group]) {
      if (verified.get(group) != 0) {
        return;
      }
      if (crc(groups[group]) != pendingCrcs[group]) {
        throw damaged(file, "row group " + group + " checksum mismatch");
      }
      verified.set(group, 1);
    }
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new java.io.EOFException();
      }
    }
    return buffer.flip();
  }

  private static String string(ByteBuffer buffer) {
    int length = buffer.getInt();
    if (length < 0 || length > buffer.remaining()) {
      throw new IllegalArgumentException("bad string length " + length);
    }
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static int crc(ByteBuffer buffer) {
    CRC32C crc = new CRC32C();
    crc.update(buffer.duplicate());
    return (int) crc.getValue();
  }

  private static DamagedException damaged(Path file, String reason) {
    return new DamagedException("column cache " + file.getFileName() + ": " + reason);
  }
}
