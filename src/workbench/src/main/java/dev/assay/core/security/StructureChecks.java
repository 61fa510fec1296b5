package dev.assay.core.security;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.model.ExternalDataGuard;
import dev.assay.core.model.ModelRejectedException;
import dev.assay.core.model.OnnxTensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks on a parsed ONNX protobuf, before ONNX Runtime sees the file: header, operator
 * domains, external data, declared tensor sizes against stored bytes, input shapes, metadata.
 * Nothing is allocated from declared sizes and nothing outside the model's folder is opened.
 */
final class StructureChecks {
  /** Domains whose operators the bundled ONNX Runtime implements natively. */
  static final Set<String> KNOWN_DOMAINS = Set.of("ai.onnx", "ai.onnx.ml", "com.microsoft");

  /** Fixed input shapes above this many elements are implausible (2^31). */
  static final long MAX_INPUT_ELEMENTS = 1L << 31;

  private final Path file;
  private final long fileSize;
  private final ModelProto model;
  private final FindingList findings;
  private final List<ExternalDataGuard.CheckedReference> external = new ArrayList<>();

  StructureChecks(Path file, long fileSize, ModelProto model, FindingList findings) {
    this.file = file;
    this.fileSize = fileSize;
    this.model = model;
    this.findings = findings;
  }

  /** Runs every check; returns the external-data files that passed (for the signature). */
  List<ExternalDataGuard.CheckedReference> run() {
    List<ModelRejectedException> header = OnnxInspector.headerProblems(file, model);
    header.forEach(problem -> findings.add(ProblemFindings.check(problem), problem.reason()));
    if (header.stream().anyMatch(p -> ProblemFindings.check(p) == SecurityCheck.NO_MODEL)) {
      metadata();
      return List.of();
    }
    domains();
    externalData();
    tensorSizes();
    inputShapes();
    metadata();
    return List.copyOf(external);
  }

  private void domains() {
    Map<String, Map<String, Integer>> opsByDomain = new LinkedHashMap<>();
    collectOps(model.getGraph(), opsByDomain);
    Set<String> functionDomains = new HashSet<>();
    for (FunctionProto function : model.getFunctionsList()) {
      functionDomains.add(OnnxInspector.domainName(function.getDomain()));
      for (NodeProto node : function.getNodeList()) {
        addOp(node, opsByDomain);
      }
    }
    Map<String, Long> imported = new LinkedHashMap<>();
    for (OperatorSetIdProto opset : model.getOpsetImportList()) {
      imported.put(OnnxInspector.domainName(opset.getDomain()), opset.getVersion());
      opsByDomain.putIfAbsent(OnnxInspector.domainName(opset.getDomain()), new LinkedHashMap<>());
    }
    for (Map.Entry<String, Map<String, Integer>> entry : opsByDomain.entrySet()) {
      String domain = entry.getKey();
      if (KNOWN_DOMAINS.contains(domain)) {
        continue;
      }
      String ops = describeOps(entry.getValue());
      String opset =
          imported.containsKey(domain) ? " imported at version " + imported.get(domain) : "";
      if (functionDomains.contains(domain)) {
        findings.add(
            SecurityCheck.LOCAL_FUNCTION_DOMAIN,
            "domain '" + domain + "'" + opset + " is defined by the model's own functions" + ops);
      } else {
        findings.add(SecurityCheck.CUSTOM_OPERATOR_DOMAIN, "domain '" + domain + "'" + opset + ops);
      }
    }
  }

  private static String describeOps(Map<String, Integer> ops) {
    if (ops.isEmpty()) {
      return " (no node uses it)";
    }
    List<String> parts = new ArrayList<>();
    ops.forEach((op, count) -> parts.add(count == 1 ? op : op + " x" + count));
    return "; operators: "
        + String.join(", ", parts.subList(0, Math.min(10, parts.size())))
        + (parts.size() > 10 ? " and " + (parts.size() - 10) + " more" : "");
  }

  private static void collectOps(GraphProto graph, Map<String, Map<String, Integer>> ops) {
    for (NodeProto node : graph.getNodeList()) {
      addOp(node, ops);
    }
  }

  private static void addOp(NodeProto node, Map<String, Map<String, Integer>> ops) {
    ops.computeIfAbsent(OnnxInspector.domainName(node.getDomain()), d -> new LinkedHashMap<>())
        .merge(node.getOpType(), 1, Integer::sum);
    for (AttributeProto attribute : node.getAttributeList()) {
      if (attribute.hasG()) {
        collectOps(attribute.getG(), ops);
      }
      for (GraphProto sub : attribute.getGraphsList()) {
        collectOps(sub, ops);
      }
    }
  }

  private void externalData() {
    ExternalDataGuard guard = new ExternalDataGuard(file);
    Set<String> seen = new HashSet<>();
    for (OnnxInspector.ExternalReference reference : OnnxInspector.externalReferences(model)) {
      try {
        ExternalDataGuard.CheckedReference checked = reference.checkWith(guard);
        if (seen.add(checked.relativeLocation())) {
          external.add(checked);
        }
      } catch (ModelRejectedException e) {
        findings.add(ProblemFindings.check(e), e.reason());
      }
    }
  }

  private void tensorSizes() {
    for (TensorProto tensor : OnnxTensors.all(model)) {
      if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
        continue;
      }
      long elements = OnnxTensors.elementCount(tensor);
      String what = describe(tensor);
      if (elements < 0) {
        findings.add(SecurityCheck.TENSOR_DATA_MISMATCH, what + " has a negative dimension");
        continue;
      }
      long declared = OnnxTensors.declaredBytes(tensor);
      // every element takes at least one bit, even a string one (its length prefix)
      long minimum =
          declared >= 0 ? declared : elements == Long.MAX_VALUE ? elements : elements / 8;
      if (elements == Long.MAX_VALUE || minimum > fileSize) {
        findings.add(
            SecurityCheck.TENSOR_SIZE_IMPLAUSIBLE,
            what
                + " declares "
                + (elements == Long.MAX_VALUE
                    ? "more than 2^63"
                    : String.format(Locale.ROOT, "%,d", elements))
                + " elements"
                + (declared >= 0 && declared != Long.MAX_VALUE
                    ? String.format(Locale.ROOT, " (%,d bytes)", declared)
                    : "")
                + String.format(Locale.ROOT, "; the whole file holds %,d bytes", fileSize));
        continue;
      }
      long stored = OnnxTensors.storedElements(tensor);
      boolean rawMismatch =
          tensor.hasRawData() && declared >= 0 && tensor.getRawData().size() != declared;
      if (rawMismatch || stored >= 0 && stored != elements && !tensor.hasRawData()) {
        findings.add(
            SecurityCheck.TENSOR_DATA_MISMATCH,
            what
                + (tensor.hasRawData()
                    ? String.format(
                        Locale.ROOT,
                        " stores %,d bytes but its dimensions need %,d",
                        tensor.getRawData().size(),
                        declared)
                    : String.format(
                        Locale.ROOT,
                        " stores %,d elements but its dimensions need %,d",
                        stored,
                        elements)));
      }
    }
  }

  private static String describe(TensorProto tensor) {
    return "tensor '"
        + tensor.getName()
        + "' "
        + OnnxTensors.elementTypeName(tensor.getDataType())
        + tensor.getDimsList();
  }

  private void inputShapes() {
    for (ValueInfoProto input : model.getGraph().getInputList()) {
      if (!input.getType().hasTensorType() || !input.getType().getTensorType().hasShape()) {
        continue;
      }
      long elements = 1;
      List<String> dims = new ArrayList<>();
      for (TensorShapeProto.Dimension dim :
          input.getType().getTensorType().getShape().getDimList()) {
        if (dim.hasDimValue() && dim.getDimValue() > 0) {
          dims.add(Long.toString(dim.getDimValue()));
          elements =
              elements > MAX_INPUT_ELEMENTS / dim.getDimValue()
                  ? MAX_INPUT_ELEMENTS + 1
                  : elements * dim.getDimValue();
        } else {
          dims.add(dim.hasDimParam() ? dim.getDimParam() : "?");
        }
      }
      if (elements > MAX_INPUT_ELEMENTS) {
        findings.add(
            SecurityCheck.INPUT_SHAPE_IMPLAUSIBLE,
            "input '" + input.getName() + "' has fixed shape " + dims + ", over 2^31 elements");
      }
    }
  }

  private void metadata() {
    for (StringStringEntryProto entry : model.getMetadataPropsList()) {
      text("metadata '" + entry.getKey() + "'", entry.getKey(), entry.getValue());
    }
    text("the model's doc_string", "doc_string", model.getDocString());
    text("the graph's doc_string", "doc_string", model.getGraph().getDocString());
    text("producer_name", "producer_name", model.getProducerName());
  }

  private void text(String where, String key, String value) {
    for (SensitiveText.Hit hit : SensitiveText.scan(key, value)) {
      SecurityCheck check =
          switch (hit.kind()) {
            case SECRET -> SecurityCheck.SECRET_IN_METADATA;
            case URL -> SecurityCheck.URL_IN_METADATA;
            case ABSOLUTE_PATH -> SecurityCheck.ABSOLUTE_PATH_IN_METADATA;
          };
      findings.add(check, where + ": " + hit.what() + " (" + hit.hint() + ")");
    }
  }
}
