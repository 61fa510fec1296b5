package dev.assay.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.assay.core.model.ModelGraph;
import dev.assay.core.model.ModelGraph.Kind;
import dev.assay.core.model.ModelGraph.Vertex;
import dev.assay.core.model.ModelRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph drawn for a model. The expected figures come from the onnx Python package ({@code
 * onnx.load}: graph inputs that are not initializers, nodes in file order, one edge per consumed
 * value produced inside the graph, graph outputs).
 */
class OnnxGraphReaderTest {
  private static final Path REPO = Path.of(System.getProperty("assay.repo.root", "."));

  @Test
  void sampleModelGraphMatchesOnnxPython() {
    ModelGraph graph = OnnxGraphReader.read(REPO.resolve("models/breast-cancer-v1.onnx"));
    // onnx: inputs ['input'], nodes Sub Mul Gemm Softmax Identity, outputs ['output'], 6 edges
    assertThat(graph.vertices().stream().map(Vertex::kind).toList())
        .containsExactly(
            Kind.INPUT, Kind.NODE, Kind.NODE, Kind.NODE, Kind.NODE, Kind.NODE, Kind.OUTPUT);
    assertThat(graph.vertices().stream().filter(v -> v.kind() == Kind.NODE).map(Vertex::title))
        .containsExactly("Sub", "Mul", "Gemm", "Softmax", "Identity");
    assertThat(graph.vertices().getFirst().title()).isEqualTo("input");
    assertThat(graph.vertices().getLast().title()).isEqualTo("output");
    assertThat(graph.edges()).hasSize(6);
    assertThat(graph.nodeCount()).isEqualTo(5);
    // 4 initializers; the weights are float[30, 2]: 60 elements, 240 bytes
    assertThat(graph.initializers()).hasSize(4);
    ModelGraph.Initializer weights =
        graph.initializers().stream()
            .filter(i -> i.name().equals("linear_sgd_weights_0"))
            .findFirst()
            .orElseThrow();
    assertThat(weights.dims()).containsExactly(30L, 2L);
    assertThat(weights.elements()).isEqualTo(60);
    assertThat(weights.bytes()).isEqualTo(240);
    Vertex gemm = graph.vertices().get(3);
    assertThat(gemm.details())
        .anyMatch(
            line -> line.startsWith("initializer: linear_sgd_weights_0 float[30, 2] (240 B)"));
    assertThat(graph.vertices().getFirst().subtitle()).contains("float").contains("30");
  }

  @Test
  void subgraphsOfIfAreKeptAndOuterValuesDoNotMakeEdges() {
    GraphProto branch =
        GraphProto.newBuilder()
            .setName("then")
            .addNode(NodeProto.newBuilder().setOpType("Neg").addInput("x").addOutput("y"))
            .addNode(NodeProto.newBuilder().setOpType("Abs").addInput("y").addOutput("z"))
            .addOutput(ValueInfoProto.newBuilder().setName("z"))
            .build();
    GraphProto main =
        GraphProto.newBuilder()
            .addInput(ValueInfoProto.newBuilder().setName("c"))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("If")
                    .setName("choose")
                    .addInput("c")
                    .addOutput("r")
                    .addAttribute(
                        AttributeProto.newBuilder()
                            .setName("then_branch")
                            .setType(AttributeProto.AttributeType.GRAPH)
                            .setG(branch)))
            .addOutput(ValueInfoProto.newBuilder().setName("r"))
            .build();
    ModelGraph graph = OnnxGraphReader.of(main);
    assertThat(graph.edges()).hasSize(2);
    Vertex choose = graph.vertices().get(1);
    assertThat(choose.subtitle()).isEqualTo("choose");
    assertThat(choose.subgraphs()).hasSize(1);
    ModelGraph then = choose.subgraphs().getFirst().graph();
    // "x" comes from the outer scope: no vertex; y feeds Abs; z is the branch output
    assertThat(then.vertices()).hasSize(3);
    assertThat(then.edges()).hasSize(2);
    assertThat(choose.details()).contains("attribute then_branch = graph (2 nodes)");
  }

  @Test
  void notAModelIsRefusedWithTheReadersReason(@TempDir Path temp) throws Exception {
    Path file = Files.write(temp.resolve("x.onnx"), new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
    assertThatThrownBy(() -> OnnxGraphReader.read(file))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageContaining("x.onnx");
  }
}
