package dev.assay.spark;

import ai.onnxruntime.OrtException;
import dev.assay.core.AssayException;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.model.ModelInspection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One ONNX Runtime session per model per executor JVM, shared by the tasks that run there (an
 * {@code OrtSession} may be run from several threads at once). Each session runs on one intra-op
 * thread: Spark already runs one task per core. The model's bytes come from a broadcast variable
 * and are written once to the JVM's temporary folder, which ONNX Runtime and the inspector read.
 */
final class ExecutorModels {
  /** A loaded model: its inspection and its session, kept until the JVM ends. */
  record Loaded(ModelInspection inspection, InferenceSession session, String runtimeVersion) {}

  private static final ConcurrentHashMap<String, Loaded> LOADED = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  /** The model with SHA-256 {@code sha}, loaded from {@code bytes} the first time. */
  static Loaded get(String sha, Supplier<byte[]> bytes) {
    return LOADED.computeIfAbsent(sha, key -> load(key, bytes.get()));
  }

  private static Loaded load(String sha, byte[] bytes) {
    try {
      Path file = Files.createTempFile("assay-model-" + sha.substring(0, 12) + "-", ".onnx");
      file.toFile().deleteOnExit();
      Files.write(file, bytes);
      OnnxRuntime runtime = new OnnxRuntime();
      ModelInspection inspection = new OnnxInspector(runtime).inspect(file).inspection();
      InferenceSession session = runtime.open(file, ExecutionProvider.CPU, 1);
      return new Loaded(inspection, session, runtime.version());
    } catch (IOException e) {
      throw new AssayException("cannot write the model to the executor's temporary folder: " + e);
    } catch (OrtException e) {
      throw new AssayException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
    }
  }
}
