package dev.assay.core.fairness;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mergeable summary of a classification run joined with its dataset's sensitive columns, from
 * which {@link FairnessAnalyzer#analyse(FairnessAnalyzer.RunInputs, FairnessTally,
 * FairnessSettings, java.time.Instant, String)} computes the same report as from the stored
 * predictions (a scale-out job fills one per partition and merges them). Per distinct combination
 * of the sensitive columns' texts (a "key"): its first data row, its rows' cell counts by true and
 * predicted category ({@link ClassificationFigures#cell}), and the exact counts of the
 * positive-class probabilities of its actual positives and of its other rows. Rows without a
 * prediction (a missing target) still add their key, as the local report reads every data row's
 * sensitive values.
 *
 * <p>Not thread-safe. Java-serializable (default form: texts and arrays).
 */
public final class FairnessTally implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int columns;
  private final int positive;
  private final int favorable;
  private final HashMap<List<String>, Key> keys = new HashMap<>();
  private boolean scored = true;
  private long predictions;

  /**
   * @param columns the number of sensitive columns
   * @param positive the positive class's index in the run's class order ({@link
   *     FairnessAnalyzer#outcomeClasses})
   * @param favorable the favourable class's index
   */
  public FairnessTally(int columns, int positive, int favorable) {
    this.columns = columns;
    this.positive = positive;
    this.favorable = favorable;
  }

  /** One combination of sensitive texts. */
  static final class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    long firstRow = Long.MAX_VALUE;
    long rows;
    final long[] cells = new long[ClassificationFigures.CELLS];
    float[] positiveScores = new float[0];
    long[] positiveCounts = new long[0];
    float[] otherScores = new float[0];
    long[] otherCounts = new long[0];
    transient float[] positiveOpen;
    transient int positiveSize;
    transient float[] otherOpen;
    transient int otherSize;

    void score(boolean actualPositive, float s) {
      if (actualPositive) {
        if (positiveOpen == null || positiveSize == positiveOpen.length) {
          positiveOpen = grow(positiveOpen);
        }
        positiveOpen[positiveSize++] = s;
      } else {
        if (otherOpen == null || otherSize == otherOpen.length) {
          otherOpen = grow(otherOpen);
        }
        otherOpen[otherSize++] = s;
      }
    }

    void seal() {
      if (positiveSize > 0) {
        Counted c = Counted.of(positiveOpen, positiveSize);
        Counted merged = Counted.merge(positiveScores, positiveCounts, c.values, c.counts);
        positiveScores = merged.values;
        positiveCounts = merged.counts;
      }
      if (otherSize > 0) {
        Counted c = Counted.of(otherOpen, otherSize);
        Counted merged = Counted.merge(otherScores, otherCounts, c.values, c.counts);
        otherScores = merged.values;
        otherCounts = merged.counts;
      }
      positiveOpen = null;
      otherOpen = null;
      positiveSize = 0;
      otherSize = 0;
    }

    void merge(Key other) {
      firstRow = Math.min(firstRow, other.firstRow);
      rows += other.rows;
      for (int c = 0; c < cells.length; c++) {
        cells[c] += other.cells[c];
      }
      Counted p =
          Counted.merge(positiveScores, positiveCounts, other.positiveScores, other.positiveCounts);
      positiveScores = p.values;
      positiveCounts = p.counts;
      Counted o = Counted.merge(otherScores, otherCounts, other.otherScores, other.otherCounts);
      otherScores = o.values;
      otherCounts = o.counts;
    }

    private static float[] grow(float[] a) {
      return a == null ? new float[64] : Arrays.copyOf(a, a.length * 2);
    }
  }

  /** Distinct scores in {@link Float#compare} order with their counts. */
  private record Counted(float[] values, long[] counts) {
    static Counted of(float[] open, int size) {
      float[] sorted = Arrays.copyOf(open, size);
      Arrays.sort(sorted);
      float[] values = new float[size];
      long[] counts = new long[size];
      int m = 0;
      for (int i = 0; i < size; i++) {
        if (m > 0 && Float.compare(values[m - 1], sorted[i]) == 0) {
          counts[m - 1]++;
        } else {
          values[m] = sorted[i];
          counts[m++] = 1;
        }
      }
      return new Counted(Arrays.copyOf(values, m), Arrays.copyOf(counts, m));
    }

    static Counted merge(float[] av, long[] ac, float[] bv, long[] bc) {
      float[] values = new float[av.length + bv.length];
      long[] counts = new long[values.length];
      int i = 0;
      int j = 0;
      int m = 0;
      while (i < av.length || j < bv.length) {
        int order = i == av.length ? 1 : j == bv.length ? -1 : Float.compare(av[i], bv[j]);
        if (order < 0) {
          values[m] = av[i];
          counts[m++] = ac[i++];
        } else if (order > 0) {
          values[m] = bv[j];
          counts[m++] = bc[j++];
        } else {
          values[m] = av[i];
          counts[m++] = ac[i++] + bc[j++];
        }
      }
      return new Counted(Arrays.copyOf(values, m), Arrays.copyOf(counts, m));
    }
  }

  private Key key(String[] texts, long dataRow) {
    if (texts.length != columns) {
      throw new IllegalArgumentException(
          "expected " + columns + " sensitive values, got " + texts.length);
    }
    Key key = keys.computeIfAbsent(new ArrayList<>(Arrays.asList(texts)), k -> new Key());
    key.firstRow = Math.min(key.firstRow, dataRow);
    key.rows++;
    return key;
  }

  /** A data row without a prediction (its target is missing): only its sensitive values count. */
  public void addRow(String[] texts, long dataRow) {
    key(texts, dataRow);
  }

  /**
   * A predicted data row.
   *
   * @param texts the row's sensitive cells as written (null when empty), in the columns' order
   * @param dataRow its 1-based data-row number
   * @param score the positive-class probability, NaN when the run has none
   */
  public void addPrediction(
      String[] texts, long dataRow, int trueClass, int predictedClass, float score) {
    Key key = key(texts, dataRow);
    byte truth = category(trueClass);
    key.cells[
        ClassificationFigures.cell(truth, category(predictedClass), trueClass == predictedClass)]++;
    predictions++;
    if (Float.isNaN(score)) {
      scored = false;
    } else if (scored) {
      key.score(truth == ScoredPredictions.POSITIVE, score);
    }
  }

  private byte category(int classIndex) {
    if (classIndex == positive) {
      return ScoredPredictions.POSITIVE;
    }
    return classIndex == favorable ? ScoredPredictions.FAVORABLE : ScoredPredictions.OTHER;
  }

  /** Settles the scores added since the last call (before the tally is shipped or merged). */
  public FairnessTally seal() {
    keys.values().forEach(Key::seal);
    return this;
  }

  /** Adds {@code other}'s rows to this one (both sealed). */
  public FairnessTally merge(FairnessTally other) {
    if (other.columns != columns || other.positive != positive || other.favorable != favorable) {
      throw new IllegalArgumentException("the tallies are of different settings");
    }
    seal();
    other.seal();
    other.keys.forEach(
        (texts, key) -> {
          Key mine = keys.get(texts);
          if (mine == null) {
            keys.put(texts, key);
          } else {
            mine.merge(key);
          }
        });
    scored &= other.scored;
    predictions += other.predictions;
    return this;
  }

  int positive() {
    return positive;
  }

  int favorable() {
    return favorable;
  }

  /** Whether every prediction had a probability. */
  boolean scored() {
    return scored;
  }

  /** Predictions counted. */
  public long predictions() {
    return predictions;
  }

  /** The keys in the order of their first data row (the order the dataset shows them). */
  List<Map.Entry<List<String>, Key>> ordered() {
    seal();
    List<Map.Entry<List<String>, Key>> entries = new ArrayList<>(keys.entrySet());
    entries.sort(Map.Entry.comparingByValue((a, b) -> Long.compare(a.firstRow, b.firstRow)));
    return entries;
  }

  /** Per group of {@code groupOfKey} (over {@link #ordered()}), its scores sorted ascending. */
  static float[][] scores(List<Key> ordered, int[] groupOfKey, int groups, boolean actualPositive) {
    long[] sizes = new long[groups];
    for (int k = 0; k < ordered.size(); k++) {
      for (long c : actualPositive ? ordered.get(k).positiveCounts : ordered.get(k).otherCounts) {
        sizes[groupOfKey[k]] += c;
      }
    }
    float[][] scores = new float[groups][];
    int[] at = new int[groups];
    for (int g = 0; g < groups; g++) {
      scores[g] = new float[Math.toIntExact(sizes[g])];
    }
    for (int k = 0; k < ordered.size(); k++) {
      Key key = ordered.get(k);
      float[] values = actualPositive ? key.positiveScores : key.otherScores;
      long[] counts = actualPositive ? key.positiveCounts : key.otherCounts;
      int g = groupOfKey[k];
      for (int v = 0; v < values.length; v++) {
        for (long c = 0; c < counts[v]; c++) {
          scores[g][at[g]++] = values[v];
        }
      }
    }
    for (float[] s : scores) {
      Arrays.sort(s);
    }
    return scores;
  }
}
