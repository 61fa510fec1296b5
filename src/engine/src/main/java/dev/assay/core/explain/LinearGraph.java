package dev.assay.core.explain;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.assay.core.AssayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The log-odds of a linear model read from its ONNX graph in double precision: every node from the
 * single input to the final Sigmoid/Softmax is composed as an affine map {@code z = A x + c} (Sub,
 * Add, Mul, Div with a constant operand, MatMul, Gemm, Identity, Cast, Flatten, Reshape of a
 * [batch, k] tensor), or the graph is an {@code ai.onnx.ml} LinearClassifier. The log-odds of class
 * k are then the single logit of a Sigmoid (class 1; its negation for class 0) or {@code z_k −
 * z_other} of a two-column Softmax. Anything else is refused with the reason, and the caller reads
 * the slopes through the model instead (central differences).
 *
 * @param weights the slopes {@code w_i} of the log-odds, one per input slot
 * @param intercept the log-odds at x = 0
 * @param path the operators the map was composed from, for the report
 */
public record LinearGraph(double[] weights, double intercept, String path) {

  /** An affine map from the m inputs to k outputs: {@code out_j = Σ_i a[j][i] x_i + c[j]}. */
  private record Affine(double[][] a, double[] c) {
    int outputs() {
      return c.length;
    }
  }

  /**
   * As {@link #read(GraphProto, int, int, String[])} for a model file.
   *
   * @throws AssayException when the file cannot be read as an ONNX model
   */
  public static LinearGraph read(Path modelFile, int m, int classIndex, String[] why) {
    try (InputStream in = Files.newInputStream(modelFile)) {
      return read(ModelProto.parseFrom(in).getGraph(), m, classIndex, why);
    } catch (IOException e) {
      throw new AssayException("cannot read the model " + modelFile.getFileName() + ": " + e);
    }
  }

  /**
   * Reads the log-odds of class {@code classIndex} (-1: the last class) of a graph with one input
   * of {@code m} slots.
   *
   * @param why receives the reason when null is returned
   */
  public static LinearGraph read(GraphProto graph, int m, int classIndex, String[] why) {
    Map<String, double[]> constants = new HashMap<>();
    Map<String, int[]> shapes = new HashMap<>();
    for (TensorProto t : graph.getInitializerList()) {
      double[] v = values(t);
      if (v == null) {
        why[0] = "initializer '" + t.getName() + "' is not float or double";
        return null;
      }
      constants.put(t.getName(), v);
      shapes.put(t.getName(), t.getDimsList().stream().mapToInt(Long::intValue).toArray());
    }
    if (graph.getInputCount() - graph.getInitializerCount() > 1) {
      why[0] = "the graph has more than one input";
      return null;
    }
    Map<String, Affine> tensors = new HashMap<>();
    double[][] identity = new double[m][m];
    for (int i = 0; i < m; i++) {
      identity[i][i] = 1;
    }
    for (var input : graph.getInputList()) {
      if (!constants.containsKey(input.getName())) {
        tensors.put(input.getName(), new Affine(identity, new double[m]));
      }
    }
    StringBuilder path = new StringBuilder();
    for (NodeProto node : graph.getNodeList()) {
      String op = node.getOpType();
      path.append(path.length() == 0 ? "" : ", ").append(op);
      if (op.equals("Constant")) {
        for (AttributeProto a : node.getAttributeList()) {
          if (a.getName().equals("value") && values(a.getT()) != null) {
            constants.put(node.getOutput(0), values(a.getT()));
            shapes.put(
                node.getOutput(0),
                a.getT().getDimsList().stream().mapToInt(Long::intValue).toArray());
          }
        }
        continue;
      }
      if (op.equals("LinearClassifier") && node.getDomain().equals("ai.onnx.ml")) {
        Affine in = tensors.get(node.getInput(0));
        if (in == null) {
          why[0] = "LinearClassifier does not read the input";
          return null;
        }
        double[] coef = floats(node, "coefficients");
        double[] icpt = floats(node, "intercepts");
        String post = string(node, "post_transform", "NONE");
        int rows = icpt.length;
        if (rows != 2 || coef.length != 2 * in.outputs() || !post.equals("SOFTMAX")) {
          why[0] =
              "LinearClassifier with "
                  + rows
                  + " score rows and post_transform "
                  + post
                  + " (two rows with SOFTMAX are read from the graph)";
          return null;
        }
        double[][] w = new double[2][in.outputs()];
        for (int r = 0; r < 2; r++) {
          System.arraycopy(coef, r * in.outputs(), w[r], 0, in.outputs());
        }
        Affine scores = matmul(in, w, icpt);
        return logOdds(scores, classIndex < 0 ? 1 : classIndex, path.toString(), why);
      }
      if (op.equals("Sigmoid") || op.equals("Softmax")) {
        Affine z = tensors.get(node.getInput(0));
        if (z == null) {
          why[0] = op + " does not follow the affine part";
          return null;
        }
        if (op.equals("Sigmoid")) {
          if (z.outputs() != 1) {
            why[0] = "Sigmoid over " + z.outputs() + " logits";
            return null;
          }
          int k = classIndex < 0 ? 1 : classIndex;
          if (k > 1) {
            why[0] = "Sigmoid has two classes; class " + k + " was asked for";
            return null;
          }
          // class 1 has log-odds z, class 0 has −z
          double sign = k == 1 ? 1 : -1;
          double[] w = z.a()[0].clone();
          for (int i = 0; i < w.length; i++) {
            w[i] *= sign;
          }
          return new LinearGraph(w, sign * z.c()[0], path.toString());
        }
        return logOdds(z, classIndex < 0 ? z.outputs() - 1 : classIndex, path.toString(), why);
      }
      Affine x = node.getInputCount() > 0 ? tensors.get(node.getInput(0)) : null;
      Affine next =
          switch (op) {
            case "Identity", "Cast", "Flatten", "Reshape" -> x;
            case "Sub", "Add", "Mul", "Div" -> elementwise(op, node, tensors, constants);
            case "MatMul" -> {
              double[] w = constants.get(node.getInput(1));
              int[] shape = shapes.get(node.getInput(1));
              yield x == null || w == null || shape.length != 2 || shape[0] != x.outputs()
                  ? null
                  : matmul(x, transpose(w, shape[0], shape[1]), new double[shape[1]]);
            }
            case "Gemm" -> gemm(node, x, constants, shapes);
            default -> null;
          };
      if (next == null) {
        why[0] = op + " node '" + node.getName() + "' is not read as an affine map";
        return null;
      }
      tensors.put(node.getOutput(0), next);
    }
    why[0] = "no final Sigmoid, Softmax or LinearClassifier";
    return null;
  }

  private static LinearGraph logOdds(Affine z, int k, String path, String[] why) {
    if (z.outputs() != 2 || k > 1) {
      why[0] = "the final squashing has " + z.outputs() + " logits; two are read from the graph";
      return null;
    }
    int other = 1 - k;
    double[] w = new double[z.a()[0].length];
    for (int i = 0; i < w.length; i++) {
      w[i] = z.a()[k][i] - z.a()[other][i];
    }
    return new LinearGraph(w, z.c()[k] - z.c()[other], path);
  }

  private static Affine elementwise(
      String op, NodeProto node, Map<String, Affine> tensors, Map<String, double[]> constants) {
    Affine left = tensors.get(node.getInput(0));
    Affine right = tensors.get(node.getInput(1));
    double[] cl = constants.get(node.getInput(0));
    double[] cr = constants.get(node.getInput(1));
    if (left != null && cr != null) {
      return apply(op, left, cr, false);
    }
    if (right != null && cl != null && !op.equals("Div")) {
      return apply(op, right, cl, true);
    }
    return null;
  }

  /** {@code x op c} (or {@code c op x} when swapped), c a scalar or one value per output. */
  private static Affine apply(String op, Affine x, double[] c, boolean swapped) {
    int k = x.outputs();
    if (c.length != 1 && c.length != k) {
      return null;
    }
    double[][] a = new double[k][];
    double[] b = new double[k];
    for (int j = 0; j < k; j++) {
      double v = c[c.length == 1 ? 0 : j];
      double scale =
          switch (op) {
            case "Mul" -> v;
            case "Div" -> 1 / v;
            case "Sub" -> swapped ? -1 : 1;
            default -> 1;
          };
      double shift =
          switch (op) {
            case "Add" -> v;
            case "Sub" -> swapped ? v : -v;
            default -> 0;
          };
      a[j] = x.a()[j].clone();
      for (int i = 0; i < a[j].length; i++) {
        a[j][i] = op.equals("Div") ? a[j][i] / v : a[j][i] * scale;
      }
      b[j] = (op.equals("Div") ? x.c()[j] / v : x.c()[j] * scale) + shift;
    }
    return new Affine(a, b);
  }

  private static Affine gemm(
      NodeProto node, Affine x, Map<String, double[]> constants, Map<String, int[]> shapes) {
    double[] w = constants.get(node.getInput(1));
    int[] shape = shapes.get(node.getInput(1));
    if (x == null || w == null || shape == null || shape.length != 2) {
      return null;
    }
    long transA = integer(node, "transA", 0);
    long transB = integer(node, "transB", 0);
    double alpha = real(node, "alpha", 1);
    double beta = real(node, "beta", 1);
    if (transA != 0) {
      return null;
    }
    // out = alpha · x·B + beta · C; rows of wt are B's columns
    int k = transB == 0 ? shape[0] : shape[1];
    int n = transB == 0 ? shape[1] : shape[0];
    if (k != x.outputs()) {
      return null;
    }
    double[][] wt = transB == 0 ? transpose(w, shape[0], shape[1]) : rows(w, shape[0], shape[1]);
    for (double[] row : wt) {
      for (int i = 0; i < row.length; i++) {
        row[i] *= alpha;
      }
    }
    double[] bias = new double[n];
    if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
      double[] c = constants.get(node.getInput(2));
      if (c == null || c.length != 1 && c.length != n) {
        return null;
      }
      for (int j = 0; j < n; j++) {
        bias[j] = beta * c[c.length == 1 ? 0 : j];
      }
    }
    return matmul(x, wt, bias);
  }

  /** {@code out_j = Σ_l w[j][l] x_l + bias_j} composed with x's own map. */
  private static Affine matmul(Affine x, double[][] w, double[] bias) {
    int m = x.a()[0].length;
    double[][] a = new double[w.length][m];
    double[] c = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      double cj = bias[j];
      for (int l = 0; l < w[j].length; l++) {
        double wl = w[j][l];
        cj += wl * x.c()[l];
        for (int i = 0; i < m; i++) {
          a[j][i] += wl * x.a()[l][i];
        }
      }
      c[j] = cj;
    }
    return new Affine(a, c);
  }

  private static double[][] transpose(double[] w, int rows, int cols) {
    double[][] t = new double[cols][rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c][r] = w[r * cols + c];
      }
    }
    return t;
  }

  private static double[][] rows(double[] w, int rows, int cols) {
    double[][] t = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(w, r * cols, t[r], 0, cols);
    }
    return t;
  }

  /** A float or double tensor's values widened to double, or null for other types. */
  static double[] values(TensorProto t) {
    int type = t.getDataType();
    boolean isFloat = type == TensorProto.DataType.FLOAT_VALUE;
    boolean isDouble = type == TensorProto.DataType.DOUBLE_VALUE;
    if (!isFloat && !isDouble) {
      return null;
    }
    if (!t.getRawData().isEmpty()) {
      ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      double[] v = new double[raw.remaining() / (isFloat ? 4 : 8)];
      for (int i = 0; i < v.length; i++) {
        v[i] = isFloat ? raw.getFloat() : raw.getDouble();
      }
      return v;
    }
    if (isFloat) {
      double[] v = new double[t.getFloatDataCount()];
      for (int i = 0; i < v.length; i++) {
        v[i] = t.getFloatData(i);
      }
      return v;
    }
    return t.getDoubleDataList().stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] floats(NodeProto node, String name) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        double[] v = new double[a.getFloatsCount()];
        for (int i = 0; i < v.length; i++) {
          v[i] = a.getFloats(i);
        }
        return v;
      }
    }
    return new double[0];
  }

  private static String string(NodeProto node, String name, String fallback) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a.getS().toStringUtf8();
      }
    }
    return fallback;
  }

  private static long integer(NodeProto node, String name, long fallback) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a.getI();
      }
    }
    return fallback;
  }

  private static double real(NodeProto node, String name, double fallback) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a.getF();
      }
    }
    return fallback;
  }
}
