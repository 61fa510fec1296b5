package dev.assay.core.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One column of one row group of a {@link ColumnCache}, decoded into reusable arrays: float64
 * values, dictionary codes with the dictionary (each entry parsed once), or raw strings. Reuse one
 * instance per column across groups: arrays grow only when a group needs more room, so reading
 * allocates per dictionary entry and per raw string, never per number.
 */
public final class ColumnChunk {
  /** How a chunk stores its cells. */
  public enum Kind {
    /** float64 values, NaN for missing cells; spellings are not kept. */
    NUMBER,
    /** codes into a dictionary of the distinct spellings. */
    DICTIONARY,
    /** every cell as written. */
    STRINGS
  }

  private static final byte MISSING = 0;
  private static final byte NUMERIC = 1;
  private static final byte TEXT = 2;

  private Kind kind;
  private int rows;
  private int entryCount;
  private double[] numbers = new double[0];
  private int[] codes = new int[0];
  private String[] dictionary = new String[0];
  private double[] entryValues = new double[0];
  private byte[] entryStates = new byte[0];
  private String[] strings = new String[0];
  private byte[] scratch = new byte[256];
  private short[] shorts = new short[0];

  /** The chunk's encoding. */
  public Kind kind() {
    return kind;
  }

  /** Rows in the chunk. */
  public int rows() {
    return rows;
  }

  /** Whether cell {@code row} is missing (empty, NA, NaN, null). */
  public boolean isMissing(int row) {
    return switch (kind) {
      case NUMBER -> Double.isNaN(numbers[row]);
      case DICTIONARY -> entryStates[codes[row]] == MISSING;
      case STRINGS -> Cells.isMissing(strings[row]);
    };
  }

  /** Whether cell {@code row} is text: neither missing nor a number. */
  public boolean isText(int row) {
    return switch (kind) {
      case NUMBER -> false;
      case DICTIONARY -> entryStates[codes[row]] == TEXT;
      case STRINGS ->
          Double.isNaN(Cells.parseOrNaN(strings[row])) && !Cells.isMissing(strings[row]);
    };
  }

  /** The number in cell {@code row}: NaN for missing and text cells. */
  public double number(int row) {
    return switch (kind) {
      case NUMBER -> numbers[row];
      case DICTIONARY -> entryValues[codes[row]];
      case STRINGS -> Cells.parseOrNaN(strings[row]);
    };
  }

  /** Every row's number (NaN for missing and text cells) into {@code out[0, rows)}. */
  public void numbers(double[] out) {
    switch (kind) {
      case NUMBER -> System.arraycopy(numbers, 0, out, 0, rows);
      case DICTIONARY -> {
        for (int i = 0; i < rows; i++) {
          out[i] = entryValues[codes[i]];
        }
      }
      case STRINGS -> {
        for (int i = 0; i < rows; i++) {
          out[i] = Cells.parseOrNaN(strings[i]);
        }
      }
    }
  }

  /**
   * Every row's number as {@link #numbers(double[])} gives them, without a copy where the chunk
   * holds float64 values: the chunk's own array (valid until the next decode, not to be written),
   * else {@code scratch} filled (it must hold {@link #rows()} values).
   *
   * @return an array whose first {@link #rows()} values are the numbers
   */
  public double[] numbersView(double[] scratch) {
    if (kind == Kind.NUMBER) {
      return numbers;
    }
    numbers(scratch);
    return scratch;
  }

  /**
   * Cell {@code row} exactly as read from the CSV.
   *
   * @throws IllegalStateException for a {@link Kind#NUMBER} chunk, which keeps only values
   */
  public String text(int row) {
    return switch (kind) {
      case DICTIONARY -> dictionary[codes[row]];
      case STRINGS -> strings[row];
      case NUMBER -> throw new IllegalStateException("a NUMBER chunk keeps values, not spellings");
    };
  }

  /** Dictionary entries of a {@link Kind#DICTIONARY} chunk. */
  public int entries() {
    return kind == Kind.DICTIONARY ? entryCount : 0;
  }

  /** Dictionary entry {@code entry} as written. */
  public String entry(int entry) {
    return dictionary[entry];
  }

  /** The dictionary code of cell {@code row} of a {@link Kind#DICTIONARY} chunk. */
  public int code(int row) {
    return codes[row];
  }

  /**
   * Every row's dictionary code of a {@link Kind#DICTIONARY} chunk, without a copy: the chunk's own
   * array (valid until the next decode, not to be written; its first {@link #rows()} codes).
   */
  public int[] codesView() {
    return codes;
  }

  /** The number of dictionary entry {@code entry}: NaN for missing and text entries. */
  public double entryNumber(int entry) {
    return entryValues[entry];
  }

  /** Decodes the chunk at {@code offset} of a group buffer (little-endian). */
  void decode(ByteBuffer group, int offset, int rowCount) {
    rows = rowCount;
    int kindCode = group.getInt(offset);
    int at = offset + 8;
    switch (kindCode) {
      case ColumnCacheFormat.KIND_NUMBER -> {
        kind = Kind.NUMBER;
        numbers = grow(numbers, rowCount);
        group
            .slice(at, rowCount * 8)
            .order(group.order())
            .asDoubleBuffer()
            .get(numbers, 0, rowCount);
      }
      case ColumnCacheFormat.KIND_DICTIONARY -> {
        kind = Kind.DICTIONARY;
        decodeDictionary(group, offset, rowCount);
      }
      case ColumnCacheFormat.KIND_STRINGS -> {
        kind = Kind.STRINGS;
        if (strings.length < rowCount) {
          strings = new String[rowCount];
        }
        for (int i = 0; i < rowCount; i++) {
          int length = group.getInt(at);
          strings[i] = string(group, at + 4, length);
          at += 4 + length;
        }
      }
      default -> throw new IllegalArgumentException("unknown chunk kind " + kindCode);
    }
  }

  private void decodeDictionary(ByteBuffer group, int offset, int rowCount) {
    int size = group.getInt(offset + 4);
    int width = group.getInt(offset + 8);
    if (size < 0 || (width != 1 && width != 2 && width != 4)) {
      throw new IllegalArgumentException("bad dictionary header");
    }
    if (dictionary.length < size) {
      dictionary = new String[size];
      entryValues = new double[size];
      entryStates = new byte[size];
    }
    entryCount = size;
    int at = offset + 16;
    for (int e = 0; e < size; e++) {
      int length = group.getInt(at);
      String entry = string(group, at + 4, length);
      at += 4 + length;
      dictionary[e] = entry;
      double value = Cells.parseOrNaN(entry);
      entryValues[e] = value;
      entryStates[e] = !Double.isNaN(value) ? NUMERIC : Cells.isMissing(entry) ? MISSING : TEXT;
    }
    at = ColumnCacheFormat.align8(at);
    codes = grow(codes, rowCount);
    switch (width) {
      case 1 -> {
        if (scratch.length < rowCount) {
          scratch = new byte[rowCount];
        }
        group.get(at, scratch, 0, rowCount);
        for (int i = 0; i < rowCount; i++) {
          codes[i] = scratch[i] & 0xFF;
        }
      }
      case 2 -> {
        if (shorts.length < rowCount) {
          shorts = new short[rowCount];
        }
        group.slice(at, rowCount * 2).order(group.order()).asShortBuffer().get(shorts, 0, rowCount);
        for (int i = 0; i < rowCount; i++) {
          codes[i] = shorts[i] & 0xFFFF;
        }
      }
      default ->
          group.slice(at, rowCount * 4).order(group.order()).asIntBuffer().get(codes, 0, rowCount);
    }
    for (int i = 0; i < rowCount; i++) {
      if (codes[i] < 0 || codes[i] >= size) {
        throw new IllegalArgumentException("dictionary code " + codes[i] + " out of range");
      }
    }
  }

  private String string(ByteBuffer group, int at, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative string length");
    }
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    group.get(at, scratch, 0, length);
    return new String(scratch, 0, length, StandardCharsets.UTF_8);
  }

  private static double[] grow(double[] array, int size) {
    return array.length >= size ? array : new double[size];
  }

  private static int[] grow(int[] array, int size) {
    return array.length >= size ? array : new int[size];
  }
}
