package dev.assay.core.security;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OnnxRuntime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs inside the isolated process: opens the model with ONNX Runtime and runs one inference
 * on a single row of zeros (empty strings, false). Whatever the model does to ONNX Runtime here
 * happens to that process only.
 */
public final class IsolationProbe {
  /** Largest input (elements) the probe feeds; bigger fixed shapes are not fed. */
  static final long MAX_INPUT_ELEMENTS = 1 << 20;

  private final OnnxRuntime runtime;

  public IsolationProbe(OnnxRuntime runtime) {
    this.runtime = runtime;
  }

  /** Loads and runs the model once; a refusal by ONNX Runtime is an outcome, not an exception. */
  public IsolationOutcome probe(Path model) {
    long start = System.nanoTime();
    InferenceSession session;
    try {
      session = runtime.open(model, ExecutionProvider.CPU, 1);
    } catch (OrtException | RuntimeException e) {
      return new IsolationOutcome.Refused(firstLine(e.getMessage()), millisSince(start));
    }
    long loadMillis = millisSince(start);
    try (session) {
      Map<String, NodeInfo> inputs;
      try {
        inputs = session.inputInfo();
      } catch (OrtException | RuntimeException e) {
        return new IsolationOutcome.Loaded(
            List.of(),
            session.outputNames(),
            loadMillis,
            "skipped: inputs cannot be described (" + firstLine(e.getMessage()) + ")",
            0,
            millisSince(start));
      }
      List<String> described = inputs.values().stream().map(IsolationProbe::describe).toList();
      long inferenceStart = System.nanoTime();
      Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
      try {
        String skip = zeroInputs(session.environment(), inputs, tensors);
        if (skip != null) {
          return new IsolationOutcome.Loaded(
              described,
              session.outputNames(),
              loadMillis,
              "skipped: " + skip,
              0,
              millisSince(start));
        }
        try (OrtSession.Result result = session.run(tensors)) {
          List<String> outputs = new ArrayList<>();
          for (Map.Entry<String, OnnxValue> output : result) {
            outputs.add(output.getKey() + " " + describe(output.getValue()));
          }
          return new IsolationOutcome.Loaded(
              described,
              outputs,
              loadMillis,
              "ok",
              millisSince(inferenceStart),
              millisSince(start));
        }
      } catch (OrtException | RuntimeException e) {
        return new IsolationOutcome.Loaded(
            described,
            session.outputNames(),
            loadMillis,
            "failed: " + firstLine(e.getMessage()),
            millisSince(inferenceStart),
            millisSince(start));
      } finally {
        tensors.values().forEach(OnnxTensor::close);
      }
    }
  }

  /** Fills {@code tensors} with one row of zeros per input; returns why not, or null. */
  private static String zeroInputs(
      OrtEnvironment env, Map<String, NodeInfo> inputs, Map<String, OnnxTensor> tensors)
      throws OrtException {
    for (NodeInfo input : inputs.values()) {
      if (!(input.getInfo() instanceof TensorInfo info)) {
        return "input '" + input.getName() + "' is not a tensor";
      }
      long[] shape = Arrays.stream(info.getShape()).map(d -> d < 0 ? 1 : d).toArray();
      long elements = 1;
      for (long d : shape) {
        elements =
            d > 0 && elements > MAX_INPUT_ELEMENTS / d ? MAX_INPUT_ELEMENTS + 1 : elements * d;
      }
      if (elements > MAX_INPUT_ELEMENTS) {
        return "input '" + input.getName() + "' has a fixed shape over 2^20 elements";
      }
      int n = (int) elements;
      OnnxJavaType type = info.type;
      OnnxTensor tensor =
          switch (type) {
            case STRING -> {
              String[] empty = new String[n];
              Arrays.fill(empty, "");
              yield OnnxTensor.createTensor(env, empty, shape);
            }
            case FLOAT, DOUBLE, INT8, UINT8, INT16, INT32, INT64, BOOL, FLOAT16, BFLOAT16 ->
                OnnxTensor.createTensor(env, zeros(n * (long) type.size), shape, type);
            default -> null;
          };
      if (tensor == null) {
        return "input '" + input.getName() + "' has element type " + type;
      }
      tensors.put(input.getName(), tensor);
    }
    return null;
  }

  private static ByteBuffer zeros(long bytes) {
    return ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
  }

  private static String describe(NodeInfo node) {
    return node.getName() + " " + describeInfo(node.getInfo());
  }

  private static String describe(OnnxValue value) {
    return describeInfo(value.getInfo());
  }

  private static String describeInfo(Object info) {
    if (info instanceof TensorInfo t) {
      return t.type.name().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(t.getShape());
    }
    return String.valueOf(info);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no reason given";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    String line = newline < 0 ? trimmed : trimmed.substring(0, newline);
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }
}
