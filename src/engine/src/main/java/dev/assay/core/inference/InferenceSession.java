package dev.assay.core.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An open ONNX Runtime session and the provider it really runs on. Not thread-safe; close it. */
public final class InferenceSession implements AutoCloseable {
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final OrtSession.SessionOptions options;
  private final ExecutionProvider provider;
  private final List<String> warnings;

  InferenceSession(
      OrtEnvironment environment,
      OrtSession session,
      OrtSession.SessionOptions options,
      ExecutionProvider provider,
      List<String> warnings) {
    this.environment = environment;
    this.session = session;
    this.options = options;
    this.provider = provider;
    this.warnings = List.copyOf(warnings);
  }

  /** The provider the session actually runs on. */
  public ExecutionProvider provider() {
    return provider;
  }

  /** Fallbacks and other things the user should know about how the session was opened. */
  public List<String> warnings() {
    return warnings;
  }

  /** Output names in model order. */
  public List<String> outputNames() {
    return List.copyOf(session.getOutputNames());
  }

  /**
   * Runs one batch. The caller closes the result.
   *
   * @throws OrtException when ONNX Runtime refuses the inputs
   */
  public OrtSession.Result run(FeatureBatch batch) throws OrtException {
    return run(batch, 0, batch.inputCount());
  }

  /**
   * Runs one batch on inputs {@code first .. first + count - 1} of {@code batch} (a batch that
   * holds the inputs of several models, as in a comparison). The caller closes the result.
   *
   * @throws OrtException when ONNX Runtime refuses the inputs
   */
  public OrtSession.Result run(FeatureBatch batch, int first, int count) throws OrtException {
    Map<String, OnnxTensor> tensors = new HashMap<>();
    try {
      for (int i = first; i < first + count; i++) {
        tensors.put(batch.inputName(i), batch.tensor(environment, i));
      }
      return session.run(tensors);
    } finally {
      tensors.values().forEach(OnnxTensor::close);
    }
  }

  /** The environment to create input tensors in, for {@link #run(Map)}. */
  public OrtEnvironment environment() {
    return environment;
  }

  /**
   * Inputs with ONNX Runtime's description of each (type, shape).
   *
   * @throws OrtException for inputs the Java API cannot describe (e.g. optional values)
   */
  public Map<String, NodeInfo> inputInfo() throws OrtException {
    return session.getInputInfo();
  }

  /**
   * Runs on tensors the caller made in {@link #environment()}; the caller closes them and the
   * result.
   *
   * @throws OrtException when ONNX Runtime refuses the inputs
   */
  public OrtSession.Result run(Map<String, ? extends OnnxTensorLike> inputs) throws OrtException {
    return session.run(inputs);
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // nothing useful to do: the session is gone either way
    } finally {
      options.close();
    }
  }
}
