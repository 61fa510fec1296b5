package dev.assay.samples;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Runs a finished ONNX file through ONNX Runtime (CPU) to check it independently of Tribuo.
 *
 * <p>It feeds float32 tensors of shape {@code [N, F]} for several N (the whole test set, single
 * rows and an odd-sized batch) and insists that every batch size gives the same probabilities.
 */
final class OnnxRuntimeCheck {

  private OnnxRuntimeCheck() {}

  /**
   * The result of a check.
   *
   * @param signature the input and output names, element types and shapes as ORT reports them
   * @param probabilities one row per input row, one column per output class
   */
  record Result(String signature, float[][] probabilities) {}

  /** Loads the model bytes and scores the rows (raw values, in the model's input order). */
  static Result run(byte[] model, double[][] rows) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(model, options)) {
      String input = session.getInputNames().iterator().next();
      float[][] all = score(env, session, input, rows, 0, rows.length);
      int[] batchSizes = {1, 7};
      for (int batch : batchSizes) {
        for (int start = 0; start + batch <= Math.min(rows.length, 21); start += batch) {
          float[][] part = score(env, session, input, rows, start, batch);
          for (int r = 0; r < batch; r++) {
            for (int c = 0; c < part[r].length; c++) {
              if (Math.abs(part[r][c] - all[start + r][c]) > 1e-6f) {
                throw new IllegalStateException(
                    "batch size " + batch + " changes row " + (start + r));
              }
            }
          }
        }
      }
      return new Result(signature(session), all);
    }
  }

  private static float[][] score(
      OrtEnvironment env, OrtSession session, String input, double[][] rows, int start, int count)
      throws OrtException {
    int width = rows[0].length;
    FloatBuffer buffer = FloatBuffer.allocate(count * width);
    for (int r = start; r < start + count; r++) {
      for (double value : rows[r]) {
        buffer.put((float) value);
      }
    }
    buffer.rewind();
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, new long[] {count, width});
        OrtSession.Result result = session.run(Map.of(input, tensor))) {
      Object value = result.get(0).getValue();
      if (!(value instanceof float[][] probabilities)) {
        throw new IllegalStateException("first output is not a float matrix: " + value.getClass());
      }
      return probabilities;
    }
  }

  private static String signature(OrtSession session) throws OrtException {
    StringJoiner joiner = new StringJoiner("; ");
    for (Map.Entry<String, NodeInfo> entry : session.getInputInfo().entrySet()) {
      joiner.add("input " + describe(entry.getValue()));
    }
    for (Map.Entry<String, NodeInfo> entry : session.getOutputInfo().entrySet()) {
      joiner.add("output " + describe(entry.getValue()));
    }
    return joiner.toString();
  }

  private static String describe(NodeInfo node) {
    if (node.getInfo() instanceof TensorInfo tensor) {
      String[] names = tensor.getDimensionNames();
      long[] shape = tensor.getShape();
      StringJoiner dims = new StringJoiner(", ", "[", "]");
      for (int i = 0; i < shape.length; i++) {
        dims.add(shape[i] < 0 ? (names[i].isEmpty() ? "?" : names[i]) : Long.toString(shape[i]));
      }
      return node.getName() + " " + tensor.type + " " + dims;
    }
    return node.getName() + " " + node.getInfo();
  }
}
