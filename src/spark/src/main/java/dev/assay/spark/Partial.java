package dev.assay.spark;

import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.inference.ProbabilityCheck;
import dev.assay.core.metrics.ClassificationAccumulator;
import dev.assay.core.metrics.RegressionAccumulator;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one partition (and then a merge of partitions) accumulated: the engine's exact {@link
 * ClassificationAccumulator} (or {@link RegressionAccumulator}) plus the counters and examples a
 * local run reports. Merging is commutative and associative (examples are kept in row order), so
 * {@code treeReduce} may combine partitions in any order, and a retried task replaces its lost
 * result instead of adding to it. Serialized through the accumulator's own exact format.
 */
final class Partial implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Examples kept, as a local run keeps them. */
  static final int EXAMPLES = 10;

  transient ClassificationAccumulator accumulator;

  /** A regression model's accumulator (instead of {@link #accumulator}). */
  transient RegressionAccumulator regression;

  /** The partition (of a partition's partial; the first merged one's after a merge). */
  int partition;

  /** Input rows read in the partition, with or without a target (row numbering). */
  long inputRows;

  /** Input rows per partition, filled by {@link #merge}; the driver numbers rows from them. */
  java.util.TreeMap<Integer, Long> partitionRows;

  long rows;
  long missingTargets;
  long missingCells;
  long nonFiniteCells;
  long[] batchNanos = new long[0];
  int[] batchRows = new int[0];
  int batches;

  /** Facts of the model's outputs, settled by the first batch (the same in every partition). */
  List<String> classLabels;

  boolean hasLabelOutput;
  boolean hasProbabilities;
  String outputsUsedJson;
  String providerUsed;
  List<String> sessionWarnings = List.of();

  long agreementCompared;
  long agreementDisagreements;
  List<Shown> disagreements = new ArrayList<>();

  String probabilityOutput;
  long probabilitiesChecked;
  long probabilitiesInvalid;
  List<Shown> probabilityExamples = new ArrayList<>();

  /** The partition's per-row predictions when the job keeps them; never merged. */
  PredictionRows predictions;

  /**
   * One row shown as an example: a disagreement (label output, label from the probabilities) or a
   * row whose probabilities are no distribution (problem, unused); {@code row} is numbered within
   * {@code partition} until {@link #numberRows} makes it the data row.
   */
  record Shown(int partition, long row, String first, String second, float[] values)
      implements Serializable {
    static final Comparator<Shown> ORDER =
        Comparator.comparingInt(Shown::partition).thenComparingLong(Shown::row);

    Shown plus(long offset) {
      return new Shown(partition, row + offset, first, second, values);
    }

    List<Float> valueList() {
      List<Float> list = new ArrayList<>(values.length);
      for (float v : values) {
        list.add(v);
      }
      return list;
    }

    EvaluationResult.Disagreement disagreement() {
      return new EvaluationResult.Disagreement(row, first, second, valueList());
    }

    ProbabilityCheck.Example example() {
      return new ProbabilityCheck.Example(row, first, valueList());
    }
  }

  void addBatch(long nanos, int n) {
    if (batches == batchNanos.length) {
      batchNanos = java.util.Arrays.copyOf(batchNanos, Math.max(16, batches * 2));
      batchRows = java.util.Arrays.copyOf(batchRows, batchNanos.length);
    }
    batchNanos[batches] = nanos;
    batchRows[batches++] = n;
  }

  /** This partial as one of a merge: its partition's input rows counted, predictions left out. */
  Partial forMerge() {
    predictions = null;
    if (partitionRows == null) {
      partitionRows = new java.util.TreeMap<>();
      partitionRows.put(partition, inputRows);
    }
    return this;
  }

  /**
   * The rows before each partition (the first row of partition {@code p} is data row {@code
   * offsets[p] + 1}), from a merge of all {@code partitions} partitions.
   */
  long[] rowOffsets(int partitions) {
    if (partitionRows == null || partitionRows.size() != partitions) {
      throw new IllegalStateException(
          "rows counted in "
              + (partitionRows == null ? 0 : partitionRows.size())
              + " of "
              + partitions
              + " partitions");
    }
    long[] offsets = new long[partitions];
    long before = 0;
    for (int p = 0; p < partitions; p++) {
      offsets[p] = before;
      before += partitionRows.get(p);
    }
    return offsets;
  }

  /** Turns the examples' partition-local row numbers into data-row numbers. */
  void numberRows(long[] offsets) {
    disagreements = disagreements.stream().map(s -> s.plus(offsets[s.partition()])).toList();
    probabilityExamples =
        probabilityExamples.stream().map(s -> s.plus(offsets[s.partition()])).toList();
  }

  /** Adds {@code other} into this one and returns this one (predictions are left out). */
  Partial merge(Partial other) {
    if (accumulator == null) {
      accumulator = other.accumulator;
    } else if (other.accumulator != null) {
      accumulator.merge(other.accumulator);
    }
    if (regression == null) {
      regression = other.regression;
    } else if (other.regression != null) {
      regression.merge(other.regression);
    }
    if (classLabels == null) {
      classLabels = other.classLabels;
      hasLabelOutput = other.hasLabelOutput;
      hasProbabilities = other.hasProbabilities;
      outputsUsedJson = other.outputsUsedJson;
      providerUsed = other.providerUsed;
      sessionWarnings = other.sessionWarnings;
      probabilityOutput = other.probabilityOutput;
    }
    if (partitionRows == null) {
      forMerge();
    }
    other.forMerge();
    partitionRows.putAll(other.partitionRows);
    rows += other.rows;
    missingTargets += other.missingTargets;
    missingCells += other.missingCells;
    nonFiniteCells += other.nonFiniteCells;
    for (int b = 0; b < other.batches; b++) {
      addBatch(other.batchNanos[b], other.batchRows[b]);
    }
    agreementCompared += other.agreementCompared;
    agreementDisagreements += other.agreementDisagreements;
    disagreements = firstRows(disagreements, other.disagreements);
    probabilitiesChecked += other.probabilitiesChecked;
    probabilitiesInvalid += other.probabilitiesInvalid;
    probabilityExamples = firstRows(probabilityExamples, other.probabilityExamples);
    return this;
  }

  /** The first examples in row order (partition, then row within it). */
  private static List<Shown> firstRows(List<Shown> a, List<Shown> b) {
    List<Shown> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort(Shown.ORDER);
    return new ArrayList<>(all.subList(0, Math.min(EXAMPLES, all.size())));
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeBoolean(accumulator != null);
    if (accumulator != null) {
      accumulator.writeTo(out);
    }
    out.writeBoolean(regression != null);
    if (regression != null) {
      regression.writeTo(out);
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (in.readBoolean()) {
      accumulator = ClassificationAccumulator.readFrom(in, null);
    }
    if (in.readBoolean()) {
      regression = RegressionAccumulator.readFrom(in, null);
    }
  }
}
