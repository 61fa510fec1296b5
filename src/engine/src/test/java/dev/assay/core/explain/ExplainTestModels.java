package dev.assay.core.explain;

import static dev.assay.testing.TestModels.FLOAT;
import static dev.assay.testing.TestModels.opset;
import static dev.assay.testing.TestModels.tensor;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.testing.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** ONNX models for the explanation tests and benchmark, and how to open them as functions. */
public final class ExplainTestModels {
  private ExplainTestModels() {}

  /**
   * A two-layer perceptron: {@code p = sigmoid(relu(x W1 + b1) w2 + b2)}, output {@code
   * probabilities} float {@code [N, 2]} = {@code [1 − p, p]}; weights drawn with {@code seed}. When
   * {@code ignored >= 0}, that input's weights are zero.
   */
  public static ModelProto mlp(int inputs, int hidden, long seed, int ignored) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] w1 = new float[inputs * hidden];
    for (int i = 0; i < inputs; i++) {
      for (int h = 0; h < hidden; h++) {
        w1[i * hidden + h] =
            i == ignored ? 0f : (float) (random.nextGaussian() / Math.sqrt(inputs) * 2);
      }
    }
    float[] b1 = new float[hidden];
    float[] w2 = new float[hidden];
    for (int h = 0; h < hidden; h++) {
      b1[h] = (float) random.nextGaussian() * 0.5f;
      w2[h] = (float) (random.nextGaussian() / Math.sqrt(hidden) * 2);
    }
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("mlp")
            .addInput(tensor("x", FLOAT, "N", inputs))
            .addOutput(tensor("probabilities", FLOAT, "N", 2))
            .addInitializer(matrix("w1", w1, inputs, hidden))
            .addInitializer(matrix("b1", b1, hidden))
            .addInitializer(matrix("w2", w2, hidden, 1))
            .addInitializer(matrix("b2", new float[] {0.1f}, 1))
            .addInitializer(matrix("one", new float[] {1f}, 1))
            .addNode(node("MatMul", "xw", "x", "w1"))
            .addNode(node("Add", "pre", "xw", "b1"))
            .addNode(node("Relu", "h", "pre"))
            .addNode(node("MatMul", "hw", "h", "w2"))
            .addNode(node("Add", "logit", "hw", "b2"))
            .addNode(node("Sigmoid", "p1", "logit"))
            .addNode(node("Sub", "p0", "one", "p1"))
            .addNode(
                node("Concat", "probabilities", "p0", "p1").toBuilder()
                    .addAttribute(
                        AttributeProto.newBuilder()
                            .setName("axis")
                            .setType(AttributeProto.AttributeType.INT)
                            .setI(1)))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("assay-tests")
        .addOpsetImport(opset("", 13))
        .addMetadataProps(
            StringStringEntryProto.newBuilder()
                .setKey("assay.class_labels")
                .setValue("[\"0\",\"1\"]"))
        .setGraph(graph)
        .build();
  }

  private static TensorProto matrix(String name, float[] values, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(FLOAT);
    for (long d : dims) {
      t.addDims(d);
    }
    return t.setRawData(ByteString.copyFrom(TestModels.floats(values))).build();
  }

  private static NodeProto node(String op, String output, String... inputs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).addOutput(output);
    for (String i : inputs) {
      n.addInput(i);
    }
    return n.build();
  }

  /** Column names {@code f0 .. f(n−1)}. */
  public static List<String> columns(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("f" + i);
    }
    return names;
  }

  /**
   * Opens a model with one float {@code [N, F]} input named {@code input} fed by {@code columns}.
   */
  public static OnnxModelFunction open(
      OnnxRuntime runtime, Path file, String input, List<String> columns, OutputSpace space) {
    Binding binding = new Binding(List.of(new Binding.InputBinding(input, "float", 2, 0, columns)));
    return OnnxModelFunction.open(
        runtime,
        file,
        new OnnxInspector(runtime).inspect(file).inspection(),
        binding,
        List.of("0", "1"),
        "1",
        false,
        space);
  }
}
