package dev.assay.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small ONNX models built in the tests with the ONNX protobuf classes, and the sample models. */
public final class TestModels {
  public static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

  private TestModels() {}

  /** The repository root: system property {@code assay.repo.root} (surefire), else the cwd. */
  public static Path repoRoot() {
    String configured = System.getProperty("assay.repo.root");
    return Path.of(configured != null ? configured : "").toAbsolutePath();
  }

  /** A sample model of {@code models/}. */
  public static Path sample(String fileName) {
    Path file = repoRoot().resolve("models").resolve(fileName);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("sample model missing: " + file);
    }
    return file;
  }

  /** A dimension: a {@link Number} is a fixed size, a {@link String} a symbolic one. */
  public static TensorShapeProto.Dimension dim(Object value) {
    TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
    if (value instanceof Number n) {
      d.setDimValue(n.longValue());
    } else if (value != null) {
      d.setDimParam(value.toString());
    }
    return d.build();
  }

  public static ValueInfoProto tensor(String name, int elemType, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      shape.addDim(dim(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
        .build();
  }

  public static OperatorSetIdProto opset(String domain, long version) {
    return OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version).build();
  }

  /** {@code y = Identity(x)}, x and y float {@code [N, 2]}, with the given IR version and opset. */
  public static ModelProto identity(long irVersion, long onnxOpset) {
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("identity")
            .addInput(tensor("x", FLOAT, "N", 2))
            .addOutput(tensor("y", FLOAT, "N", 2))
            .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(irVersion)
        .setProducerName("assay-tests")
        .addOpsetImport(opset("", onnxOpset))
        .setGraph(graph)
        .build();
  }

  /** An {@code ai.onnx.ml} Normalizer model importing {@code ai.onnx.ml} at {@code mlOpset}. */
  public static ModelProto mlNormalizer(long irVersion, long mlOpset) {
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("normalizer")
            .addInput(tensor("x", FLOAT, "N", 2))
            .addOutput(tensor("y", FLOAT, "N", 2))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Normalizer")
                    .setDomain("ai.onnx.ml")
                    .addInput("x")
                    .addOutput("y")
                    .addAttribute(
                        AttributeProto.newBuilder()
                            .setName("norm")
                            .setType(AttributeProto.AttributeType.STRING)
                            .setS(ByteString.copyFromUtf8("MAX"))))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(irVersion)
        .addOpsetImport(opset("", 13))
        .addOpsetImport(opset("ai.onnx.ml", mlOpset))
        .setGraph(graph)
        .build();
  }

  /** Little-endian float bytes. */
  public static byte[] floats(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  /**
   * {@code y = x + w}: x and y float {@code [N, 2]}, initializer {@code w} float {@code [2]} whose
   * data lives in an external file at {@code location} ({@code offset}, {@code length} may be
   * null).
   */
  public static ModelProto addWithExternalWeights(String location, Long offset, Long length) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("location", location);
    if (offset != null) {
      entries.put("offset", offset.toString());
    }
    if (length != null) {
      entries.put("length", length.toString());
    }
    return addWithExternalData(entries);
  }

  /** {@code y = x + w} with {@code w} float {@code [2]} and these {@code external_data} entries. */
  public static ModelProto addWithExternalData(Map<String, String> entries) {
    TensorProto.Builder w =
        TensorProto.newBuilder()
            .setName("w")
            .setDataType(FLOAT)
            .addDims(2)
            .setDataLocation(TensorProto.DataLocation.EXTERNAL);
    entries.forEach(
        (key, value) ->
            w.addExternalData(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return addModel(w.build());
  }

  /** {@code y = x + w} with {@code w = [a, b]} stored inside the model. */
  public static ModelProto addWithInlineWeights(float a, float b) {
    return addModel(
        TensorProto.newBuilder()
            .setName("w")
            .setDataType(FLOAT)
            .addDims(2)
            .setRawData(ByteString.copyFrom(floats(a, b)))
            .build());
  }

  private static ModelProto addModel(TensorProto weights) {
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("add")
            .addInput(tensor("x", FLOAT, "N", 2))
            .addOutput(tensor("y", FLOAT, "N", 2))
            .addInitializer(weights)
            .addNode(
                NodeProto.newBuilder().setOpType("Add").addInput("x").addInput("w").addOutput("y"))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("assay-tests")
        .addOpsetImport(opset("", 13))
        .setGraph(graph)
        .build();
  }

  /**
   * A classifier-shaped model with a non-tensor output: {@code probabilities = ZipMap(x)}, x float
   * {@code [N, 2]}, probabilities {@code sequence<map<int64,float>>}.
   */
  public static ModelProto zipMap() {
    ValueInfoProto probabilities =
        ValueInfoProto.newBuilder()
            .setName("probabilities")
            .setType(
                TypeProto.newBuilder()
                    .setSequenceType(
                        TypeProto.Sequence.newBuilder()
                            .setElemType(
                                TypeProto.newBuilder()
                                    .setMapType(
                                        TypeProto.Map.newBuilder()
                                            .setKeyType(TensorProto.DataType.INT64_VALUE)
                                            .setValueType(
                                                TypeProto.newBuilder()
                                                    .setTensorType(
                                                        TypeProto.Tensor.newBuilder()
                                                            .setElemType(FLOAT)))))))
            .build();
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("zipmap")
            .addInput(tensor("x", FLOAT, "N", 2))
            .addOutput(probabilities)
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("ZipMap")
                    .setDomain("ai.onnx.ml")
                    .addInput("x")
                    .addOutput("probabilities")
                    .addAttribute(
                        AttributeProto.newBuilder()
                            .setName("classlabels_int64s")
                            .setType(AttributeProto.AttributeType.INTS)
                            .addInts(0)
                            .addInts(1)))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .addOpsetImport(opset("", 13))
        .addOpsetImport(opset("ai.onnx.ml", 1))
        .setGraph(graph)
        .build();
  }

  public static final int INT64 = TensorProto.DataType.INT64_VALUE;

  private static TensorProto scalarFloat(String name, float value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(FLOAT)
        .addDims(1)
        .setRawData(ByteString.copyFrom(floats(value)))
        .build();
  }

  private static NodeProto node(String op, String output, String... inputs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).addOutput(output);
    for (String input : inputs) {
      n.addInput(input);
    }
    return n.build();
  }

  private static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /**
   * A classifier in the skl2onnx layout: inputs {@code a} and {@code b}, each float {@code [N, 1]};
   * {@code p1 = sigmoid(a + b)}; outputs {@code label} int64 {@code [N, 1]} = {@code p1 >
   * labelThreshold} and {@code probabilities} float {@code [N, 2]} = {@code [1 - p1, p1]}. With a
   * threshold other than 0.5 the label output disagrees with the probabilities on the rows between.
   */
  public static ModelProto perColumnClassifier(float labelThreshold) {
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("per_column")
            .addInput(tensor("a", FLOAT, "N", 1))
            .addInput(tensor("b", FLOAT, "N", 1))
            .addOutput(tensor("label", INT64, "N", 1))
            .addOutput(tensor("probabilities", FLOAT, "N", 2))
            .addInitializer(scalarFloat("one", 1f))
            .addInitializer(scalarFloat("threshold", labelThreshold))
            .addNode(node("Add", "sum", "a", "b"))
            .addNode(node("Sigmoid", "p1", "sum"))
            .addNode(node("Sub", "p0", "one", "p1"))
            .addNode(
                node("Concat", "probabilities", "p0", "p1").toBuilder()
                    .addAttribute(intAttribute("axis", 1)))
            .addNode(node("Greater", "above", "p1", "threshold"))
            .addNode(
                node("Cast", "label", "above").toBuilder().addAttribute(intAttribute("to", INT64)))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("assay-tests")
        .addOpsetImport(opset("", 13))
        .setGraph(graph)
        .build();
  }

  /**
   * A logistic regression on one input {@code x} float {@code [N, k]}: {@code logit = x . w + b};
   * outputs {@code label} int64 {@code [N, 1]} = {@code logit > 0} and, unless {@code labelOnly},
   * {@code probabilities} float {@code [N, 2]} = {@code [1 - sigmoid(logit), sigmoid(logit)]}. Its
   * decision boundary is the hyperplane {@code x . w + b = 0}, so the smallest perturbation that
   * flips a row is known in closed form.
   */
  public static ModelProto linearClassifier(float[] w, float b, boolean labelOnly) {
    TensorProto weights =
        TensorProto.newBuilder()
            .setName("w")
            .setDataType(FLOAT)
            .addDims(w.length)
            .addDims(1)
            .setRawData(ByteString.copyFrom(floats(w)))
            .build();
    GraphProto.Builder graph =
        GraphProto.newBuilder()
            .setName("linear")
            .addInput(tensor("x", FLOAT, "N", w.length))
            .addOutput(tensor("label", INT64, "N", 1))
            .addInitializer(weights)
            .addInitializer(scalarFloat("b", b))
            .addInitializer(scalarFloat("zero", 0f))
            .addNode(node("MatMul", "xw", "x", "w"))
            .addNode(node("Add", "logit", "xw", "b"))
            .addNode(node("Greater", "above", "logit", "zero"))
            .addNode(
                node("Cast", "label", "above").toBuilder().addAttribute(intAttribute("to", INT64)));
    if (!labelOnly) {
      graph
          .addOutput(tensor("probabilities", FLOAT, "N", 2))
          .addInitializer(scalarFloat("one", 1f))
          .addNode(node("Sigmoid", "p1", "logit"))
          .addNode(node("Sub", "p0", "one", "p1"))
          .addNode(
              node("Concat", "probabilities", "p0", "p1").toBuilder()
                  .addAttribute(intAttribute("axis", 1)));
    }
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

  /**
   * A sample model with its batch dimension fixed to {@code batch} on the input and the output
   * (e.g. {@code [1, 13]} instead of {@code [batch, 13]}).
   */
  public static ModelProto withFixedBatch(Path sample, long batch) throws IOException {
    ModelProto model = ModelProto.parseFrom(Files.readAllBytes(sample));
    ModelProto.Builder b = model.toBuilder();
    GraphProto.Builder g = b.getGraphBuilder();
    for (ValueInfoProto.Builder v : g.getInputBuilderList()) {
      v.getTypeBuilder()
          .getTensorTypeBuilder()
          .getShapeBuilder()
          .getDimBuilder(0)
          .clear()
          .setDimValue(batch);
    }
    for (ValueInfoProto.Builder v : g.getOutputBuilderList()) {
      v.getTypeBuilder()
          .getTensorTypeBuilder()
          .getShapeBuilder()
          .getDimBuilder(0)
          .clear()
          .setDimValue(batch);
    }
    return b.build();
  }

  public static Path write(Path file, ModelProto model) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, model.toByteArray());
    return file;
  }
}
