package dev.assay.core.drift;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * A {@link NumericSketch}'s block in a profile file (little-endian): counts, the grid with its
 * exact counts and gap sums, the decile edges and counts, then the threshold calibration.
 */
final class SketchBlocks {
  private static final int SKETCH_HEAD = 40;

  private SketchBlocks() {}

  static ByteBuffer write(NumericSketch s, ThresholdCalibration calibration) {
    int m = s.grid().length;
    int e = s.binEdges().length;
    int splits = calibration == null ? 0 : calibration.scaled().length;
    ByteBuffer b =
        ByteBuffer.allocate(
                SKETCH_HEAD
                    + 24 * m
                    + 8 * e
                    + 8 * (e + 1)
                    + ProfileCodec.CALIBRATION_HEAD
                    + 8 * splits)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(s.missing()).putLong(s.nonFinite()).putInt(s.count()).putInt(m);
    b.putDouble(s.sd()).putInt(s.bins()).putInt(e);
    for (double v : s.grid()) {
      b.putDouble(v);
    }
    for (int v : s.equal()) {
      b.putInt(v);
    }
    for (int v : s.between()) {
      b.putInt(v);
    }
    for (double v : s.gapSums()) {
      b.putDouble(v);
    }
    for (double v : s.binEdges()) {
      b.putDouble(v);
    }
    for (long v : s.binCounts()) {
      b.putLong(v);
    }
    b.putInt(splits);
    if (calibration != null) {
      b.putLong(calibration.seed()).putInt(calibration.resamples()).putInt(calibration.cap());
      for (double v : calibration.scaled()) {
        b.putDouble(v);
      }
    } else {
      b.position(b.position() + ProfileCodec.CALIBRATION_HEAD - 4);
    }
    return b.flip();
  }

  static NumericSketch read(
      ByteBuffer b, String name, Map<String, ThresholdCalibration> calibrations) {
    long missing = b.getLong();
    long nonFinite = b.getLong();
    int count = b.getInt();
    int m = b.getInt();
    double sd = b.getDouble();
    int bins = b.getInt();
    int edges = b.getInt();
    if (count <= 0 || m < 1 || m > count || edges < 0 || edges > bins) {
      throw new IllegalArgumentException("bad sketch head");
    }
    double[] grid = new double[m];
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(grid);
    b.position(b.position() + 8 * m);
    int[] equal = new int[m];
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(equal);
    b.position(b.position() + 4 * m);
    int[] between = new int[m];
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(between);
    b.position(b.position() + 4 * m);
    double[] gapSums = new double[m];
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(gapSums);
    b.position(b.position() + 8 * m);
    double[] binEdges = new double[edges];
    for (int i = 0; i < edges; i++) {
      binEdges[i] = b.getDouble();
    }
    long[] binCounts = new long[edges + 1];
    for (int i = 0; i <= edges; i++) {
      binCounts[i] = b.getLong();
    }
    int splits = b.getInt();
    if (splits > 0) {
      long seed = b.getLong();
      int resamples = b.getInt();
      int cap = b.getInt();
      double[] scaled = new double[splits];
      for (int i = 0; i < splits; i++) {
        scaled[i] = b.getDouble();
      }
      calibrations.put(name, new ThresholdCalibration(seed, resamples, cap, scaled));
    }
    return new NumericSketch(
        name, count, missing, nonFinite, grid, equal, between, gapSums, sd, bins, binEdges,
        binCounts);
  }
}
