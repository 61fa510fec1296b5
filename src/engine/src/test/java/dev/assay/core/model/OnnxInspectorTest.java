package dev.assay.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.model.ModelInspection.OpCount;
import dev.assay.core.model.ModelInspection.Opset;
import dev.assay.core.model.ModelInspection.ValueSignature;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inspection of the sample models (golden values, cross-checked against the protobuf read here and
 * against what ONNX Runtime reports) and of hand-built models with symbolic dims, non-tensor
 * outputs and subgraphs.
 */
class OnnxInspectorTest {
  private static OnnxRuntime runtime;
  private static OnnxInspector inspector;

  @TempDir Path dir;

  @BeforeAll
  static void startRuntime() {
    runtime = new OnnxRuntime();
    inspector = new OnnxInspector(runtime);
  }

  private static ModelProto parse(Path file) throws Exception {
    return ModelProto.parseFrom(Files.readAllBytes(file));
  }

  /** Op type -> count over the main graph, counted here from the protobuf. */
  private static Map<String, Long> census(GraphProto graph) {
    Map<String, Long> census = new TreeMap<>();
    graph.getNodeList().forEach(n -> census.merge(n.getOpType(), 1L, Long::sum));
    return census;
  }

  private static Map<String, Long> census(ModelInspection inspection) {
    Map<String, Long> census = new TreeMap<>();
    inspection.ops().forEach(op -> census.merge(op.opType(), op.count(), Long::sum));
    return census;
  }

  @Test
  void hmdaV2SignatureHeaderAndCensusMatchTheGoldenValues() throws Exception {
    Path file = TestModels.sample("hmda-deny-v2.onnx");

    ModelInspection inspection = inspector.inspect(file).inspection();

    assertThat(inspection.irVersion()).isEqualTo(6);
    assertThat(inspection.opsets()).containsExactly(new Opset("ai.onnx", 13));
    assertThat(inspection.producerName()).isEqualTo("assay-samples");
    assertThat(inspection.domain()).isEqualTo("dev.assay.samples");
    assertThat(inspection.modelVersion()).isEqualTo(2);
    assertThat(inspection.inputs())
        .containsExactly(
            new ValueSignature("input", "tensor<float>", "float", List.of("batch", 13L), ""));
    assertThat(inspection.outputs())
        .containsExactly(
            new ValueSignature("output", "tensor<float>", "float", List.of("batch", 2L), ""));
    assertThat(inspection.inputs().getFirst().shapeText()).isEqualTo("[batch, 13]");
    assertThat(census(inspection))
        .isEqualTo(Map.of("Gemm", 1L, "Identity", 1L, "Mul", 1L, "Softmax", 1L, "Sub", 1L));
    assertThat(inspection.ops()).allSatisfy(op -> assertThat(op.domain()).isEqualTo("ai.onnx"));
    assertThat(inspection.nodeCount()).isEqualTo(5);
    // weights [13, 2] + bias [2] + feature means [13] + feature scales [13], all float32
    assertThat(inspection.parameterCount()).isEqualTo(13 * 2 + 2 + 13 + 13);
    assertThat(inspection.initializerBytes()).isEqualTo(4L * (13 * 2 + 2 + 13 + 13));
    assertThat(inspection.metadata())
        .containsKeys(
            "assay.features",
            "assay.target",
            "assay.class_labels",
            "assay.positive_label",
            "assay.sensitive",
            "assay.training_data",
            "assay.trainer")
        .containsEntry("assay.target", "deny")
        .containsEntry("assay.class_labels", "[\"0\",\"1\"]")
        .containsEntry("assay.sensitive", "[\"afam\"]");
    assertThat(inspection.externalData()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "hmda-deny-v1.onnx, 1, 3",
    "hmda-deny-v2.onnx, 2, 13",
    "hmda-deny-v3.onnx, 3, 12",
    "breast-cancer-v1.onnx, 1, 30"
  })
  void sampleInspectionAgreesWithTheProtobufAndWithOnnxRuntime(
      String fileName, long modelVersion, int features) throws Exception {
    Path file = TestModels.sample(fileName);
    ModelProto proto = parse(file);

    ModelInspection inspection = inspector.inspect(file).inspection();
    OnnxRuntime.LoadReport ort = runtime.load(file);

    assertThat(inspection.irVersion()).isEqualTo(proto.getIrVersion());
    assertThat(inspection.modelVersion()).isEqualTo(modelVersion);
    assertThat(inspection.docString()).isEqualTo(proto.getDocString()).isNotBlank();
    assertThat(census(inspection)).isEqualTo(census(proto.getGraph()));
    long parameters = 0;
    for (TensorProto t : proto.getGraph().getInitializerList()) {
      parameters += t.getDimsList().stream().reduce(1L, Math::multiplyExact);
    }
    assertThat(inspection.parameterCount()).isEqualTo(parameters).isEqualTo(4L * features + 2);
    Map<String, String> metadata = new LinkedHashMap<>();
    for (StringStringEntryProto e : proto.getMetadataPropsList()) {
      metadata.put(e.getKey(), e.getValue());
    }
    assertThat(inspection.metadata()).isEqualTo(metadata).isEqualTo(ort.customMetadata());
    assertThat(inspection.inputs()).extracting(ValueSignature::name).isEqualTo(ort.inputNames());
    assertThat(inspection.outputs()).extracting(ValueSignature::name).isEqualTo(ort.outputNames());
    String[] declaredFeatures =
        new ObjectMapper().readValue(inspection.metadata().get("assay.features"), String[].class);
    assertThat(declaredFeatures).hasSize(features);
    assertThat(declaredFeatures).isSorted();
    assertThat(inspection.inputs().getFirst().shape()).containsExactly("batch", (long) features);
    assertThat(inspection.outputs().getFirst().shape()).containsExactly("batch", 2L);
    assertThat(Arrays.asList(declaredFeatures).contains("afam"))
        .as("only v2 of the HMDA model uses the sensitive column (model card)")
        .isEqualTo(fileName.equals("hmda-deny-v2.onnx"));
  }

  @Test
  void zipMapOutputIsDescribedAsASequenceOfMaps() throws Exception {
    Path file = TestModels.write(dir.resolve("zipmap.onnx"), TestModels.zipMap());

    ModelInspection inspection = inspector.inspect(file).inspection();

    assertThat(inspection.inputs())
        .containsExactly(new ValueSignature("x", "tensor<float>", "float", List.of("N", 2L), ""));
    ValueSignature output = inspection.outputs().getFirst();
    assertThat(output.name()).isEqualTo("probabilities");
    assertThat(output.type()).isEqualTo("sequence<map<int64,float>>");
    assertThat(output.elementType()).isNull();
    assertThat(output.shape()).isNull();
    assertThat(output.shapeText()).isEmpty();
    assertThat(inspection.opsets())
        .containsExactly(new Opset("ai.onnx", 13), new Opset("ai.onnx.ml", 1));
    assertThat(inspection.ops()).containsExactly(new OpCount("ai.onnx.ml", "ZipMap", 1));
    assertThat(runtime.load(file).outputNames()).containsExactly("probabilities");
  }

  @Test
  void optionalInputsAndOutputsAreDescribedAndAccepted() throws Exception {
    TypeProto optionalFloat =
        TypeProto.newBuilder()
            .setOptionalType(
                TypeProto.Optional.newBuilder()
                    .setElemType(TestModels.tensor("t", TestModels.FLOAT, "N").getType()))
            .build();
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("optional")
            .addInput(ValueInfoProto.newBuilder().setName("x").setType(optionalFloat))
            .addOutput(ValueInfoProto.newBuilder().setName("y").setType(optionalFloat))
            .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
            .build();
    ModelProto model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .addOpsetImport(TestModels.opset("", 16))
            .setGraph(graph)
            .build();
    Path file = TestModels.write(dir.resolve("optional.onnx"), model);

    ModelInspection inspection = inspector.inspect(file).inspection();

    assertThat(inspection.inputs())
        .containsExactly(new ValueSignature("x", "optional<float>", null, null, ""));
    assertThat(inspection.outputs())
        .extracting(ValueSignature::type)
        .containsExactly("optional<float>");
  }

  @Test
  void fixedSymbolicAndUnknownDimsAreKeptApart() throws Exception {
    ModelProto model = TestModels.identity(8, 13);
    GraphProto graph =
        model.getGraph().toBuilder()
            .setInput(0, TestModels.tensor("x", TestModels.FLOAT, 1, "seq", null))
            .setOutput(0, TestModels.tensor("y", TestModels.FLOAT, 1, "seq", null))
            .build();
    Path file =
        TestModels.write(dir.resolve("dims.onnx"), model.toBuilder().setGraph(graph).build());

    ValueSignature input = inspector.inspect(file).inspection().inputs().getFirst();

    assertThat(input.shape()).containsExactly(1L, "seq", "?");
    assertThat(input.shapeText()).isEqualTo("[1, seq, ?]");
  }

  @Test
  void initializersListedAsGraphInputsAreNotReportedAsInputs() throws Exception {
    ModelProto model = TestModels.addWithInlineWeights(1, 2);
    GraphProto graph =
        model.getGraph().toBuilder().addInput(TestModels.tensor("w", TestModels.FLOAT, 2)).build();
    Path file =
        TestModels.write(dir.resolve("add.onnx"), model.toBuilder().setGraph(graph).build());

    ModelInspection inspection = inspector.inspect(file).inspection();

    assertThat(inspection.inputs()).extracting(ValueSignature::name).containsExactly("x");
    assertThat(inspection.parameterCount()).isEqualTo(2);
    assertThat(inspection.initializerBytes()).isEqualTo(8);
  }

  @Test
  void operatorsInsideSubgraphsAreCounted() throws Exception {
    GraphProto thenBranch =
        GraphProto.newBuilder()
            .setName("then")
            .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("t"))
            .addOutput(TestModels.tensor("t", TestModels.FLOAT, "N", 2))
            .build();
    GraphProto elseBranch =
        GraphProto.newBuilder()
            .setName("else")
            .addNode(NodeProto.newBuilder().setOpType("Neg").addInput("x").addOutput("e"))
            .addOutput(TestModels.tensor("e", TestModels.FLOAT, "N", 2))
            .build();
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("branching")
            .addInput(TestModels.tensor("cond", TensorProto.DataType.BOOL_VALUE))
            .addInput(TestModels.tensor("x", TestModels.FLOAT, "N", 2))
            .addOutput(TestModels.tensor("y", TestModels.FLOAT, "N", 2))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("If")
                    .addInput("cond")
                    .addOutput("y")
                    .addAttribute(
                        AttributeProto.newBuilder()
                            .setName("then_branch")
                            .setType(AttributeProto.AttributeType.GRAPH)
                            .setG(thenBranch))
                    .addAttribute(
                        AttributeProto.newBuilder()
                            .setName("else_branch")
                            .setType(AttributeProto.AttributeType.GRAPH)
                            .setG(elseBranch)))
            .build();
    ModelProto model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .addOpsetImport(TestModels.opset("", 13))
            .setGraph(graph)
            .build();
    Path file = TestModels.write(dir.resolve("if.onnx"), model);

    ModelInspection inspection = inspector.inspect(file).inspection();

    assertThat(census(inspection)).isEqualTo(Map.of("If", 1L, "Identity", 1L, "Neg", 1L));
    assertThat(inspection.nodeCount()).isEqualTo(3);
    assertThat(inspection.inputs()).extracting(ValueSignature::name).containsExactly("cond", "x");
    assertThat(inspection.inputs().getFirst().shape()).isEmpty();
  }
}
