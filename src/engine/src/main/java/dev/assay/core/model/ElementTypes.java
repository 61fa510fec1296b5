package dev.assay.core.model;

/** Names and sizes of ONNX tensor element types, by their {@code TensorProto.DataType} code. */
public final class ElementTypes {
  private static final String[] NAMES = {
    "undefined",
    "float",
    "uint8",
    "int8",
    "uint16",
    "int16",
    "int32",
    "int64",
    "string",
    "bool",
    "float16",
    "double",
    "uint32",
    "uint64",
    "complex64",
    "complex128",
    "bfloat16",
    "float8e4m3fn",
    "float8e4m3fnuz",
    "float8e5m2",
    "float8e5m2fnuz",
    "uint4",
    "int4",
    "float4e2m1",
    "float8e8m0"
  };
  private static final int[] BITS = {
    0, 32, 8, 8, 16, 16, 32, 64, 0, 8, 16, 64, 32, 64, 64, 128, 16, 8, 8, 8, 8, 4, 4, 4, 8
  };

  private ElementTypes() {}

  public static String name(int code) {
    return code >= 0 && code < NAMES.length ? NAMES[code] : "type" + code;
  }

  /** Bits per element, or 0 when variable (string) or unknown. */
  public static int bits(int code) {
    return code >= 0 && code < BITS.length ? BITS[code] : 0;
  }
}
