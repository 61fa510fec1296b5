package dev.assay.testing;

import static dev.assay.testing.TestModels.FLOAT;
import static dev.assay.testing.TestModels.INT64;
import static dev.assay.testing.TestModels.opset;
import static dev.assay.testing.TestModels.tensor;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.util.Map;

/**
 * Classifiers with the output layouts real exporters write, built in the tests: a linear layer
 * {@code logits = x . W} on {@code x} float {@code [N, k]}, and any of these outputs in any order.
 */
public final class OutputModels {
  private OutputModels() {}

  /** One output of the model. */
  public enum Output {
    /** {@code logits} float {@code [N, C]}. */
    LOGITS,
    /** {@code probabilities} float {@code [N, C]} = Softmax(logits). */
    PROBABILITIES,
    /** {@code probabilities} float {@code [N, C]} = Sigmoid(logits) per column: no distribution. */
    SIGMOID_COLUMNS,
    /** {@code label} int64 {@code [N]} = ArgMax(logits). */
    LABEL,
    /** {@code probability} float {@code [N, 1]} = Sigmoid of the first logit column. */
    SIGMOID_SCORE,
    /** {@code probabilities} float {@code [N, C]} = x as it is (needs k = C). */
    IDENTITY
  }

  /**
   * The model with weights {@code w} ({@code k} rows of {@code C}) and the given outputs, with
   * optional metadata.
   */
  public static ModelProto linear(float[][] w, Map<String, String> metadata, Output... outputs) {
    int k = w.length;
    int c = w[0].length;
    float[] flat = new float[k * c];
    for (int i = 0; i < k; i++) {
      System.arraycopy(w[i], 0, flat, i * c, c);
    }
    GraphProto.Builder graph =
        GraphProto.newBuilder()
            .setName("linear_outputs")
            .addInput(tensor("x", FLOAT, "N", k))
            .addInitializer(
                TensorProto.newBuilder()
                    .setName("w")
                    .setDataType(FLOAT)
                    .addDims(k)
                    .addDims(c)
                    .setRawData(ByteString.copyFrom(TestModels.floats(flat))))
            .addNode(node("MatMul", "logits", "x", "w"));
    for (Output output : outputs) {
      switch (output) {
        case LOGITS -> graph.addOutput(tensor("logits", FLOAT, "N", c));
        case PROBABILITIES -> {
          graph.addOutput(tensor("probabilities", FLOAT, "N", c));
          graph.addNode(withInt(node("Softmax", "probabilities", "logits"), "axis", 1));
        }
        case SIGMOID_COLUMNS -> {
          graph.addOutput(tensor("probabilities", FLOAT, "N", c));
          graph.addNode(node("Sigmoid", "probabilities", "logits"));
        }
        case LABEL -> {
          graph.addOutput(tensor("label", INT64, "N"));
          graph.addNode(
              withInt(withInt(node("ArgMax", "label", "logits"), "axis", 1), "keepdims", 0));
        }
        case SIGMOID_SCORE -> {
          graph.addOutput(tensor("probability", FLOAT, "N", 1));
          graph.addInitializer(
              TensorProto.newBuilder()
                  .setName("starts")
                  .setDataType(INT64)
                  .addDims(1)
                  .addInt64Data(0));
          graph.addInitializer(
              TensorProto.newBuilder()
                  .setName("ends")
                  .setDataType(INT64)
                  .addDims(1)
                  .addInt64Data(1));
          graph.addInitializer(
              TensorProto.newBuilder()
                  .setName("axes")
                  .setDataType(INT64)
                  .addDims(1)
                  .addInt64Data(1));
          graph.addNode(
              NodeProto.newBuilder()
                  .setOpType("Slice")
                  .addInput("logits")
                  .addInput("starts")
                  .addInput("ends")
                  .addInput("axes")
                  .addOutput("first"));
          graph.addNode(node("Sigmoid", "probability", "first"));
        }
        case IDENTITY -> {
          graph.addOutput(tensor("probabilities", FLOAT, "N", c));
          graph.addNode(node("Identity", "probabilities", "x"));
        }
      }
    }
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("assay-tests")
            .addOpsetImport(opset("", 13))
            .setGraph(graph);
    metadata.forEach(
        (key, value) ->
            model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return model.build();
  }

  private static NodeProto node(String op, String output, String... inputs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).addOutput(output);
    for (String input : inputs) {
      n.addInput(input);
    }
    return n.build();
  }

  private static NodeProto withInt(NodeProto node, String name, long value) {
    return node.toBuilder()
        .addAttribute(
            AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value))
        .build();
  }
}
