package dev.assay.core.model;

import dev.assay.core.model.ModelInspection.ValueSignature;
import java.util.List;

/**
 * An ONNX graph as a drawing needs it: the vertices (graph inputs, operator nodes, graph outputs)
 * and the edges between them (one per value a vertex produces and another consumes). Initializers
 * are not vertices: they are listed with the node that reads them, as Netron shows them. Built by
 * {@code dev.assay.core.inference.OnnxGraphReader} from the same protobuf the inspection reads.
 *
 * @param name the graph's name
 * @param vertices inputs first, then nodes in file order, then outputs
 * @param edges producer to consumer, by index into {@code vertices}
 * @param initializers every initializer of this graph
 */
public record ModelGraph(
    String name, List<Vertex> vertices, List<Edge> edges, List<Initializer> initializers) {

  /** What a vertex stands for. */
  public enum Kind {
    INPUT,
    NODE,
    OUTPUT
  }

  /**
   * One box of the drawing.
   *
   * @param index its position in {@link ModelGraph#vertices()}
   * @param title the operator type, or the input's/output's name
   * @param subtitle the node's name, or the input's/output's type and shape
   * @param domain the operator's domain ({@code ai.onnx} for the default), empty for inputs/outputs
   * @param details lines for the detail pane: inputs, outputs, initializers, attributes
   * @param subgraphs the bodies of If/Loop/Scan and other graph attributes, by attribute name
   */
  public record Vertex(
      int index,
      Kind kind,
      String title,
      String subtitle,
      String domain,
      List<String> details,
      List<Subgraph> subgraphs) {}

  /** A graph attribute of a node (If's branches, Loop's and Scan's bodies). */
  public record Subgraph(String attribute, ModelGraph graph) {}

  /** An edge carrying the value {@code value} (with its signature when the file declares one). */
  public record Edge(int from, int to, String value, ValueSignature signature) {}

  /**
   * A stored weight.
   *
   * @param elements the number of elements its shape declares
   * @param bytes the bytes those elements take (0 when variable-sized, e.g. strings)
   */
  public record Initializer(
      String name, String elementType, List<Long> dims, long elements, long bytes) {
    /** {@code float[64, 3]}, or {@code float[]} for a scalar. */
    public String text() {
      return elementType + dims;
    }
  }

  /** The number of operator nodes (not counting subgraphs). */
  public long nodeCount() {
    return vertices.stream().filter(v -> v.kind() == Kind.NODE).count();
  }
}
