package dev.assay.core.model;

/**
 * Why a model file is refused, as a machine-readable kind. The security scan turns each kind into a
 * finding; the importer only needs the message.
 */
public enum ModelProblem {
  /** The path names no file. */
  NOT_FOUND,
  /** The path names a folder or a device, not a regular file. */
  NOT_A_FILE,
  /** The file exists but cannot be read (permissions, I/O error). */
  UNREADABLE,
  /** The file has 0 bytes. */
  EMPTY,
  /** The file is over 2 GB, more than one protobuf message can hold. */
  TOO_LARGE,
  /** The file begins like an ONNX model but breaks off. */
  TRUNCATED,
  /** The bytes are not an ONNX protobuf at all. */
  NOT_ONNX,
  /** A protobuf without an IR version. */
  NO_IR_VERSION,
  /** A protobuf without a graph. */
  NO_GRAPH,
  /** IR version newer than the bundled ONNX Runtime. */
  IR_TOO_NEW,
  /** An operator set newer than the bundled ONNX Runtime. */
  OPSET_TOO_NEW,
  /** External data named by an absolute path. */
  EXTERNAL_ABSOLUTE_PATH,
  /** External data outside the model's folder ({@code ..}). */
  EXTERNAL_OUTSIDE_FOLDER,
  /** External data through a symbolic link, or a hard-linked file. */
  EXTERNAL_LINK,
  /** External data file missing. */
  EXTERNAL_MISSING,
  /** Offset or length beyond the external data file, or fewer bytes than the tensor declares. */
  EXTERNAL_OUT_OF_RANGE,
  /** An external-data reference that is malformed (no location, NUL, not a number, a folder). */
  EXTERNAL_INVALID,
  /** ONNX Runtime itself refused the file. */
  RUNTIME_REFUSED,
  /** Anything else. */
  OTHER
}
