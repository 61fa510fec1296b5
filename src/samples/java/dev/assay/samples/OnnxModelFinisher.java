package dev.assay.samples;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;

/**
 * Turns the graph Tribuo exports into the committed sample file.
 *
 * <ul>
 *   <li>prepends {@code Sub(input, means)} and {@code Mul(_, 1/sd)} so the model takes raw CSV
 *       values;
 *   <li>drops Tribuo's provenance metadata (it carries timestamps, host and file paths, which would
 *       make every run produce different bytes) and writes the {@code assay.*} metadata instead;
 *   <li>sets producer, description and model version.
 * </ul>
 *
 * <p>Everything written is a pure function of the inputs, so the serialised bytes are reproducible.
 */
final class OnnxModelFinisher {

  static final String PRODUCER_NAME = "assay-samples";
  static final String PRODUCER_VERSION = "tribuo-4.3.2";

  private static final String MEANS = "assay_feature_means";
  private static final String SCALES = "assay_feature_scales";
  private static final String CENTRED = "assay_centred";
  private static final String STANDARDISED = "assay_standardised";

  private OnnxModelFinisher() {}

  /**
   * Returns the finished model.
   *
   * @param exported the model as Tribuo exported it (one float input {@code [batch, F]})
   * @param means per-input-column means, in the model's input order
   * @param scales per-input-column reciprocal standard deviations, in the model's input order
   * @param docString one-line description of the model
   * @param metadata the metadata entries to write, in the order to write them
   */
  static OnnxMl.ModelProto finish(
      OnnxMl.ModelProto exported,
      double[] means,
      double[] scales,
      String docString,
      Map<String, String> metadata) {
    OnnxMl.GraphProto graph = exported.getGraph();
    if (graph.getInputCount() != 1) {
      throw new IllegalStateException("expected one graph input, found " + graph.getInputCount());
    }
    String input = graph.getInput(0).getName();

    OnnxMl.GraphProto.Builder newGraph = graph.toBuilder().clearNode();
    newGraph.addNode(node("Sub", "assay_standardise_centre", List.of(input, MEANS), CENTRED));
    newGraph.addNode(
        node("Mul", "assay_standardise_scale", List.of(CENTRED, SCALES), STANDARDISED));
    for (OnnxMl.NodeProto original : graph.getNodeList()) {
      OnnxMl.NodeProto.Builder rewired = original.toBuilder();
      for (int i = 0; i < rewired.getInputCount(); i++) {
        if (rewired.getInput(i).equals(input)) {
          rewired.setInput(i, STANDARDISED);
        }
      }
      newGraph.addNode(rewired);
    }
    newGraph.addInitializer(floatVector(MEANS, means));
    newGraph.addInitializer(floatVector(SCALES, scales));

    OnnxMl.ModelProto.Builder model =
        exported.toBuilder()
            .setGraph(newGraph)
            .setProducerName(PRODUCER_NAME)
            .setProducerVersion(PRODUCER_VERSION)
            .setDocString(docString)
            .clearMetadataProps();
    metadata.forEach(
        (key, value) ->
            model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
    return model.build();
  }

  private static OnnxMl.NodeProto node(String op, String name, List<String> inputs, String output) {
    return OnnxMl.NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(inputs)
        .addOutput(output)
        .build();
  }

  private static OnnxMl.TensorProto floatVector(String name, double[] values) {
    OnnxMl.TensorProto.Builder tensor =
        OnnxMl.TensorProto.newBuilder()
            .setName(name)
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
            .addDims(values.length);
    for (double value : values) {
      tensor.addFloatData((float) value);
    }
    return tensor.build();
  }
}
