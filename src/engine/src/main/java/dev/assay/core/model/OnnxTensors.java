package dev.assay.core.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Sizes of the tensors stored in an ONNX protobuf, computed from their declared dims and element
 * type without allocating anything: what the dims claim, and what the file actually holds.
 */
public final class OnnxTensors {
  private OnnxTensors() {}

  /**
   * Every tensor stored in the graph: initializers, sparse initializers, constants in node
   * attributes, and those of subgraphs.
   */
  public static List<TensorProto> all(GraphProto graph) {
    List<TensorProto> tensors = new ArrayList<>(graph.getInitializerList());
    for (SparseTensorProto sparse : graph.getSparseInitializerList()) {
      tensors.add(sparse.getValues());
      tensors.add(sparse.getIndices());
    }
    for (NodeProto node : graph.getNodeList()) {
      addAttributeTensors(node, tensors);
    }
    return tensors;
  }

  /** {@link #all(GraphProto)} of the main graph plus the constants in model-local functions. */
  public static List<TensorProto> all(ModelProto model) {
    List<TensorProto> tensors = all(model.getGraph());
    for (FunctionProto function : model.getFunctionsList()) {
      for (NodeProto node : function.getNodeList()) {
        addAttributeTensors(node, tensors);
      }
    }
    return tensors;
  }

  private static void addAttributeTensors(NodeProto node, List<TensorProto> tensors) {
    for (AttributeProto attribute : node.getAttributeList()) {
      if (attribute.hasT()) {
        tensors.add(attribute.getT());
      }
      tensors.addAll(attribute.getTensorsList());
      if (attribute.hasSparseTensor()) {
        tensors.add(attribute.getSparseTensor().getValues());
        tensors.add(attribute.getSparseTensor().getIndices());
      }
      if (attribute.hasG()) {
        tensors.addAll(all(attribute.getG()));
      }
      for (GraphProto sub : attribute.getGraphsList()) {
        tensors.addAll(all(sub));
      }
    }
  }

  /**
   * Elements the dims declare: -1 when a dim is negative, {@link Long#MAX_VALUE} when the product
   * overflows.
   */
  public static long elementCount(TensorProto tensor) {
    long count = 1;
    for (long dim : tensor.getDimsList()) {
      if (dim < 0) {
        return -1;
      }
      try {
        count = Math.multiplyExact(count, dim);
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
    return count;
  }

  /**
   * Bytes a tensor's dims and element type require; -1 when not computable (strings, unknown
   * types), {@link Long#MAX_VALUE} when they overflow.
   */
  public static long declaredBytes(TensorProto tensor) {
    long elements = elementCount(tensor);
    int bits = ElementTypes.bits(tensor.getDataType());
    if (elements < 0 || bits <= 0) {
      return -1;
    }
    if (elements == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    try {
      return (Math.multiplyExact(elements, bits) + 7) / 8;
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Elements actually stored inline (in {@code raw_data} or a typed field), or -1 when that cannot
   * be told (packed sub-byte types in typed fields, unknown types). Raw data counts whole elements
   * that fit in it.
   */
  public static long storedElements(TensorProto tensor) {
    int type = tensor.getDataType();
    int bits = ElementTypes.bits(type);
    if (tensor.hasRawData()) {
      return bits <= 0 ? -1 : tensor.getRawData().size() * 8L / bits;
    }
    return switch (type) {
      case TensorProto.DataType.FLOAT_VALUE -> tensor.getFloatDataCount();
      case TensorProto.DataType.COMPLEX64_VALUE -> tensor.getFloatDataCount() / 2;
      case TensorProto.DataType.DOUBLE_VALUE -> tensor.getDoubleDataCount();
      case TensorProto.DataType.COMPLEX128_VALUE -> tensor.getDoubleDataCount() / 2;
      case TensorProto.DataType.INT64_VALUE -> tensor.getInt64DataCount();
      case TensorProto.DataType.UINT32_VALUE, TensorProto.DataType.UINT64_VALUE ->
          tensor.getUint64DataCount();
      case TensorProto.DataType.STRING_VALUE -> tensor.getStringDataCount();
      case TensorProto.DataType.INT32_VALUE,
          TensorProto.DataType.INT16_VALUE,
          TensorProto.DataType.INT8_VALUE,
          TensorProto.DataType.UINT16_VALUE,
          TensorProto.DataType.UINT8_VALUE,
          TensorProto.DataType.BOOL_VALUE,
          TensorProto.DataType.FLOAT16_VALUE,
          TensorProto.DataType.BFLOAT16_VALUE ->
          tensor.getInt32DataCount();
      default -> -1;
    };
  }

  /** Readable element type name: {@code float}, {@code int64}, {@code string}... */
  public static String elementTypeName(int code) {
    return ElementTypes.name(code);
  }
}
