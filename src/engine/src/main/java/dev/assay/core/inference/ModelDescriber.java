package dev.assay.core.inference;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.assay.core.model.ElementTypes;
import dev.assay.core.model.ExternalDataGuard;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelInspection.OpCount;
import dev.assay.core.model.ModelInspection.Opset;
import dev.assay.core.model.ModelInspection.ValueSignature;
import dev.assay.core.model.OnnxTensors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link OnnxInspector} reports of a model it accepted: opsets, metadata, the graph's inputs
 * (initializers left out) and outputs with their types and shapes, the operator census (subgraphs
 * included), parameter count and weight bytes.
 */
final class ModelDescriber {
  private ModelDescriber() {}

  static ModelInspection describe(
      ModelProto model, List<ExternalDataGuard.CheckedReference> external) {
    GraphProto graph = model.getGraph();
    List<Opset> opsets = new ArrayList<>();
    for (OperatorSetIdProto opset : model.getOpsetImportList()) {
      opsets.add(new Opset(OnnxInspector.domainName(opset.getDomain()), opset.getVersion()));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      metadata.put(entry.getKey(), entry.getValue());
    }
    Set<String> initializerNames = new HashSet<>();
    graph.getInitializerList().forEach(t -> initializerNames.add(t.getName()));
    graph.getSparseInitializerList().forEach(t -> initializerNames.add(t.getValues().getName()));
    List<ValueSignature> inputs = new ArrayList<>();
    for (ValueInfoProto input : graph.getInputList()) {
      if (!initializerNames.contains(input.getName())) {
        inputs.add(signature(input));
      }
    }
    List<ValueSignature> outputs =
        graph.getOutputList().stream().map(ModelDescriber::signature).toList();

    Map<List<String>, Long> census = new LinkedHashMap<>();
    long nodes = countOps(graph, census);
    List<OpCount> ops =
        census.entrySet().stream()
            .map(e -> new OpCount(e.getKey().get(0), e.getKey().get(1), e.getValue()))
            .sorted(
                Comparator.comparingLong(OpCount::count)
                    .reversed()
                    .thenComparing(OpCount::domain)
                    .thenComparing(OpCount::opType))
            .toList();

    long parameters = 0;
    long bytes = 0;
    for (TensorProto tensor : graph.getInitializerList()) {
      parameters += OnnxTensors.elementCount(tensor);
      bytes += Math.max(0, OnnxTensors.declaredBytes(tensor));
    }
    for (SparseTensorProto sparse : graph.getSparseInitializerList()) {
      parameters += OnnxTensors.elementCount(sparse.getValues());
      bytes +=
          Math.max(0, OnnxTensors.declaredBytes(sparse.getValues()))
              + Math.max(0, OnnxTensors.declaredBytes(sparse.getIndices()));
    }
    return new ModelInspection(
        model.getIrVersion(),
        model.getProducerName(),
        model.getProducerVersion(),
        model.getDomain(),
        model.getModelVersion(),
        model.getDocString(),
        graph.getName(),
        List.copyOf(opsets),
        metadata,
        List.copyOf(inputs),
        outputs,
        ops,
        nodes,
        parameters,
        bytes,
        external.stream().map(ExternalDataGuard.CheckedReference::relativeLocation).toList());
  }

  private static long countOps(GraphProto graph, Map<List<String>, Long> census) {
    long nodes = 0;
    for (NodeProto node : graph.getNodeList()) {
      nodes++;
      census.merge(
          List.of(OnnxInspector.domainName(node.getDomain()), node.getOpType()), 1L, Long::sum);
      for (AttributeProto attribute : node.getAttributeList()) {
        if (attribute.hasG()) {
          nodes += countOps(attribute.getG(), census);
        }
        for (GraphProto sub : attribute.getGraphsList()) {
          nodes += countOps(sub, census);
        }
      }
    }
    return nodes;
  }

  static ValueSignature signature(ValueInfoProto value) {
    TypeProto type = value.getType();
    if (type.hasTensorType()) {
      TypeProto.Tensor tensor = type.getTensorType();
      String element = ElementTypes.name(tensor.getElemType());
      return new ValueSignature(
          value.getName(),
          "tensor<" + element + ">",
          element,
          tensor.hasShape() ? shape(tensor.getShape()) : null,
          value.getDocString());
    }
    return new ValueSignature(value.getName(), typeName(type), null, null, value.getDocString());
  }

  private static List<Object> shape(TensorShapeProto shape) {
    List<Object> dims = new ArrayList<>();
    for (TensorShapeProto.Dimension dim : shape.getDimList()) {
      if (dim.hasDimValue()) {
        dims.add(dim.getDimValue());
      } else if (dim.hasDimParam() && !dim.getDimParam().isEmpty()) {
        dims.add(dim.getDimParam());
      } else {
        dims.add("?");
      }
    }
    return dims;
  }

  /** Readable nested type names: tensors inside containers are written as their element type. */
  static String typeName(TypeProto type) {
    if (type.hasTensorType()) {
      return ElementTypes.name(type.getTensorType().getElemType());
    }
    if (type.hasSequenceType()) {
      return "sequence<" + typeName(type.getSequenceType().getElemType()) + ">";
    }
    if (type.hasMapType()) {
      return "map<"
          + ElementTypes.name(type.getMapType().getKeyType())
          + ","
          + typeName(type.getMapType().getValueType())
          + ">";
    }
    if (type.hasOptionalType()) {
      return "optional<" + typeName(type.getOptionalType().getElemType()) + ">";
    }
    if (type.hasSparseTensorType()) {
      return "sparse_tensor<" + ElementTypes.name(type.getSparseTensorType().getElemType()) + ">";
    }
    if (type.hasOpaqueType()) {
      return "opaque<"
          + type.getOpaqueType().getDomain()
          + "."
          + type.getOpaqueType().getName()
          + ">";
    }
    return "unknown";
  }
}
