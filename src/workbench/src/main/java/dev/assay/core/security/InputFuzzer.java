package dev.assay.core.security;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.InferenceSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds a model inputs no real row should have and records what it does: NaN, plus and minus
 * infinity, the largest and smallest float magnitudes in every numeric feature, an empty batch, and
 * tensors of the wrong element type. ONNX Runtime refusing an input with an error is fine; outputs
 * that are not finite are worth knowing.
 */
final class InputFuzzer {
  private final SampleTable sample;
  private final Predictor predictor;
  private final InferenceSession session;

  InputFuzzer(SampleTable sample, Predictor predictor, InferenceSession session) {
    this.sample = sample;
    this.predictor = predictor;
    this.session = session;
  }

  List<RobustnessReport.FuzzCase> run() {
    List<RobustnessReport.FuzzCase> cases = new ArrayList<>();
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("nan", Double.NaN);
    values.put("+inf", Double.POSITIVE_INFINITY);
    values.put("-inf", Double.NEGATIVE_INFINITY);
    values.put("max_float", (double) Float.MAX_VALUE);
    values.put("-max_float", (double) -Float.MAX_VALUE);
    values.put("min_float", (double) Float.MIN_VALUE);
    values.forEach((name, value) -> cases.add(fill(name, value)));
    cases.add(emptyBatch());
    cases.add(wrongType());
    return cases;
  }

  private RobustnessReport.FuzzCase fill(String name, double value) {
    int n = Math.min(8, sample.rows());
    double[][] rows = new double[n][];
    String[][] texts = Arrays.copyOf(sample.texts, n);
    for (int i = 0; i < n; i++) {
      rows[i] = sample.values[i].clone();
      for (int j = 0; j < rows[i].length; j++) {
        if (!sample.text[j]) {
          rows[i][j] = value;
        }
      }
    }
    try {
      Predictor.Outputs outputs = predictor.predict(rows, texts);
      long nonFinite = Arrays.stream(outputs.raw()).filter(v -> !Double.isFinite(v)).count();
      String produced = describe(outputs, n);
      return nonFinite > 0
          ? new RobustnessReport.FuzzCase(
              name, "non_finite_output", nonFinite + " non-finite output values; " + produced)
          : new RobustnessReport.FuzzCase(name, "ok", produced);
    } catch (OrtException e) {
      return new RobustnessReport.FuzzCase(name, "refused", firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      return new RobustnessReport.FuzzCase(name, "failed", firstLine(e.getMessage()));
    }
  }

  private static String describe(Predictor.Outputs outputs, int n) {
    if (outputs.labels() != null) {
      int[] counts = new int[Arrays.stream(outputs.labels()).max().orElse(0) + 1];
      for (int label : outputs.labels()) {
        if (label >= 0) {
          counts[label]++;
        }
      }
      List<String> parts = new ArrayList<>();
      for (int c = 0; c < counts.length; c++) {
        if (counts[c] > 0) {
          parts.add("class " + c + " x" + counts[c]);
        }
      }
      return n + " rows predicted " + String.join(", ", parts);
    }
    return n
        + " rows predicted "
        + Arrays.toString(Arrays.copyOf(outputs.values(), Math.min(3, n)))
        + (n > 3 ? "..." : "");
  }

  private RobustnessReport.FuzzCase emptyBatch() {
    if (predictor.fixedBatch() > 0) {
      return new RobustnessReport.FuzzCase(
          "empty_batch", "skipped", "the model takes batches of exactly " + predictor.fixedBatch());
    }
    try {
      Predictor.Outputs outputs = predictor.predict(new double[0][], new String[0][], 1);
      return new RobustnessReport.FuzzCase(
          "empty_batch", "ok", "no rows in, " + outputs.raw().length + " values out");
    } catch (OrtException e) {
      return new RobustnessReport.FuzzCase("empty_batch", "refused", firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      return new RobustnessReport.FuzzCase("empty_batch", "failed", firstLine(e.getMessage()));
    }
  }

  /** Every input as a tensor of another element type (double for float, float otherwise). */
  private RobustnessReport.FuzzCase wrongType() {
    Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
    List<String> types = new ArrayList<>();
    try {
      for (Binding.InputBinding input : inputs()) {
        int width = input.columns().size();
        int rows = input.fixedBatch() > 0 ? input.fixedBatch() : 1;
        long[] shape = input.rank() == 1 ? new long[] {rows} : new long[] {rows, width};
        int cells = rows * width;
        if (input.elementType().equals("float")) {
          tensors.put(
              input.input(),
              OnnxTensor.createTensor(session.environment(), DoubleBuffer.allocate(cells), shape));
          types.add(input.input() + ": double for float");
        } else {
          tensors.put(
              input.input(),
              OnnxTensor.createTensor(session.environment(), FloatBuffer.allocate(cells), shape));
          types.add(input.input() + ": float for " + input.elementType());
        }
      }
      try (OrtSession.Result result = session.run(tensors)) {
        return new RobustnessReport.FuzzCase(
            "wrong_type", "ok", "accepted (" + String.join(", ", types) + ")");
      }
    } catch (OrtException e) {
      return new RobustnessReport.FuzzCase("wrong_type", "refused", firstLine(e.getMessage()));
    } catch (RuntimeException e) {
      return new RobustnessReport.FuzzCase("wrong_type", "failed", firstLine(e.getMessage()));
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  private List<Binding.InputBinding> inputs() {
    return predictor.binding().inputs();
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
    if (line.isEmpty()) {
      return "no reason given";
    }
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
