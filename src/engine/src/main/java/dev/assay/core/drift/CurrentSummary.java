package dev.assay.core.drift;

import dev.assay.core.data.Cells;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a drift comparison against a stored {@link ReferenceProfile} needs of the current data, as a
 * mergeable accumulator: per feature the current values of a numeric feature whose reference keeps
 * its values (exact tests need them all), the counts at and between the grid values of a sketched
 * one ({@link SketchComparison}: no values kept), or the count per category. Parts of the current
 * data (a Spark job's partitions) are gathered separately and merged in any order; {@link #report}
 * then runs the same statistics as {@link DatasetDrift#run(ReferenceProfile, DatasetDrift.Source,
 * List, DriftSettings)}. Counts merge exactly; a sketched feature's distance sums are doubles added
 * in another order than in one pass, so its Wasserstein distance may differ in the last bits.
 */
public final class CurrentSummary {
  private static final int MAGIC = 0x41534353; // "ASCS"
  private static final int PENDING = 4096;

  private final List<FeatureReader.Feature> features;
  private final NumericSketch[] sketches;
  private final Object[] parts;
  private final double[][] pending;
  private final int[] pendingCount;

  private CurrentSummary(List<FeatureReader.Feature> features, NumericSketch[] sketches) {
    this.features = List.copyOf(features);
    this.sketches = sketches;
    this.parts = new Object[features.size()];
    this.pending = new double[features.size()][];
    this.pendingCount = new int[features.size()];
    for (int i = 0; i < parts.length; i++) {
      if (sketches[i] != null) {
        parts[i] = new SketchComparison(sketches[i]);
        pending[i] = new double[PENDING];
      } else if (features.get(i).kind() == FeatureReader.Kind.NUMERIC) {
        parts[i] = new NumericCollector(16);
      } else {
        parts[i] = new CategoryCollector();
      }
    }
  }

  /**
   * An empty summary of {@code features} for a comparison with {@code profile}.
   *
   * @throws IllegalArgumentException when a feature is not in the profile
   */
  public static CurrentSummary of(ReferenceProfile profile, List<FeatureReader.Feature> features) {
    Map<String, FeatureSample> byName = profile.byName();
    NumericSketch[] sketches = new NumericSketch[features.size()];
    for (int i = 0; i < sketches.length; i++) {
      FeatureReader.Feature f = features.get(i);
      if (!byName.containsKey(f.name())) {
        throw new IllegalArgumentException(
            "column '" + f.name() + "' is not in the reference profile");
      }
      if (f.kind() == FeatureReader.Kind.NUMERIC) {
        sketches[i] = profile.sketches().get(f.name());
      }
    }
    return new CurrentSummary(features, sketches);
  }

  /** The features, in report order. */
  public List<FeatureReader.Feature> features() {
    return features;
  }

  /**
   * Adds one cell of feature {@code i} as read from text (a CSV cell; null or blank: missing). A
   * numeric feature parses it as the local reading does (text that is no number counts as missing).
   */
  public void addText(int i, String cell) {
    if (parts[i] instanceof CategoryCollector c) {
      c.add(cell);
    } else {
      addNumber(i, cell == null ? Double.NaN : Cells.parseOrNaN(cell));
    }
  }

  /**
   * Adds one cell of feature {@code i} stored as a number (NaN: missing). A categorical feature
   * spells it as the column cache does ({@code 3}, {@code 2.5}).
   */
  public void addNumber(int i, double value) {
    Object part = parts[i];
    if (part instanceof CategoryCollector c) {
      c.addNumber(value);
    } else if (part instanceof NumericCollector n) {
      n.add(value);
    } else {
      double[] p = pending[i];
      p[pendingCount[i]++] = value;
      if (pendingCount[i] == p.length) {
        flush(i);
      }
    }
  }

  private void flush(int i) {
    if (pendingCount[i] > 0) {
      ((SketchComparison) parts[i]).add(pending[i], pendingCount[i]);
      pendingCount[i] = 0;
    }
  }

  private void flush() {
    for (int i = 0; i < parts.length; i++) {
      flush(i);
    }
  }

  /**
   * Adds {@code other} (a summary of other rows, of the same features and profile) into this one.
   *
   * @return this
   */
  public CurrentSummary merge(CurrentSummary other) {
    if (!features.equals(other.features)) {
      throw new IllegalArgumentException("summaries of different features");
    }
    flush();
    other.flush();
    for (int i = 0; i < parts.length; i++) {
      switch (parts[i]) {
        case SketchComparison s -> s.merge((SketchComparison) other.parts[i]);
        case NumericCollector n -> n.merge((NumericCollector) other.parts[i]);
        case CategoryCollector c -> c.merge((CategoryCollector) other.parts[i]);
        default -> throw new IllegalStateException();
      }
    }
    return this;
  }

  /**
   * Compares the summarised current data with {@code profile} (the one the summary was made for)
   * and decides, as a local comparison with the stored profile does.
   */
  public DriftReport report(ReferenceProfile profile, DriftSettings settings) {
    flush();
    List<DriftAnalysis.Compared> compared =
        IntStream.range(0, parts.length)
            .parallel()
            .mapToObj(i -> compare(profile, i, settings))
            .toList();
    return DriftAnalysis.decide(compared, settings);
  }

  private DriftAnalysis.Compared compare(ReferenceProfile profile, int i, DriftSettings settings) {
    String name = features.get(i).name();
    return switch (parts[i]) {
      case SketchComparison s ->
          DriftAnalysis.compare(sketches[i], s, settings, profile.calibrations().get(name));
      case NumericCollector n -> profile.compare(name, n.sample(name), settings);
      case CategoryCollector c -> profile.compare(name, c.sample(name), settings);
      default -> throw new IllegalStateException();
    };
  }

  /** The summary in an exact binary form ({@link #fromBytes}), the sketches included. */
  public byte[] toBytes() {
    flush();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(parts.length);
      for (int i = 0; i < parts.length; i++) {
        FeatureReader.Feature f = features.get(i);
        CategoryCollector.writeString(out, f.name());
        out.writeByte(f.kind().ordinal());
        out.writeBoolean(sketches[i] != null);
        if (sketches[i] != null) {
          writeSketch(out, sketches[i]);
        }
        switch (parts[i]) {
          case SketchComparison s -> s.writeCounts(out);
          case NumericCollector n -> n.writeTo(out);
          case CategoryCollector c -> c.writeTo(out);
          default -> throw new IllegalStateException();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a summary written by {@link #toBytes}.
   *
   * @throws IllegalArgumentException when the bytes are not a summary
   */
  public static CurrentSummary fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a drift summary");
      }
      int n = in.readInt();
      List<FeatureReader.Feature> features = new ArrayList<>(n);
      NumericSketch[] sketches = new NumericSketch[n];
      List<Object> read = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String name = CategoryCollector.readString(in);
        FeatureReader.Kind kind = FeatureReader.Kind.values()[in.readByte()];
        features.add(new FeatureReader.Feature(name, kind));
        if (in.readBoolean()) {
          sketches[i] = readSketch(in);
          read.add(new SketchComparison(sketches[i]).readCounts(in));
        } else if (kind == FeatureReader.Kind.NUMERIC) {
          read.add(NumericCollector.readFrom(in));
        } else {
          read.add(CategoryCollector.readFrom(in));
        }
      }
      CurrentSummary summary = new CurrentSummary(features, sketches);
      for (int i = 0; i < n; i++) {
        summary.parts[i] = read.get(i);
      }
      return summary;
    } catch (IOException e) {
      throw new IllegalArgumentException("a damaged drift summary: " + e.getMessage(), e);
    }
  }

  private static void writeSketch(DataOutput out, NumericSketch s) throws IOException {
    CategoryCollector.writeString(out, s.name());
    out.writeInt(s.count());
    out.writeLong(s.missing());
    out.writeLong(s.nonFinite());
    writeDoubles(out, s.grid());
    writeInts(out, s.equal());
    writeInts(out, s.between());
    writeDoubles(out, s.gapSums());
    out.writeDouble(s.sd());
    out.writeInt(s.bins());
    writeDoubles(out, s.binEdges());
    out.writeInt(s.binCounts().length);
    for (long v : s.binCounts()) {
      out.writeLong(v);
    }
  }

  private static NumericSketch readSketch(DataInput in) throws IOException {
    String name = CategoryCollector.readString(in);
    int count = in.readInt();
    long missing = in.readLong();
    long nonFinite = in.readLong();
    double[] grid = readDoubles(in);
    int[] equal = readInts(in);
    int[] between = readInts(in);
    double[] gapSums = readDoubles(in);
    double sd = in.readDouble();
    int bins = in.readInt();
    double[] edges = readDoubles(in);
    long[] binCounts = new long[in.readInt()];
    for (int k = 0; k < binCounts.length; k++) {
      binCounts[k] = in.readLong();
    }
    return new NumericSketch(
        name, count, missing, nonFinite, grid, equal, between, gapSums, sd, bins, edges, binCounts);
  }

  private static void writeDoubles(DataOutput out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  private static double[] readDoubles(DataInput in) throws IOException {
    double[] values = new double[in.readInt()];
    for (int k = 0; k < values.length; k++) {
      values[k] = in.readDouble();
    }
    return values;
  }

  private static void writeInts(DataOutput out, int[] values) throws IOException {
    out.writeInt(values.length);
    for (int v : values) {
      out.writeInt(v);
    }
  }

  private static int[] readInts(DataInput in) throws IOException {
    int[] values = new int[in.readInt()];
    for (int k = 0; k < values.length; k++) {
      values[k] = in.readInt();
    }
    return values;
  }
}
