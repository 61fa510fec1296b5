package dev.assay.core.explain;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.core.AssayException;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.ClassLabels;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.inference.FeatureBatch;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.inference.OutputDecoder;
import dev.assay.core.model.ModelInspection;
import java.nio.file.Path;
import java.util.List;

/**
 * An ONNX model as a {@link ModelFunction}: the bound columns in binding order are the features,
 * decoded as evaluation decodes them ({@link OutputDecoder}); the output is the probability or
 * log-odds of one class, or a regression value. Numeric inputs only. Close it.
 */
public final class OnnxModelFunction implements ModelFunction, AutoCloseable {
  private static final double CLIP = 1e-15;

  private final InferenceSession session;
  private final Binding binding;
  private final OutputDecoder decoder;
  private final OutputSpace space;
  private final int classIndex;
  private final int features;
  private final int[][] slot;

  /** Each calling thread's batch and decoded outputs (evaluate is called from several threads). */
  private final ThreadLocal<Scratch> scratch;

  private static final class Scratch {
    final FeatureBatch batch;
    OutputDecoder.Decoded decoded;

    Scratch(FeatureBatch batch) {
      this.batch = batch;
    }
  }

  private OnnxModelFunction(
      InferenceSession session,
      Binding binding,
      OutputDecoder decoder,
      OutputSpace space,
      int classIndex) {
    this.session = session;
    this.binding = binding;
    this.decoder = decoder;
    this.space = space;
    this.classIndex = classIndex;
    this.features = binding.columns().size();
    this.slot = new int[features][];
    int f = 0;
    for (int input = 0; input < binding.inputs().size(); input++) {
      for (int c = 0; c < binding.inputs().get(input).columns().size(); c++) {
        slot[f++] = new int[] {input, c};
      }
    }
    int capacity = binding.fixedBatch() > 0 ? binding.fixedBatch() : CoalitionGame.ROWS_PER_CALL;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(new FeatureBatch(binding, capacity)));
  }

  /**
   * Opens the model on the CPU.
   *
   * @param classLabels the class labels in probability-column order (model metadata), or null
   * @param classLabel the explained class (classification), or null for the last class
   * @param regression whether the model predicts a value
   * @throws AssayException when an input is text, the class is unknown, or ONNX Runtime refuses the
   *     model
   */
  public static OnnxModelFunction open(
      OnnxRuntime runtime,
      Path modelFile,
      ModelInspection inspection,
      Binding binding,
      List<String> classLabels,
      String classLabel,
      boolean regression,
      OutputSpace space) {
    for (Binding.InputBinding input : binding.inputs()) {
      if (input.elementType().equals("string")) {
        throw new AssayException(
            "input '" + input.input() + "' takes text; explanations need numeric inputs");
      }
    }
    OutputDecoder decoder = OutputDecoder.plan(inspection, classLabels, regression, false);
    boolean isRegression = decoder.task() == OutputDecoder.Task.REGRESSION;
    if (isRegression != (space == OutputSpace.VALUE)) {
      throw new AssayException(
          isRegression
              ? "the model predicts a value; its explanations are in the value space"
              : "the model is a classifier; explain a probability or a logit");
    }
    if (!isRegression && !decoder.hasProbabilities()) {
      throw new AssayException("the model has no probability output to explain");
    }
    int index = -1;
    if (!isRegression && classLabels != null) {
      index =
          classLabel == null
              ? classLabels.size() - 1
              : ClassLabels.indexOf(classLabels, classLabel);
      if (index < 0) {
        throw new AssayException(
            "class '" + classLabel + "' is not one of the model's classes: " + classLabels);
      }
    }
    try {
      InferenceSession session = runtime.open(modelFile, ExecutionProvider.CPU, 0);
      OnnxModelFunction function = new OnnxModelFunction(session, binding, decoder, space, index);
      return function;
    } catch (OrtException e) {
      throw new AssayException("ONNX Runtime cannot open the model: " + e.getMessage(), e);
    }
  }

  /** The explained class's column in the probability output (-1 for regression). */
  public int classIndex() {
    return classIndex;
  }

  /** The output space. */
  public OutputSpace space() {
    return space;
  }

  /** The binding: feature i is {@code binding().columns().get(i)}. */
  public Binding binding() {
    return binding;
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public boolean threadSafe() {
    return true;
  }

  @Override
  public void evaluate(double[] rows, int n, double[] out) {
    Scratch own = scratch.get();
    FeatureBatch batch = own.batch;
    int capacity = batch.capacity();
    for (int first = 0; first < n; first += capacity) {
      int count = Math.min(capacity, n - first);
      batch.clear();
      batch.addRows(count);
      if (binding.inputs().size() == 1) {
        batch.setRowMajor(0, 0, rows, first * features, count);
      } else {
        for (int r = 0; r < count; r++) {
          int base = (first + r) * features;
          for (int f = 0; f < features; f++) {
            batch.setNumber(slot[f][0], r, slot[f][1], rows[base + f]);
          }
        }
      }
      try (OrtSession.Result result = session.run(batch)) {
        own.decoded = decoder.decode(result, count, own.decoded);
      } catch (OrtException e) {
        throw new AssayException(
            "ONNX Runtime failed on this model and data: " + e.getMessage(), e);
      }
      read(own.decoded, out, first, count);
    }
  }

  private void read(OutputDecoder.Decoded decoded, double[] out, int first, int count) {
    if (space == OutputSpace.VALUE) {
      System.arraycopy(decoded.values, 0, out, first, count);
      return;
    }
    int c = decoded.classes;
    int k = classIndex >= 0 ? classIndex : c - 1;
    for (int r = 0; r < count; r++) {
      double p = decoded.probabilities[r * c + k];
      if (space == OutputSpace.PROBABILITY) {
        out[first + r] = p;
      } else {
        // with two classes the other column is 1 − p as the model computed it
        double q = c == 2 ? decoded.probabilities[r * c + 1 - k] : 1 - p;
        out[first + r] = Math.log(Math.max(p, CLIP)) - Math.log(Math.max(q, CLIP));
      }
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
