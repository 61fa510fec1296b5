package dev.assay.core.drift;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;

/**
 * The file format of a stored {@link ReferenceProfile}. Layout: the magic {@code ASSAYDRP}, a
 * format version, then one block per feature, then a directory (feature count, rows, and per
 * feature its name, kind, block offset, block length and the block's CRC-32C), and last the
 * directory's offset. A numeric block is little-endian, the rest big-endian. A numeric block is its
 * missing and non-finite counts, the number of finite values and those values sorted ascending; a
 * categorical block is its missing count, the number of categories and each category's name (UTF-8)
 * and count. A reader maps only the blocks of the features it needs and reads them in parallel; a
 * block whose CRC-32C differs is refused.
 *
 * <p>Version 2 writes a numeric feature with more than {@link NumericSketch#SKETCH_ABOVE} finite
 * values as a sketch block (kind 3, little-endian): missing and non-finite counts, finite count,
 * grid size m, standard deviation, bins aimed for, inner edge count e, then the m grid values, m
 * equal counts, m between counts, m gap sums, the e edges and the e + 1 bin counts, then the
 * calibration as in a numeric block. Version 1 files (every value kept) are still read.
 */
public final class ProfileCodec {
  private static final byte[] MAGIC =
      "ASSAYDRP".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int VERSION = 2;
  private static final int OLDEST_VERSION = 1;
  private static final byte NUMERIC = 1;
  private static final byte CATEGORICAL = 2;
  private static final byte SKETCH = 3;
  private static final int NUMERIC_HEAD = 20;
  static final int CALIBRATION_HEAD = 20;

  /** A profile file that cannot be read: truncated, of another format, or changed. */
  public static final class DamagedException extends RuntimeException {
    DamagedException(String message) {
      super(message);
    }
  }

  private record Entry(String name, byte kind, long offset, long length, int crc) {}

  private ProfileCodec() {}

  /**
   * Writes {@code profile} to {@code file} (created or replaced).
   *
   * @throws IOException when the file cannot be written
   */
  public static void write(ReferenceProfile profile, Path file) throws IOException {
    write(profile, file, DriftSettings.DEFAULTS.bins());
  }

  /**
   * Writes {@code profile} to {@code file} (created or replaced), a large numeric feature as a
   * sketch with {@code bins} quantile bins.
   *
   * @throws IOException when the file cannot be written
   */
  public static void write(ReferenceProfile profile, Path file, int bins) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      head.put(MAGIC).putInt(VERSION).flip();
      writeFully(channel, head);
      List<Entry> entries = new ArrayList<>();
      List<FeatureSample> features = profile.features();
      List<ByteBuffer> blocks =
          IntStream.range(0, features.size())
              .parallel()
              .mapToObj(i -> block(profile, features.get(i), bins))
              .toList();
      for (int i = 0; i < blocks.size(); i++) {
        ByteBuffer block = blocks.get(i);
        CRC32C crc = new CRC32C();
        crc.update(block.duplicate());
        long offset = channel.position();
        int length = block.remaining();
        writeFully(channel, block);
        entries.add(
            new Entry(
                features.get(i).name(),
                kind(profile, features.get(i)),
                offset,
                length,
                (int) crc.getValue()));
      }
      long directory = channel.position();
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(entries.size());
        out.writeLong(profile.rows());
        for (Entry e : entries) {
          out.writeUTF(e.name());
          out.writeByte(e.kind());
          out.writeLong(e.offset());
          out.writeLong(e.length());
          out.writeInt(e.crc());
        }
        out.writeLong(directory);
      }
      writeFully(channel, ByteBuffer.wrap(bytes.toByteArray()));
      channel.force(true);
    }
  }

  private static byte kind(ReferenceProfile profile, FeatureSample f) {
    return profile.sketches().containsKey(f.name())
            || (f instanceof NumericSample n && n.count() > NumericSketch.SKETCH_ABOVE)
        ? SKETCH
        : f instanceof NumericSample ? NUMERIC : CATEGORICAL;
  }

  private static ByteBuffer block(ReferenceProfile profile, FeatureSample f, int bins) {
    ThresholdCalibration calibration = profile.calibrations().get(f.name());
    if (kind(profile, f) == SKETCH) {
      NumericSketch sketch = profile.sketches().get(f.name());
      return SketchBlocks.write(
          sketch != null
              ? sketch
              : NumericSketch.of((NumericSample) f, NumericSketch.GRID_POINTS, bins),
          calibration);
    }
    try {
      return block(f, calibration);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ByteBuffer block(FeatureSample f, ThresholdCalibration calibration)
      throws IOException {
    if (f instanceof NumericSample n) {
      int splits = calibration == null ? 0 : calibration.scaled().length;
      ByteBuffer b =
          ByteBuffer.allocate(NUMERIC_HEAD + 8 * n.count() + CALIBRATION_HEAD + 8 * splits)
              .order(ByteOrder.LITTLE_ENDIAN);
      b.putLong(n.missing()).putLong(n.nonFinite()).putInt(n.count());
      b.asDoubleBuffer().put(n.sorted(), 0, n.count());
      b.position(NUMERIC_HEAD + 8 * n.count());
      b.putInt(splits);
      if (calibration != null) {
        b.putLong(calibration.seed()).putInt(calibration.resamples()).putInt(calibration.cap());
        b.asDoubleBuffer().put(calibration.scaled());
      }
      b.position(b.capacity());
      return b.flip();
    }
    CategoricalSample c = (CategoricalSample) f;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes))) {
      out.writeLong(c.missing());
      List<String> names = new ArrayList<>(c.counts().keySet());
      names.sort(null);
      out.writeInt(names.size());
      for (String name : names) {
        byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
        out.writeLong(c.counts().get(name));
      }
    }
    return ByteBuffer.wrap(bytes.toByteArray());
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /**
   * Reads the profile in {@code file}; only {@code names} when not null, in that order, else every
   * feature in stored order. Blocks are read in parallel.
   *
   * @throws DamagedException when the file is not a profile, is truncated or a block was changed
   * @throws IllegalArgumentException when a name is not in the profile
   * @throws IOException when the file cannot be read
   */
  public static ReferenceProfile read(Path file, List<String> names) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 12 + 8) {
        throw new DamagedException("the drift profile " + file.getFileName() + " is truncated");
      }
      ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(head, 0);
      head.flip();
      byte[] magic = new byte[8];
      head.get(magic);
      int version = head.getInt();
      if (!java.util.Arrays.equals(magic, MAGIC) || version < OLDEST_VERSION || version > VERSION) {
        throw new DamagedException(
            "the drift profile " + file.getFileName() + " is not a profile of this version");
      }
      ByteBuffer tail = ByteBuffer.allocate(8);
      channel.read(tail, size - 8);
      long directory = tail.flip().getLong();
      if (directory < 12 || directory > size - 8) {
        throw new DamagedException("the drift profile " + file.getFileName() + " is truncated");
      }
      ByteBuffer dir = ByteBuffer.allocate((int) (size - 8 - directory));
      while (dir.hasRemaining() && channel.read(dir, directory + dir.position()) > 0) {
        // read on
      }
      long rows;
      Map<String, Entry> entries = new java.util.LinkedHashMap<>();
      try (DataInputStream in =
          new DataInputStream(new java.io.ByteArrayInputStream(dir.array()))) {
        int count = in.readInt();
        rows = in.readLong();
        for (int i = 0; i < count; i++) {
          Entry e =
              new Entry(in.readUTF(), in.readByte(), in.readLong(), in.readLong(), in.readInt());
          if (e.offset() < 12 || e.offset() + e.length() > directory) {
            throw new DamagedException("the drift profile " + file.getFileName() + " is truncated");
          }
          entries.put(e.name(), e);
        }
      } catch (java.io.EOFException e) {
        throw new DamagedException("the drift profile " + file.getFileName() + " is truncated");
      }
      List<Entry> wanted = new ArrayList<>();
      for (String name : names == null ? List.copyOf(entries.keySet()) : names) {
        Entry e = entries.get(name);
        if (e == null) {
          throw new IllegalArgumentException("column '" + name + "' is not in the drift profile");
        }
        wanted.add(e);
      }
      Map<String, ThresholdCalibration> calibrations =
          new java.util.concurrent.ConcurrentHashMap<>();
      Map<String, NumericSketch> sketches = new java.util.concurrent.ConcurrentHashMap<>();
      List<FeatureSample> features =
          IntStream.range(0, wanted.size())
              .parallel()
              .mapToObj(i -> block(channel, wanted.get(i), file, calibrations, sketches))
              .toList();
      return new ReferenceProfile(rows, features, calibrations, sketches);
    }
  }

  private static FeatureSample block(
      FileChannel channel,
      Entry e,
      Path file,
      Map<String, ThresholdCalibration> calibrations,
      Map<String, NumericSketch> sketches) {
    MappedByteBuffer mapped;
    try {
      mapped = channel.map(FileChannel.MapMode.READ_ONLY, e.offset(), e.length());
    } catch (IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
    CRC32C crc = new CRC32C();
    crc.update(mapped.duplicate());
    if ((int) crc.getValue() != e.crc()) {
      throw new DamagedException(
          "the drift profile "
              + file.getFileName()
              + " was changed outside Assay (column '"
              + e.name()
              + "')");
    }
    if (e.kind() == SKETCH) {
      try {
        NumericSketch sketch =
            SketchBlocks.read(mapped.order(ByteOrder.LITTLE_ENDIAN), e.name(), calibrations);
        sketches.put(e.name(), sketch);
        return sketch.counts();
      } catch (java.nio.BufferUnderflowException | IllegalArgumentException x) {
        throw new DamagedException("the drift profile " + file.getFileName() + " is damaged");
      }
    }
    ByteBuffer b =
        mapped.order(e.kind() == NUMERIC ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    if (e.kind() == NUMERIC) {
      long missing = b.getLong();
      long nonFinite = b.getLong();
      int count = b.getInt();
      if (count < 0 || NUMERIC_HEAD + 8L * count + 4 > e.length()) {
        throw new DamagedException("the drift profile " + file.getFileName() + " is damaged");
      }
      double[] values = new double[count];
      b.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
      b.position(NUMERIC_HEAD + 8 * count);
      int splits = b.getInt();
      if (splits > 0) {
        if (NUMERIC_HEAD + 8L * count + CALIBRATION_HEAD + 8L * splits != e.length()) {
          throw new DamagedException("the drift profile " + file.getFileName() + " is damaged");
        }
        long seed = b.getLong();
        int resamples = b.getInt();
        int cap = b.getInt();
        double[] scaled = new double[splits];
        b.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(scaled);
        calibrations.put(e.name(), new ThresholdCalibration(seed, resamples, cap, scaled));
      }
      return new NumericSample(e.name(), values, count, missing, nonFinite);
    }
    long missing = b.getLong();
    int k = b.getInt();
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < k; i++) {
      byte[] utf8 = new byte[b.getInt()];
      b.get(utf8);
      counts.put(new String(utf8, java.nio.charset.StandardCharsets.UTF_8), b.getLong());
    }
    return new CategoricalSample(e.name(), counts, missing);
  }
}
