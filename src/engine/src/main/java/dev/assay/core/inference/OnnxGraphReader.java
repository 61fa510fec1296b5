package dev.assay.core.inference;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.assay.core.model.ElementTypes;
import dev.assay.core.model.ModelGraph;
import dev.assay.core.model.ModelGraph.Edge;
import dev.assay.core.model.ModelGraph.Initializer;
import dev.assay.core.model.ModelGraph.Kind;
import dev.assay.core.model.ModelGraph.Subgraph;
import dev.assay.core.model.ModelGraph.Vertex;
import dev.assay.core.model.ModelInspection.ValueSignature;
import dev.assay.core.model.OnnxTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an ONNX file's graph into a {@link ModelGraph} for drawing. Reads the protobuf with {@link
 * OnnxInspector#readModel(Path)} (the same parser and refusals as the import) and never hands the
 * file to ONNX Runtime.
 */
public final class OnnxGraphReader {
  /** Attribute lists longer than this are shortened in the details. */
  private static final int LIST_LIMIT = 8;

  private OnnxGraphReader() {}

  /**
   * The main graph of the model in {@code file}.
   *
   * @throws dev.assay.core.model.ModelRejectedException when the file is not an ONNX model
   */
  public static ModelGraph read(Path file) {
    return of(OnnxInspector.readModel(file));
  }

  /** The main graph of {@code model}. */
  public static ModelGraph of(ModelProto model) {
    return of(model.getGraph());
  }

  /** {@code graph} and, recursively, its subgraphs. */
  public static ModelGraph of(GraphProto graph) {
    Map<String, Initializer> initializers = new LinkedHashMap<>();
    for (TensorProto tensor : graph.getInitializerList()) {
      initializers.put(tensor.getName(), initializer(tensor));
    }
    for (var sparse : graph.getSparseInitializerList()) {
      initializers.put(sparse.getValues().getName(), initializer(sparse.getValues()));
    }
    Map<String, ValueSignature> signatures = new HashMap<>();
    for (ValueInfoProto value : graph.getValueInfoList()) {
      signatures.put(value.getName(), OnnxInspector.signature(value));
    }
    List<Vertex> vertices = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    Map<String, Integer> producers = new HashMap<>();

    for (ValueInfoProto input : graph.getInputList()) {
      if (initializers.containsKey(input.getName())) {
        continue;
      }
      ValueSignature signature = OnnxInspector.signature(input);
      signatures.put(input.getName(), signature);
      int index = vertices.size();
      vertices.add(
          new Vertex(
              index,
              Kind.INPUT,
              input.getName(),
              signatureText(signature),
              "",
              List.of("graph input " + input.getName() + ": " + signatureText(signature)),
              List.of()));
      producers.put(input.getName(), index);
    }
    for (ValueInfoProto output : graph.getOutputList()) {
      signatures.put(output.getName(), OnnxInspector.signature(output));
    }
    for (NodeProto node : graph.getNodeList()) {
      int index = vertices.size();
      List<String> details = new ArrayList<>();
      String domain = OnnxInspector.domainName(node.getDomain());
      details.add("op: " + node.getOpType() + " (" + domain + ")");
      if (!node.getName().isEmpty()) {
        details.add("name: " + node.getName());
      }
      for (String in : node.getInputList()) {
        if (in.isEmpty()) {
          details.add("input: (omitted)");
        } else if (initializers.containsKey(in)) {
          Initializer init = initializers.get(in);
          details.add(
              "initializer: " + in + " " + init.text() + " (" + bytesText(init.bytes()) + ")");
        } else {
          details.add("input: " + in + valueText(signatures.get(in)));
          Integer from = producers.get(in);
          if (from != null) {
            edges.add(new Edge(from, index, in, signatures.get(in)));
          }
        }
      }
      for (String out : node.getOutputList()) {
        details.add("output: " + out + valueText(signatures.get(out)));
        if (!out.isEmpty()) {
          producers.put(out, index);
        }
      }
      List<Subgraph> subgraphs = new ArrayList<>();
      for (AttributeProto attribute : node.getAttributeList()) {
        details.add("attribute " + attribute.getName() + " = " + attributeText(attribute));
        if (attribute.hasG()) {
          subgraphs.add(new Subgraph(attribute.getName(), of(attribute.getG())));
        }
        for (int i = 0; i < attribute.getGraphsCount(); i++) {
          subgraphs.add(
              new Subgraph(attribute.getName() + "[" + i + "]", of(attribute.getGraphs(i))));
        }
      }
      if (!node.getDocString().isEmpty()) {
        details.add("doc: " + node.getDocString());
      }
      vertices.add(
          new Vertex(
              index,
              Kind.NODE,
              node.getOpType(),
              node.getName(),
              domain,
              List.copyOf(details),
              List.copyOf(subgraphs)));
    }
    for (ValueInfoProto output : graph.getOutputList()) {
      int index = vertices.size();
      ValueSignature signature = signatures.get(output.getName());
      vertices.add(
          new Vertex(
              index,
              Kind.OUTPUT,
              output.getName(),
              signatureText(signature),
              "",
              List.of("graph output " + output.getName() + ": " + signatureText(signature)),
              List.of()));
      Integer from = producers.get(output.getName());
      if (from != null) {
        edges.add(new Edge(from, index, output.getName(), signature));
      }
    }
    return new ModelGraph(
        graph.getName(),
        List.copyOf(vertices),
        List.copyOf(edges),
        List.copyOf(initializers.values()));
  }

  private static Initializer initializer(TensorProto tensor) {
    return new Initializer(
        tensor.getName(),
        ElementTypes.name(tensor.getDataType()),
        List.copyOf(tensor.getDimsList()),
        OnnxTensors.elementCount(tensor),
        Math.max(0, OnnxTensors.declaredBytes(tensor)));
  }

  /** {@code tensor<float> [?, 4]}, or the type alone when the shape is unknown. */
  static String signatureText(ValueSignature signature) {
    if (signature == null) {
      return "";
    }
    String shape = signature.shape() == null ? "" : " " + signature.shapeText();
    return signature.type() + shape;
  }

  private static String valueText(ValueSignature signature) {
    String text = signatureText(signature);
    return text.isEmpty() ? "" : " : " + text;
  }

  static String bytesText(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  private static String attributeText(AttributeProto attribute) {
    return switch (attribute.getType()) {
      case INT -> Long.toString(attribute.getI());
      case FLOAT -> Float.toString(attribute.getF());
      case STRING -> '"' + shorten(attribute.getS().toStringUtf8()) + '"';
      case INTS -> listText(attribute.getIntsList());
      case FLOATS -> listText(attribute.getFloatsList());
      case STRINGS ->
          listText(attribute.getStringsList().stream().map(s -> s.toStringUtf8()).toList());
      case TENSOR ->
          "tensor "
              + ElementTypes.name(attribute.getT().getDataType())
              + attribute.getT().getDimsList();
      case GRAPH -> "graph (" + attribute.getG().getNodeCount() + " nodes)";
      case GRAPHS -> attribute.getGraphsCount() + " graphs";
      default -> attribute.getType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String listText(List<?> values) {
    if (values.size() <= LIST_LIMIT) {
      return values.toString();
    }
    return values.subList(0, LIST_LIMIT).toString().replace("]", ", … (" + values.size() + ")]");
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
