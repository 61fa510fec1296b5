package dev.assay.core.model;

import java.util.List;
import java.util.Map;

/**
 * Everything Assay knows about an ONNX file's structure: header fields, signature, operator census
 * and weights.
 *
 * @param irVersion ONNX IR version of the file
 * @param opsets operator sets imported, in file order
 * @param metadata custom metadata properties, in file order
 * @param inputs graph inputs that are not initializers
 * @param outputs graph outputs
 * @param ops operator census over the main graph and all subgraphs, most frequent first
 * @param nodeCount number of nodes over the main graph and all subgraphs
 * @param parameterCount number of elements in all initializers
 * @param initializerBytes bytes of initializer data (inline or external)
 * @param externalData external-data files the model reads, relative to its folder
 */
public record ModelInspection(
    long irVersion,
    String producerName,
    String producerVersion,
    String domain,
    long modelVersion,
    String docString,
    String graphName,
    List<Opset> opsets,
    Map<String, String> metadata,
    List<ValueSignature> inputs,
    List<ValueSignature> outputs,
    List<OpCount> ops,
    long nodeCount,
    long parameterCount,
    long initializerBytes,
    List<String> externalData) {

  /** An imported operator set: {@code domain} is {@code ai.onnx} for the default domain. */
  public record Opset(String domain, long version) {}

  /** How often an operator occurs; {@code domain} is {@code ai.onnx} for the default domain. */
  public record OpCount(String domain, String opType, long count) {}

  /**
   * A graph input or output.
   *
   * @param type readable type: {@code tensor<float>}, {@code sequence<map<int64,float>>}
   * @param elementType tensor element type ({@code float}, {@code int64}, {@code string}...), null
   *     for non-tensors
   * @param shape dimensions for tensors: a {@link Long} for a fixed size, a {@link String} for a
   *     symbolic or unknown one; null when the rank is unknown or the value is not a tensor
   */
  public record ValueSignature(
      String name, String type, String elementType, List<Object> shape, String docString) {
    /** Shape as written in ONNX tooling, e.g. {@code [N, 13]}. */
    public String shapeText() {
      if (shape == null) {
        return elementType == null ? "" : "[?]";
      }
      return shape.toString();
    }
  }
}
