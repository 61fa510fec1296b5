package dev.assay.core.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One-pass, mergeable accumulator of classification metrics (scikit-learn definitions; see the
 * package documentation). Counts go into a confusion matrix; log loss and Brier into compensated
 * sums; calibration into ten running bins; the (score, true class) pairs that rank metrics and
 * curves need go into exact sorted counts ({@link ScoreCounts}): one per distinct score and
 * outcome, for C classes one set per class. Given a spill folder, those counts spill to files there
 * beyond a fixed number of distinct scores, so memory stays bounded whatever the number of rows and
 * every metric stays exact; without one they stay in memory.
 *
 * <p>Not thread-safe: give each worker its own accumulator and merge them. {@link #close()} deletes
 * spilled files.
 */
public final class ClassificationAccumulator implements AutoCloseable {
  /** scikit-learn 1.2's {@code log_loss} default clip. */
  static final double LOG_LOSS_EPS = 1e-15;

  private final List<String> classLabels;
  private final int positiveIndex;
  private final int classes;
  private final boolean binary;
  private final long[][] confusion;
  private long rows;
  private long rowsWithoutScores;
  private final CompensatedSum logLoss = new CompensatedSum();
  private final CompensatedSum brier = new CompensatedSum();
  private final ScoreCounts[] ranks;
  private final Calibration.Bins calibration = new Calibration.Bins();

  /**
   * @param classLabels class labels in model output order (at least two, distinct)
   * @param positiveIndex index of the positive class for binary metrics (ignored for more than two
   *     classes)
   */
  public ClassificationAccumulator(List<String> classLabels, int positiveIndex) {
    this(classLabels, positiveIndex, null);
  }

  /**
   * @param classLabels class labels in model output order (at least two, distinct)
   * @param positiveIndex index of the positive class for binary metrics (ignored for more than two
   *     classes)
   * @param spillFolder where exact score counts spill beyond a fixed memory (the workbench's tmp
   *     folder), or null to keep them in memory
   * @throws IllegalArgumentException for fewer than two or repeated labels, or a positive index out
   *     of range
   */
  public ClassificationAccumulator(
      List<String> classLabels, int positiveIndex, java.nio.file.Path spillFolder) {
    this.classLabels = List.copyOf(classLabels);
    this.classes = this.classLabels.size();
    if (classes < 2) {
      throw new IllegalArgumentException("need at least two classes, got " + classLabels);
    }
    if (this.classLabels.stream().distinct().count() != classes) {
      throw new IllegalArgumentException("class labels are not distinct: " + classLabels);
    }
    this.binary = classes == 2;
    if (binary && (positiveIndex < 0 || positiveIndex > 1)) {
      throw new IllegalArgumentException("positive index must be 0 or 1, got " + positiveIndex);
    }
    this.positiveIndex = binary ? positiveIndex : -1;
    this.confusion = new long[classes][classes];
    if (classes > MAX_CLASSES) {
      throw new IllegalArgumentException("more than " + MAX_CLASSES + " classes");
    }
    this.ranks = new ScoreCounts[binary ? 1 : classes];
    for (int c = 0; c < ranks.length; c++) {
      ranks[c] = new ScoreCounts(spillFolder);
    }
  }

  /** Most classes: the true class shares a 64-bit key with a 32-bit score. */
  static final int MAX_CLASSES = 1 << 16;

  /** The class labels, in model output order. */
  public List<String> classLabels() {
    return classLabels;
  }

  /**
   * Adds {@code n} rows.
   *
   * @param trueClass true class index (0..C-1) of each row
   * @param predictedClass predicted class index (0..C-1) of each row
   * @param probabilities row-major {@code n * C} class probabilities, or null when the model gives
   *     none (score metrics are then absent from the snapshot)
   * @throws IllegalArgumentException for a class index out of range or a NaN probability, naming
   *     the row (0-based within this batch)
   */
  public void add(int[] trueClass, int[] predictedClass, float[] probabilities, int n) {
    Objects.checkFromIndexSize(0, n, trueClass.length);
    Objects.checkFromIndexSize(0, n, predictedClass.length);
    if (probabilities != null) {
      Objects.checkFromIndexSize(0, (long) n * classes, probabilities.length);
    }
    for (int i = 0; i < n; i++) {
      checkClass(trueClass[i], "true", i);
      checkClass(predictedClass[i], "predicted", i);
      if (probabilities != null) {
        for (int c = 0; c < classes; c++) {
          if (Float.isNaN(probabilities[i * classes + c])) {
            throw new IllegalArgumentException(
                "probability of class " + classLabels.get(c) + " is NaN in row " + i);
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      confusion[trueClass[i]][predictedClass[i]]++;
    }
    rows += n;
    if (probabilities == null) {
      rowsWithoutScores += n;
      return;
    }
    for (int i = 0; i < n; i++) {
      addScores(trueClass[i], probabilities, i * classes);
    }
  }

  private void addScores(int trueClass, float[] probabilities, int offset) {
    double clippedSum = 0;
    double brierRow = 0;
    for (int c = 0; c < classes; c++) {
      double p = probabilities[offset + c];
      clippedSum += Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
      double y = c == trueClass ? 1.0 : 0.0;
      brierRow += (p - y) * (p - y);
    }
    double pTrue =
        Math.min(
            Math.max((double) probabilities[offset + trueClass], LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    logLoss.add(-Math.log(pTrue / clippedSum));
    if (binary) {
      float positive = probabilities[offset + positiveIndex];
      boolean hit = trueClass == positiveIndex;
      double y = hit ? 1.0 : 0.0;
      brier.add((positive - y) * (positive - y));
      ranks[0].add(~BinaryCurve.key(positive, hit));
      calibration.add(positive, hit);
    } else {
      brier.add(brierRow);
      int top = 0;
      for (int c = 0; c < classes; c++) {
        float p = probabilities[offset + c];
        ranks[c].add(~(((long) BinaryCurve.sortable(p) << 16) | trueClass));
        if (p > probabilities[offset + top]) {
          top = c;
        }
      }
      calibration.add(probabilities[offset + top], top == trueClass);
    }
  }

  private void checkClass(int index, String what, int row) {
    if (index < 0 || index >= classes) {
      throw new IllegalArgumentException(
          what + " class index " + index + " in row " + row + " is outside 0.." + (classes - 1));
    }
  }

  /** Adds everything {@code other} has accumulated; {@code other} is left unchanged. */
  public void merge(ClassificationAccumulator other) {
    if (!classLabels.equals(other.classLabels) || positiveIndex != other.positiveIndex) {
      throw new IllegalArgumentException(
          "cannot merge accumulators of different classes: "
              + classLabels
              + " vs "
              + other.classLabels);
    }
    for (int t = 0; t < classes; t++) {
      for (int p = 0; p < classes; p++) {
        confusion[t][p] += other.confusion[t][p];
      }
    }
    rows += other.rows;
    rowsWithoutScores += other.rowsWithoutScores;
    logLoss.add(other.logLoss);
    brier.add(other.brier);
    for (int c = 0; c < ranks.length; c++) {
      ranks[c].merge(other.ranks[c]);
    }
    calibration.merge(other.calibration);
  }

  /** Format version of {@link #writeTo}. */
  private static final int FORMAT = 1;

  /**
   * Writes everything accumulated, exactly (every distinct score with its count), so that another
   * process can {@link #readFrom read} it back and merge it: how a Spark job's partitions hand
   * their partial results to the driver.
   */
  public void writeTo(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(FORMAT);
    out.writeInt(classes);
    for (String label : classLabels) {
      out.writeUTF(label);
    }
    out.writeInt(positiveIndex);
    for (long[] row : confusion) {
      for (long count : row) {
        out.writeLong(count);
      }
    }
    out.writeLong(rows);
    out.writeLong(rowsWithoutScores);
    logLoss.writeTo(out);
    brier.writeTo(out);
    calibration.writeTo(out);
    for (ScoreCounts r : ranks) {
      r.writeTo(out);
    }
  }

  /**
   * Reads what {@link #writeTo} wrote.
   *
   * @param spillFolder where the score counts spill beyond a fixed memory, or null
   * @throws java.io.IOException when the input ends early or is of another format
   */
  public static ClassificationAccumulator readFrom(
      java.io.DataInput in, java.nio.file.Path spillFolder) throws java.io.IOException {
    int format = in.readInt();
    if (format != FORMAT) {
      throw new java.io.IOException("not a classification accumulator of format " + FORMAT);
    }
    int classes = in.readInt();
    List<String> labels = new java.util.ArrayList<>(classes);
    for (int c = 0; c < classes; c++) {
      labels.add(in.readUTF());
    }
    int positive = in.readInt();
    ClassificationAccumulator a =
        new ClassificationAccumulator(labels, classes == 2 ? positive : 0, spillFolder);
    for (long[] row : a.confusion) {
      for (int p = 0; p < classes; p++) {
        row[p] = in.readLong();
      }
    }
    a.rows = in.readLong();
    a.rowsWithoutScores = in.readLong();
    a.logLoss.readFrom(in);
    a.brier.readFrom(in);
    a.calibration.readFrom(in);
    for (ScoreCounts r : a.ranks) {
      r.readFrom(in);
    }
    return a;
  }

  /** Deletes the files the score counts spilled, if any. */
  @Override
  public void close() {
    for (ScoreCounts r : ranks) {
      r.close();
    }
  }

  /**
   * The metrics of everything accumulated so far: one merge over the sorted score counts per class
   * (rarely two for a binary curve of more than {@value ScoreMetrics#FULL_CURVE} distinct scores:
   * see {@link StridedCurvePoints}).
   */
  public ClassificationMetrics snapshot() {
    long[][] matrix = new long[classes][];
    for (int t = 0; t < classes; t++) {
      matrix[t] = confusion[t].clone();
    }
    CountMetrics counts = CountMetrics.of(matrix, classLabels);
    boolean scored = rowsWithoutScores == 0 && rows > 0;
    long[] support = new long[classes];
    for (int t = 0; t < classes; t++) {
      for (long count : matrix[t]) {
        support[t] += count;
      }
    }
    ScoreMetrics s =
        !scored
            ? ScoreMetrics.ABSENT
            : binary
                ? ScoreMetrics.binary(ranks[0], support[positiveIndex], rows, calibration)
                : ScoreMetrics.multiclass(ranks, support, calibration);
    PerClass positive = binary ? counts.perClass().get(positiveIndex) : null;
    return new ClassificationMetrics(
        classLabels,
        binary ? classLabels.get(positiveIndex) : null,
        rows,
        counts.accuracy(),
        counts.balancedAccuracy(),
        binary ? positive.precision() : Double.NaN,
        binary ? positive.recall() : Double.NaN,
        binary ? positive.f1() : Double.NaN,
        counts.precisionMacro(),
        counts.recallMacro(),
        counts.f1Macro(),
        counts.f1Micro(),
        counts.f1Weighted(),
        s.rocAuc(),
        s.rocAucOvrMacro(),
        s.rocAucOvoMacro(),
        s.averagePrecision(),
        scored ? logLoss.value() / rows : Double.NaN,
        scored ? brier.value() / rows : Double.NaN,
        matrix,
        counts.perClass(),
        s.roc(),
        s.precisionRecall(),
        s.calibration());
  }
}
