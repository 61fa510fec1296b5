package dev.assay.testing;

import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.util.Map;

/** Hostile or broken ONNX models for the security tests, built on {@link TestModels}. */
public final class HostileModels {
  private HostileModels() {}

  /** The identity model with its node replaced by {@code domain.OpType}, importing the domain. */
  public static ModelProto customDomain(String domain, String opType) {
    ModelProto identity = TestModels.identity(8, 13);
    return identity.toBuilder()
        .addOpsetImport(TestModels.opset(domain, 1))
        .setGraph(
            identity.getGraph().toBuilder()
                .setNode(
                    0,
                    NodeProto.newBuilder()
                        .setOpType(opType)
                        .setDomain(domain)
                        .addInput("x")
                        .addOutput("y")))
        .build();
  }

  /**
   * {@code y = Identity(x)} whose node is a model-local function {@code local.Twice} built from
   * standard operators.
   */
  public static ModelProto localFunction() {
    ModelProto identity = TestModels.identity(10, 18);
    FunctionProto function =
        FunctionProto.newBuilder()
            .setName("PassThrough")
            .setDomain("local.functions")
            .addInput("a")
            .addOutput("b")
            .addOpsetImport(TestModels.opset("", 18))
            .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("a").addOutput("b"))
            .build();
    return identity.toBuilder()
        .addOpsetImport(TestModels.opset("local.functions", 1))
        .addFunctions(function)
        .setGraph(
            identity.getGraph().toBuilder()
                .setNode(
                    0,
                    NodeProto.newBuilder()
                        .setOpType("PassThrough")
                        .setDomain("local.functions")
                        .addInput("x")
                        .addOutput("y")))
        .build();
  }

  /** {@code y = x + w} whose inline initializer {@code w} declares {@code dims} over 8 bytes. */
  public static ModelProto hugeInitializer(long... dims) {
    ModelProto add = TestModels.addWithInlineWeights(1f, 2f);
    GraphProto.Builder graph = add.getGraph().toBuilder();
    TensorProto.Builder w = graph.getInitializerBuilder(0).clearDims();
    for (long d : dims) {
      w.addDims(d);
    }
    return add.toBuilder().setGraph(graph).build();
  }

  /** {@code y = x + w} with {@code w} float [2] holding {@code bytes} raw bytes. */
  public static ModelProto wrongRawSize(int bytes) {
    ModelProto add = TestModels.addWithInlineWeights(1f, 2f);
    GraphProto.Builder graph = add.getGraph().toBuilder();
    graph.getInitializerBuilder(0).setRawData(ByteString.copyFrom(new byte[bytes]));
    return add.toBuilder().setGraph(graph).build();
  }

  /** The identity model with these metadata entries. */
  public static ModelProto withMetadata(Map<String, String> metadata) {
    ModelProto.Builder model = TestModels.identity(8, 13).toBuilder();
    metadata.forEach(
        (key, value) ->
            model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return model.build();
  }
}
