package dev.assay.core.security;

import dev.assay.core.model.ModelRejectedException;

/** Which finding each kind of refusal of the model reader and external-data guard becomes. */
final class ProblemFindings {
  private ProblemFindings() {}

  /**
   * The check for a refusal; null for problems that mean the file cannot be read at all (those are
   * errors, not findings).
   */
  static SecurityCheck check(ModelRejectedException problem) {
    return switch (problem.problem()) {
      case NOT_FOUND, NOT_A_FILE, UNREADABLE -> null;
      case EMPTY -> SecurityCheck.EMPTY_FILE;
      case TOO_LARGE -> SecurityCheck.TOO_LARGE_FOR_PROTOBUF;
      case TRUNCATED -> SecurityCheck.TRUNCATED;
      case NOT_ONNX, OTHER -> SecurityCheck.NOT_ONNX;
      case NO_IR_VERSION, NO_GRAPH -> SecurityCheck.NO_MODEL;
      case IR_TOO_NEW -> SecurityCheck.IR_VERSION_UNSUPPORTED;
      case OPSET_TOO_NEW -> SecurityCheck.OPSET_UNSUPPORTED;
      case EXTERNAL_ABSOLUTE_PATH -> SecurityCheck.EXTERNAL_DATA_ABSOLUTE_PATH;
      case EXTERNAL_OUTSIDE_FOLDER -> SecurityCheck.EXTERNAL_DATA_OUTSIDE_FOLDER;
      case EXTERNAL_LINK -> SecurityCheck.EXTERNAL_DATA_LINK;
      case EXTERNAL_MISSING -> SecurityCheck.EXTERNAL_DATA_MISSING;
      case EXTERNAL_OUT_OF_RANGE -> SecurityCheck.EXTERNAL_DATA_OUT_OF_RANGE;
      case EXTERNAL_INVALID -> SecurityCheck.EXTERNAL_DATA_INVALID;
      case RUNTIME_REFUSED -> SecurityCheck.ISOLATION_REFUSED;
    };
  }
}
