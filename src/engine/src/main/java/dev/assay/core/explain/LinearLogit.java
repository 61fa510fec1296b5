package dev.assay.core.explain;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.assay.core.AssayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The closed form for a model whose log-odds are affine in its inputs (a linear model before a
 * final sigmoid or softmax): {@code φ_i = w_i (x_i − mean_i)}, the interventional Shapley values in
 * log-odds space, exact.
 *
 * <p>{@link #isLinear(Path)} reads the graph: every node is an affine operation (Sub, Add, Mul, Div
 * with a constant operand; MatMul or Gemm with constant weights; Identity, Cast, Flatten, Reshape)
 * except one final Sigmoid or Softmax, or the graph is an {@code ai.onnx.ml} LinearClassifier (with
 * ZipMap). The slope {@code w_i} is then read through the model itself as a central difference of
 * the log-odds around the background mean, step the feature's background standard deviation (exact
 * for an affine function up to float32 rounding).
 */
public final class LinearLogit {
  private static final Set<String> AFFINE =
      Set.of(
          "Sub", "Add", "Mul", "Div", "MatMul", "Gemm", "Identity", "Cast", "Flatten", "Reshape");
  private static final Set<String> ELEMENTWISE = Set.of("Sub", "Add", "Mul", "Div");

  private final double[] weights;
  private final double[] mean;
  private final double base;
  private final long setupEvaluations;
  private final String source;

  private LinearLogit(
      double[] weights, double[] mean, double base, long setupEvaluations, String source) {
    this.weights = weights;
    this.mean = mean;
    this.base = base;
    this.setupEvaluations = setupEvaluations;
    this.source = source;
  }

  /**
   * Whether the model's log-odds are affine in its inputs, judged from its graph.
   *
   * @throws AssayException when the file cannot be read as an ONNX model
   */
  public static boolean isLinear(Path modelFile) {
    ModelProto model;
    try (InputStream in = Files.newInputStream(modelFile)) {
      model = ModelProto.parseFrom(in);
    } catch (IOException e) {
      throw new AssayException("cannot read the model " + modelFile.getFileName() + ": " + e);
    }
    return isLinear(model.getGraph());
  }

  static boolean isLinear(GraphProto graph) {
    Set<String> constants = new HashSet<>();
    for (TensorProto t : graph.getInitializerList()) {
      constants.add(t.getName());
    }
    int links = 0;
    boolean squashed = false;
    for (NodeProto node : graph.getNodeList()) {
      String op = node.getOpType();
      if (node.getDomain().equals("ai.onnx.ml")) {
        if (op.equals("LinearClassifier") && !squashed && postTransform(node)) {
          links++;
          squashed = true;
        } else if (!op.equals("ZipMap") || !squashed) {
          return false;
        }
        continue;
      }
      if (op.equals("Sigmoid") || op.equals("Softmax")) {
        if (squashed) {
          return false;
        }
        links++;
        squashed = true;
      } else if (op.equals("Constant")) {
        node.getOutputList().forEach(constants::add);
      } else if (!AFFINE.contains(op) || squashed && !op.equals("Identity")) {
        return false;
      } else if (ELEMENTWISE.contains(op) || op.equals("MatMul")) {
        long constantOperands = node.getInputList().stream().filter(constants::contains).count();
        if (constantOperands != 1 || op.equals("Div") && !constants.contains(node.getInput(1))) {
          return false;
        }
      } else if (op.equals("Gemm")
          && (node.getInputCount() < 2 || !constants.contains(node.getInput(1)))) {
        return false;
      }
    }
    return links == 1;
  }

  private static boolean postTransform(NodeProto node) {
    for (AttributeProto a : node.getAttributeList()) {
      if (a.getName().equals("post_transform")) {
        String value = a.getS().toStringUtf8();
        return value.equals("NONE") || value.equals("LOGISTIC") || value.equals("SOFTMAX");
      }
    }
    return true;
  }

  /**
   * Reads the slopes of {@code logit} (a model in {@link OutputSpace#LOGIT}, affine in its
   * features) around the background mean.
   *
   * @param background background rows, row-major
   * @throws IllegalArgumentException when the background is empty or ragged
   */
  public static LinearLogit fit(ModelFunction logit, double[] background) {
    return fit(logit, background, (double[]) null);
  }

  /**
   * As {@link #fit(ModelFunction, double[])} with background weights (null for equal): the mean and
   * the base value are weighted means.
   */
  public static LinearLogit fit(ModelFunction logit, double[] background, double[] rowWeights) {
    int m = logit.features();
    if (background.length == 0 || background.length % m != 0) {
      throw new IllegalArgumentException("a non-empty background of " + m + " features is needed");
    }
    int rows = background.length / m;
    double[] mean = new BackgroundSet(background, rowWeights, null).mean(m);
    double[] sd = new double[m];
    for (int b = 0; b < rows; b++) {
      for (int i = 0; i < m; i++) {
        double d = background[b * m + i] - mean[i];
        sd[i] += (rowWeights == null ? 1.0 : rowWeights[b] * rows) * d * d;
      }
    }
    double[] probes = new double[2 * m * m];
    double[] step = new double[m];
    for (int i = 0; i < m; i++) {
      step[i] = sd[i] > 0 ? Math.sqrt(sd[i] / rows) : 1;
      for (int k = 0; k < 2; k++) {
        int base = (2 * i + k) * m;
        System.arraycopy(mean, 0, probes, base, m);
        probes[base + i] += k == 0 ? step[i] : -step[i];
      }
    }
    double[] g = new double[2 * m];
    logit.evaluate(probes, 2 * m, g);
    double[] weights = new double[m];
    for (int i = 0; i < m; i++) {
      weights[i] = (g[2 * i] - g[2 * i + 1]) / (2 * step[i]);
    }
    double[] gb = new double[rows];
    logit.evaluate(background, rows, gb);
    double base = new BackgroundSet(background, rowWeights, null).average(gb);
    return new LinearLogit(
        weights, mean, base, 2L * m + rows, "central differences through the model");
  }

  /**
   * The slopes read in double precision from the graph ({@link LinearGraph}); the base value is
   * still mean f(B) through the model, so the efficiency check compares with ONNX Runtime's own
   * outputs.
   *
   * @throws IllegalArgumentException when the background is empty or ragged, or the graph's slopes
   *     are not one per feature
   */
  public static LinearLogit fit(ModelFunction logit, double[] background, LinearGraph graph) {
    return fit(logit, background, null, graph);
  }

  /**
   * As {@link #fit(ModelFunction, double[], LinearGraph)} with background weights (null: equal).
   */
  public static LinearLogit fit(
      ModelFunction logit, double[] background, double[] rowWeights, LinearGraph graph) {
    int m = logit.features();
    if (background.length == 0 || background.length % m != 0 || graph.weights().length != m) {
      throw new IllegalArgumentException("a non-empty background of " + m + " features is needed");
    }
    int rows = background.length / m;
    double[] mean = new BackgroundSet(background, rowWeights, null).mean(m);
    double[] gb = new double[rows];
    logit.evaluate(background, rows, gb);
    double base = new BackgroundSet(background, rowWeights, null).average(gb);
    return new LinearLogit(
        graph.weights().clone(),
        mean,
        base,
        rows,
        "read in double precision from the graph (" + graph.path() + ")");
  }

  /** Where the slopes came from, for the report. */
  public String source() {
    return source;
  }

  /** The slopes {@code w_i} of the log-odds. */
  public double[] weights() {
    return weights.clone();
  }

  /** The background mean of each feature. */
  public double[] mean() {
    return mean.clone();
  }

  /** Model evaluations spent reading the slopes and the base value. */
  public long setupEvaluations() {
    return setupEvaluations;
  }

  /** The attributions of a row whose model log-odds are {@code prediction}. */
  public Attribution.Exact explain(double[] x, double prediction) {
    double[] phi = new double[weights.length];
    for (int i = 0; i < phi.length; i++) {
      phi[i] = weights[i] * (x[i] - mean[i]);
    }
    return new Attribution.Exact(phi, prediction, base, 1);
  }
}
