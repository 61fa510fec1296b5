package dev.assay.core.security;

import ai.onnxruntime.OrtException;
import dev.assay.core.Cancellation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The model as an attack sees it: rows in, predicted class (and, when the model gives
 * probabilities, a score) out, one query charged to the attacked row per row scored. Each attacked
 * row has a budget that is never exceeded; asking beyond it is a bug in the attack. Points of many
 * rows go to the model in one batch, so an attack moves all its rows forward together.
 */
final class AttackOracle {
  private final Predictor predictor;
  private final String[][] texts;
  private final int[] truth;
  private final int budget;
  private final int[] used;
  private final Cancellation cancel;
  private final LongConsumer spent;
  private final int labelOffset;
  private final boolean scores;
  private long total;

  /**
   * @param texts the text features of each attacked row (they never change)
   * @param truth class index of each attacked row
   * @param spent told the total queries after every batch
   */
  AttackOracle(
      Predictor predictor,
      String[][] texts,
      int[] truth,
      int budget,
      Cancellation cancel,
      LongConsumer spent) {
    this.predictor = predictor;
    this.texts = texts;
    this.truth = truth;
    this.budget = budget;
    this.used = new int[truth.length];
    this.cancel = cancel;
    this.spent = spent;
    this.labelOffset = predictor.decoder().hasLabelOutput() ? 1 : 0;
    this.scores = predictor.decoder().hasProbabilities();
  }

  /** Whether answers carry scores (the model gives class probabilities). */
  boolean scores() {
    return scores;
  }

  int used(int row) {
    return used[row];
  }

  int remaining(int row) {
    return budget - used[row];
  }

  long total() {
    return total;
  }

  /** Points to score, each charged to an attacked row. */
  static final class Batch {
    private final List<double[]> points = new ArrayList<>();
    private int[] owners = new int[64];

    /** Adds a point of row {@code owner}; returns its index in the answers. */
    int add(int owner, double[] point) {
      if (points.size() == owners.length) {
        owners = Arrays.copyOf(owners, owners.length * 2);
      }
      owners[points.size()] = owner;
      points.add(point);
      return points.size() - 1;
    }

    int size() {
      return points.size();
    }

    boolean isEmpty() {
      return points.isEmpty();
    }
  }

  /**
   * What the model said about a batch.
   *
   * @param labels predicted class per point
   * @param adversarial whether the point's class differs from its row's true class
   * @param margins log-probability of the true class minus that of the most probable other class
   *     (negative: misclassified), or null without probabilities
   */
  record Answers(int[] labels, boolean[] adversarial, double[] margins) {}

  /** Scores a batch. */
  Answers ask(Batch batch) throws OrtException {
    cancel.throwIfCancelled();
    int n = batch.size();
    if (n == 0) {
      return new Answers(new int[0], new boolean[0], scores ? new double[0] : null);
    }
    for (int i = 0; i < n; i++) {
      if (++used[batch.owners[i]] > budget) {
        throw new IllegalStateException("query budget exceeded for row " + batch.owners[i]);
      }
    }
    double[][] values = batch.points.toArray(double[][]::new);
    String[][] rowTexts = new String[n][];
    for (int i = 0; i < n; i++) {
      rowTexts[i] = texts[batch.owners[i]];
    }
    Predictor.Outputs out = predictor.predict(values, rowTexts);
    total += n;
    int[] labels = out.labels();
    boolean[] adversarial = new boolean[n];
    double[] margins = scores ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      int truthClass = truth[batch.owners[i]];
      adversarial[i] = labels[i] >= 0 && labels[i] != truthClass;
      if (margins != null) {
        margins[i] = margin(out, i, truthClass);
      }
    }
    spent.accept(total);
    return new Answers(labels, adversarial, margins);
  }

  private double margin(Predictor.Outputs out, int row, int truthClass) {
    int width = out.width();
    int classes = width - labelOffset;
    double[] raw = out.raw();
    int at = row * width + labelOffset;
    double own = truthClass < classes ? raw[at + truthClass] : 0;
    double other = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      if (c != truthClass) {
        other = Math.max(other, raw[at + c]);
      }
    }
    return log(own) - log(other);
  }

  private static double log(double p) {
    return Math.log(Math.max(p, 1e-30));
  }
}
