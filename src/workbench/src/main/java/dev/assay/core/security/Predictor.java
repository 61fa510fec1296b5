package dev.assay.core.security;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.FeatureBatch;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OutputDecoder;

/**
 * Runs rows of a {@link SampleTable}'s shape through a session and decodes the predictions: class
 * index per row (the label output when there is one, else the most probable class) or a value per
 * row, plus the raw numbers for comparisons.
 */
final class Predictor {
  private final InferenceSession session;
  private final Binding binding;
  private final OutputDecoder decoder;
  private final boolean[] text;
  private final int batch;

  /**
   * Predictions for some rows.
   *
   * @param labels class index per row (classification), or null
   * @param values value per row (regression), or null
   * @param raw every number the model produced per row, row-major ({@code rows * width})
   */
  record Outputs(int[] labels, double[] values, double[] raw, int width) {}

  Predictor(InferenceSession session, Binding binding, OutputDecoder decoder, boolean[] text) {
    this.session = session;
    this.binding = binding;
    this.decoder = decoder;
    this.text = text;
    this.batch = binding.fixedBatch() > 0 ? binding.fixedBatch() : 1024;
  }

  OutputDecoder decoder() {
    return decoder;
  }

  Binding binding() {
    return binding;
  }

  /** Whether the model only takes batches of one fixed size. */
  int fixedBatch() {
    return binding.fixedBatch();
  }

  /** Predicts all rows, in batches (of the fixed size when the model has one). */
  Outputs predict(double[][] values, String[][] texts) throws OrtException {
    return predict(values, texts, batch);
  }

  /** Predicts all rows in batches of {@code size} (padded with the last row for fixed batches). */
  Outputs predict(double[][] values, String[][] texts, int size) throws OrtException {
    int n = values.length;
    boolean regression = decoder.task() == OutputDecoder.Task.REGRESSION;
    int[] labels = regression ? null : new int[n];
    double[] results = regression ? new double[n] : null;
    double[] raw = null;
    int width = 0;
    FeatureBatch features = new FeatureBatch(binding, size);
    OutputDecoder.Decoded decoded = null;
    for (int start = 0; start < n; start += size) {
      int count = Math.min(size, n - start);
      int rows = binding.fixedBatch() > 0 ? size : count;
      features.clear();
      for (int r = 0; r < rows; r++) {
        int source = start + Math.min(r, count - 1);
        fill(features, features.addRow(), values[source], texts[source]);
      }
      try (OrtSession.Result result = session.run(features)) {
        decoded = decoder.decode(result, rows, decoded);
      }
      if (raw == null) {
        width = width(decoded);
        raw = new double[n * width];
      }
      for (int r = 0; r < count; r++) {
        int row = start + r;
        if (regression) {
          results[row] = decoded.values[r];
          raw[row * width] = decoded.values[r];
        } else {
          labels[row] = label(decoded, r);
          copyRaw(decoded, r, raw, row * width, width);
        }
      }
    }
    return new Outputs(labels, results, raw == null ? new double[0] : raw, width);
  }

  private void fill(FeatureBatch features, int row, double[] values, String[] texts) {
    int k = 0;
    for (int input = 0; input < binding.inputs().size(); input++) {
      int columns = binding.inputs().get(input).columns().size();
      for (int c = 0; c < columns; c++, k++) {
        if (text[k]) {
          features.setText(input, row, c, texts[k]);
        } else {
          features.setNumber(input, row, c, values[k]);
        }
      }
    }
  }

  /** The probabilities, or the scores of an output that holds no distribution, or null. */
  private static float[] values(OutputDecoder.Decoded d) {
    return d.probabilities != null ? d.probabilities : d.scores;
  }

  private static int width(OutputDecoder.Decoded d) {
    int probabilities = values(d) == null ? 0 : d.classes;
    return Math.max(1, probabilities + (d.labelIndex == null ? 0 : 1));
  }

  private static int label(OutputDecoder.Decoded d, int r) {
    if (d.labelIndex != null) {
      return d.labelIndex[r];
    }
    float[] values = values(d);
    int best = 0;
    for (int j = 1; j < d.classes; j++) {
      if (values[r * d.classes + j] > values[r * d.classes + best]) {
        best = j;
      }
    }
    return best;
  }

  private static void copyRaw(OutputDecoder.Decoded d, int r, double[] raw, int at, int width) {
    int k = at;
    if (d.labelIndex != null) {
      raw[k++] = d.labelIndex[r];
    }
    float[] values = values(d);
    if (values != null) {
      for (int j = 0; j < d.classes && k < at + width; j++) {
        raw[k++] = values[r * d.classes + j];
      }
    }
  }
}
