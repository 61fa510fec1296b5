package dev.assay.core.drift;

import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnChunk;

/**
 * A numeric feature's current values compared with a stored reference {@link NumericSketch}. The
 * current values are counted as they stream by (no sort, no copy of the column): per grid value of
 * the sketch the values equal to it, the values strictly between it and the grid value before, and
 * their summed distance to it; per quantile bin the values in it. From these:
 *
 * <ul>
 *   <li><b>KS D</b>: both empirical CDFs are known exactly at and just below every grid value, so
 *       the largest difference there is a lower bound of D; between two grid values the reference's
 *       CDF rises by at most the sketch's gap, which gives an upper bound. D is reported as the
 *       midpoint, within half the interval (at most half the largest gap) of the exact D; the
 *       p-value is SciPy's asymptotic one at that D (method {@code asymp_sketch}).
 *   <li><b>Wasserstein-1</b>: the integral of each CDF over each grid interval is known exactly;
 *       the integral of their absolute difference equals the absolute difference of the integrals
 *       where the two CDFs cannot cross inside the interval, and is bounded where they can.
 *       Reported as the midpoint of the bounds, with the half-width as its error.
 *   <li><b>PSI, Jensen-Shannon, Hellinger, L-infinity</b> and the bin shares: exact (the
 *       reference's quantile bins and counts are stored, the current values are counted per bin).
 *   <li>Standard deviation for the normed Wasserstein, missing and non-finite rates: exact.
 * </ul>
 */
final class SketchComparison {
  private final NumericSketch reference;
  private final double[] grid;
  private final double[] edges;
  private final long[] equal;
  private final long[] between;
  private final double[] sums;

  /**
   * Values per quantile bin counted one by one: only those strictly inside a grid interval that
   * holds a decile edge; every other value's bin follows from its grid slot ({@link #bins}).
   */
  private final long[] binCounts;

  private final double scale;
  private final int buckets;
  private final int[] guide;
  private final int[] binGuide;
  private final int[] binAt;
  private final int[] binBelow;
  private long count;
  private long missing;
  private long nonFinite;

  /** Per dictionary entry of the chunk being counted ({@link #addCodes}): rows, where counted. */
  private int[] entryRows = new int[0];

  private int[] entrySlot = new int[0];
  private int[] entryBin = new int[0];
  private int[] entrySum = new int[0];
  private double[] entryDistance = new double[0];
  private static final int MISSING = -1;
  private static final int NON_FINITE = -2;

  SketchComparison(NumericSketch reference) {
    this.reference = reference;
    this.grid = reference.grid();
    this.edges = reference.binEdges();
    int m = grid.length;
    this.equal = new long[m];
    this.between = new long[m + 1];
    this.sums = new double[m + 1];
    this.binCounts = new long[edges.length + 1];
    this.buckets = SketchGuide.BUCKETS_PER_VALUE * m;
    this.scale = SketchGuide.scale(grid, buckets);
    this.guide = SketchGuide.guide(grid, buckets, grid[0], scale);
    this.binGuide = SketchGuide.guide(edges, buckets, grid[0], scale);
    this.binAt = new int[m];
    this.binBelow = new int[m];
    SketchGuide.binTables(grid, edges, binAt, binBelow);
  }

  /** Counts the first {@code n} cells' numbers (NaN for missing, infinities as non-finite). */
  void add(double[] values, int n) {
    double[] g = grid;
    double[] e = edges;
    int[] gd = guide;
    int[] bg = binGuide;
    int[] bb = binBelow;
    int nb = buckets;
    long[] eq = equal;
    long[] bt = between;
    double[] sm = sums;
    long[] bc = binCounts;
    int m = g.length;
    int top = e.length;
    double first = g[0];
    double last = g[m - 1];
    double sc = scale;
    long counted = 0;
    for (int i = 0; i < n; i++) {
      double v = values[i];
      if (!(v >= first && v <= last)) {
        if (v < first && v != Double.NEGATIVE_INFINITY) {
          bt[0]++;
          sm[0] += first - v;
          counted++;
        } else if (v > last && v != Double.POSITIVE_INFINITY) {
          bt[m]++;
          sm[m] += v - last;
          counted++;
        } else if (Double.isNaN(v)) {
          missing++;
        } else {
          nonFinite++;
        }
        continue;
      }
      int b = Math.min(nb, (int) ((v - first) * sc));
      int base = gd[b];
      int hi = Math.min(gd[b + 1], m - 1);
      // the first grid value >= v lies in [base, hi]: mostly one or two candidates (no loop, no
      // branch to mispredict), else a binary search
      if (hi - base <= 1) {
        base += g[base] < v ? hi - base : 0;
      } else {
        int len = hi - base + 1;
        while (len > 1) {
          int half = len >>> 1;
          base = g[base + half - 1] < v ? base + half : base;
          len -= half;
        }
      }
      double at = g[base];
      if (at == v) {
        eq[base]++;
      } else {
        bt[base]++;
        sm[base] += at - v;
        if (bb[base] < 0) {
          // a decile edge lies inside this grid interval: the value's own bin, counted here
          int bin = bg[b];
          while (bin < top && e[bin] <= v) {
            bin++;
          }
          bc[bin]++;
        }
      }
      counted++;
    }
    count += counted;
  }

  /** Counts one cell's number. */
  void add(double value) {
    add(new double[] {value}, 1);
  }

  /**
   * Counts a dictionary chunk's cells: each entry is located in the grid and bins once, then the
   * rows are counted per entry. The distance sums still get one addition per row, in row order, so
   * they are the same to the last bit as when {@link #add(double[], int)} counts the values.
   */
  private void addCodes(ColumnChunk chunk) {
    int entries = chunk.entries();
    if (entryRows.length < entries) {
      entryRows = new int[entries];
      entrySlot = new int[entries];
      entryBin = new int[entries];
      entrySum = new int[entries];
      entryDistance = new double[entries];
    }
    for (int e = 0; e < entries; e++) {
      locate(chunk.entryNumber(e), e);
      entryRows[e] = 0;
    }
    int[] codes = chunk.codesView();
    int[] rowsOf = entryRows;
    int[] sumSlot = entrySum;
    double[] distance = entryDistance;
    double[] sm = sums;
    int rows = chunk.rows();
    for (int i = 0; i < rows; i++) {
      int e = codes[i];
      rowsOf[e]++;
      int s = sumSlot[e];
      if (s >= 0) {
        sm[s] += distance[e];
      }
    }
    for (int e = 0; e < entries; e++) {
      int r = rowsOf[e];
      if (r == 0) {
        continue;
      }
      int slot = entrySlot[e];
      if (slot == MISSING) {
        missing += r;
      } else if (slot == NON_FINITE) {
        nonFinite += r;
      } else {
        if (sumSlot[e] >= 0) {
          between[slot] += r;
          if (slot > 0 && slot < binBelow.length && binBelow[slot] < 0) {
            binCounts[entryBin[e]] += r;
          }
        } else {
          equal[slot] += r;
        }
        count += r;
      }
    }
  }

  /**
   * Where entry {@code e}'s value {@code v} is counted, as {@link #add(double[], int)} counts it:
   * its grid slot (or {@link #MISSING}, {@link #NON_FINITE}), its bin, and for a value not equal to
   * a grid value the slot of its distance sum and the distance.
   */
  private void locate(double v, int e) {
    int m = grid.length;
    double first = grid[0];
    double last = grid[m - 1];
    entrySum[e] = -1;
    if (!(v >= first && v <= last)) {
      if (v < first && v != Double.NEGATIVE_INFINITY) {
        between(e, 0, 0, first - v);
      } else if (v > last && v != Double.POSITIVE_INFINITY) {
        between(e, m, edges.length, v - last);
      } else {
        entrySlot[e] = Double.isNaN(v) ? MISSING : NON_FINITE;
      }
      return;
    }
    int b = Math.min(buckets, (int) ((v - first) * scale));
    int base = guide[b];
    int len = Math.min(guide[b + 1], m - 1) - base + 1;
    while (len > 1) {
      int half = len >>> 1;
      base = grid[base + half - 1] < v ? base + half : base;
      len -= half;
    }
    double at = grid[base];
    if (at == v) {
      entrySlot[e] = base;
      entryBin[e] = binAt[base];
      return;
    }
    int bin = binBelow[base];
    if (bin < 0) {
      bin = binGuide[b];
      while (bin < edges.length && edges[bin] <= v) {
        bin++;
      }
    }
    between(e, base, bin, at - v);
  }

  private void between(int e, int slot, int bin, double distance) {
    entrySlot[e] = slot;
    entryBin[e] = bin;
    entrySum[e] = slot;
    entryDistance[e] = distance;
  }

  /**
   * Reads column {@code column} of a column cache chunk by chunk into the counts.
   *
   * @return this
   */
  SketchComparison read(ColumnCache cache, int column) {
    ColumnChunk chunk = new ColumnChunk();
    double[] buffer = new double[0];
    for (int g = 0; g < cache.groupCount(); g++) {
      cache.group(g).column(column, chunk);
      if (chunk.kind() == ColumnChunk.Kind.DICTIONARY) {
        addCodes(chunk);
        continue;
      }
      int rows = chunk.rows();
      if (buffer.length < rows) {
        buffer = new double[rows];
      }
      add(chunk.numbersView(buffer), rows);
    }
    return this;
  }

  /** Counts a current sample's values (read or one chunk of the current data). */
  SketchComparison add(NumericSample current) {
    add(current.sorted(), current.count());
    missing += current.missing();
    nonFinite += current.nonFinite();
    return this;
  }

  /**
   * Adds the counts of another comparison with the same reference (a later part of the current
   * data). Counts add exactly; the distance sums are doubles, so a merge may change their last
   * bits.
   */
  void merge(SketchComparison other) {
    for (int k = 0; k < equal.length; k++) {
      equal[k] += other.equal[k];
    }
    for (int k = 0; k < between.length; k++) {
      between[k] += other.between[k];
      sums[k] += other.sums[k];
    }
    for (int k = 0; k < binCounts.length; k++) {
      binCounts[k] += other.binCounts[k];
    }
    count += other.count;
    missing += other.missing;
    nonFinite += other.nonFinite;
  }

  /** Writes the counts (not the reference) exactly, for {@link #readCounts}. */
  void writeCounts(java.io.DataOutput out) throws java.io.IOException {
    out.writeLong(count);
    out.writeLong(missing);
    out.writeLong(nonFinite);
    for (long v : equal) {
      out.writeLong(v);
    }
    for (int k = 0; k < between.length; k++) {
      out.writeLong(between[k]);
      out.writeDouble(sums[k]);
    }
    for (long v : binCounts) {
      out.writeLong(v);
    }
  }

  /** Reads counts written by {@link #writeCounts} of a comparison with the same reference. */
  SketchComparison readCounts(java.io.DataInput in) throws java.io.IOException {
    count = in.readLong();
    missing = in.readLong();
    nonFinite = in.readLong();
    for (int k = 0; k < equal.length; k++) {
      equal[k] = in.readLong();
    }
    for (int k = 0; k < between.length; k++) {
      between[k] = in.readLong();
      sums[k] = in.readDouble();
    }
    for (int k = 0; k < binCounts.length; k++) {
      binCounts[k] = in.readLong();
    }
    return this;
  }

  /** The comparison of the counted values with the reference. */
  FeatureStatistics statistics() {
    return SketchStatistics.of(reference, equal, between, sums, bins(), count, missing, nonFinite);
  }

  /**
   * The current values per quantile bin. Counting does not look up each value's bin: a value equal
   * to grid value k lies in bin {@code binAt[k]}, a value strictly between grid values k - 1 and k
   * in {@code binBelow[k]} unless a decile edge lies inside that interval (those values, and only
   * those, were counted into {@link #binCounts} one by one), a value below the grid in the first
   * bin and one above it in the last. So the bins follow exactly from the slot counts.
   */
  private long[] bins() {
    long[] bins = binCounts.clone();
    int m = equal.length;
    bins[0] += between[0];
    bins[bins.length - 1] += between[m];
    for (int k = 0; k < m; k++) {
      bins[binAt[k]] += equal[k];
      if (k > 0 && binBelow[k] >= 0) {
        bins[binBelow[k]] += between[k];
      }
    }
    return bins;
  }
}
