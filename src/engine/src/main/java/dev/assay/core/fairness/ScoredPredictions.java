package dev.assay.core.fairness;

import dev.assay.core.AssayException;
import dev.assay.core.eval.PredictionsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A run's stored predictions, column-wise, reduced to what fairness needs. For classification each
 * true and predicted class becomes a category: {@link #POSITIVE} (the positive class), {@link
 * #FAVORABLE} (the favourable class when it is not the positive one) or {@link #OTHER}.
 */
final class ScoredPredictions {
  static final byte POSITIVE = 0;
  static final byte FAVORABLE = 1;
  static final byte OTHER = 2;

  int size;
  int[] dataRow;
  byte[] truth;
  byte[] predicted;

  /** True when the row's predicted class equals its true class (needed beyond two classes). */
  boolean[] correct;

  /** Positive-class probability per row, or null when the run stored no probabilities. */
  float[] score;

  double[] actual;
  double[] prediction;

  private ScoredPredictions(int capacity) {
    dataRow = new int[capacity];
  }

  /** Rows the file can hold at most: every row takes at least {@code rowBytes}. */
  private static int capacity(Path file, int rowBytes) {
    try {
      return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, Files.size(file) / rowBytes + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads classification predictions.
   *
   * @param positive index of the positive class in the run's class order
   * @param favorable index of the favourable class
   */
  static ScoredPredictions classification(Path file, int positive, int favorable) {
    // a row: data-row number, true and predicted class, at least two probabilities
    int capacity = capacity(file, 8 + 4 + 4 + 2 * 4);
    ScoredPredictions p = new ScoredPredictions(capacity);
    p.truth = new byte[capacity];
    p.predicted = new byte[capacity];
    p.correct = new boolean[capacity];
    p.score = new float[capacity];
    boolean[] probabilities = {true};
    List<String> labels =
        PredictionsFile.read(
            file,
            row -> {
              p.grow();
              int i = p.size++;
              p.dataRow[i] = Math.toIntExact(row.row());
              p.truth[i] = category(row.trueClass(), positive, favorable);
              p.predicted[i] = category(row.predictedClass(), positive, favorable);
              p.correct[i] = row.trueClass() == row.predictedClass();
              float s = row.probabilities()[positive];
              p.score[i] = s;
              probabilities[0] &= !Float.isNaN(s);
            });
    if (labels.isEmpty()) {
      throw new AssayException("the run's stored predictions are not classifications");
    }
    p.trim();
    if (!probabilities[0]) {
      p.score = null;
    }
    return p;
  }

  /** Reads regression predictions. */
  static ScoredPredictions regression(Path file) {
    int capacity = capacity(file, 8 + 8 + 8);
    ScoredPredictions p = new ScoredPredictions(capacity);
    p.actual = new double[capacity];
    p.prediction = new double[capacity];
    PredictionsFile.read(
        file,
        row -> {
          p.grow();
          int i = p.size++;
          p.dataRow[i] = Math.toIntExact(row.row());
          p.actual[i] = row.actual();
          p.prediction[i] = row.predicted();
        });
    p.trim();
    return p;
  }

  private static byte category(int classIndex, int positive, int favorable) {
    if (classIndex == positive) {
      return POSITIVE;
    }
    return classIndex == favorable ? FAVORABLE : OTHER;
  }

  private void grow() {
    if (size < dataRow.length) {
      return;
    }
    int capacity = dataRow.length * 2;
    dataRow = Arrays.copyOf(dataRow, capacity);
    if (truth != null) {
      truth = Arrays.copyOf(truth, capacity);
      predicted = Arrays.copyOf(predicted, capacity);
      correct = Arrays.copyOf(correct, capacity);
      score = Arrays.copyOf(score, capacity);
    } else {
      actual = Arrays.copyOf(actual, capacity);
      prediction = Arrays.copyOf(prediction, capacity);
    }
  }

  private void trim() {
    dataRow = Arrays.copyOf(dataRow, size);
    if (truth != null) {
      truth = Arrays.copyOf(truth, size);
      predicted = Arrays.copyOf(predicted, size);
      correct = Arrays.copyOf(correct, size);
      score = Arrays.copyOf(score, size);
    } else {
      actual = Arrays.copyOf(actual, size);
      prediction = Arrays.copyOf(prediction, size);
    }
  }
}
