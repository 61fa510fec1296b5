package dev.assay.core.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process's ONNX Runtime. Wraps ORT's environment (ORT keeps one per process) and is the only
 * place in the core that opens sessions, so providers, threading and logging are chosen once.
 */
public final class OnnxRuntime {
  /**
   * Highest ONNX IR version the bundled ONNX Runtime loads (1.29.0 refuses 14: "max supported IR
   * version: 13"). Checked by {@code OnnxRuntimeLimitsTest}.
   */
  public static final long MAX_IR_VERSION = 13;

  /**
   * Highest {@code ai.onnx} opset the bundled ONNX Runtime implements (1.29.0: "official support
   * for domain ai.onnx is till opset 26").
   */
  public static final long MAX_ONNX_OPSET = 26;

  /**
   * Highest {@code ai.onnx.ml} opset the bundled ONNX Runtime implements (1.29.0: "till opset 5").
   */
  public static final long MAX_ONNX_ML_OPSET = 5;

  /**
   * Stack for the thread that loads the native library and creates the environment. ONNX Runtime
   * 1.29 needs more than the JVM's default 1 MiB there: on a 1 MiB thread the JVM dies with SIGSEGV
   * (no Java exception, no hs_err file). Sessions run fine on ordinary threads afterwards.
   */
  private static final long INIT_STACK_BYTES = 16L << 20;

  private final OrtEnvironment environment;

  public OnnxRuntime() {
    this.environment = createEnvironment();
  }

  private static OrtEnvironment createEnvironment() {
    AtomicReference<OrtEnvironment> created = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread init =
        new Thread(
            null,
            () -> {
              try {
                created.set(
                    OrtEnvironment.getEnvironment(
                        OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "assay"));
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "onnxruntime-init",
            INIT_STACK_BYTES);
    init.start();
    boolean interrupted = false;
    while (init.isAlive()) {
      try {
        init.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "ONNX Runtime cannot start: " + failure.get().getMessage(), failure.get());
    }
    return created.get();
  }

  /** The ONNX Runtime library version, e.g. {@code 1.29.0}. */
  public String version() {
    return environment.getVersion();
  }

  /** Execution providers compiled into the bundled ONNX Runtime, e.g. {@code CPU}, {@code CUDA}. */
  public Set<String> availableProviders() {
    Set<String> names = new TreeSet<>();
    OrtEnvironment.getAvailableProviders().forEach(p -> names.add(p.name()));
    return names;
  }

  /** What ONNX Runtime reported when it opened a model. */
  public record LoadReport(
      List<String> inputNames, List<String> outputNames, Map<String, String> customMetadata) {}

  /**
   * Opens the model on the CPU and closes it again: proof that ONNX Runtime accepts the file.
   *
   * @throws OrtException with ORT's reason when it refuses the model
   */
  public LoadReport load(Path model) throws OrtException {
    try (SessionOptions options = new SessionOptions()) {
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
      options.setIntraOpNumThreads(1);
      try (OrtSession session = environment.createSession(model.toString(), options)) {
        // Names only: the Java API's getInputInfo/getOutputInfo throw "Invalid ONNXType found"
        // for optional<...> values, in models ONNX Runtime itself loads.
        return new LoadReport(
            new ArrayList<>(session.getInputNames()),
            new ArrayList<>(session.getOutputNames()),
            session.getMetadata().getCustomMetadata());
      }
    }
  }

  OrtEnvironment environment() {
    return environment;
  }
}
