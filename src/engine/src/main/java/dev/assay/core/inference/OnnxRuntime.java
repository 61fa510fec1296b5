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

  private OrtEnvironment environment;

  /**
   * The process's ONNX Runtime, started on first use: commands that never run a model (listing,
   * reports) do not extract and load the native library.
   */
  public OnnxRuntime() {}

  /** ORT's environment, created (native library loaded) by the first call. */
  private synchronized OrtEnvironment environment() {
    if (environment == null) {
      environment = createEnvironment();
    }
    return environment;
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
    return environment().getVersion();
  }

  /** Execution providers compiled into the bundled ONNX Runtime, e.g. {@code CPU}, {@code CUDA}. */
  public Set<String> availableProviders() {
    environment();
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
      try (OrtSession session = environment().createSession(model.toString(), options)) {
        // Names only: the Java API's getInputInfo/getOutputInfo throw "Invalid ONNXType found"
        // for optional<...> values, in models ONNX Runtime itself loads.
        return new LoadReport(
            new ArrayList<>(session.getInputNames()),
            new ArrayList<>(session.getOutputNames()),
            session.getMetadata().getCustomMetadata());
      }
    }
  }

  /**
   * Opens a session for inference on the requested provider. CUDA that cannot be used (a CPU-only
   * build, no GPU, no CUDA libraries) falls back to the CPU with a warning; the provider actually
   * used is reported.
   *
   * @param intraOpThreads threads ONNX Runtime may use inside one operator; 0 for its default
   */
  public InferenceSession open(Path model, ExecutionProvider requested, int intraOpThreads)
      throws OrtException {
    List<String> warnings = new ArrayList<>();
    SessionOptions options = new SessionOptions();
    try {
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
      options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
      if (intraOpThreads > 0) {
        options.setIntraOpNumThreads(intraOpThreads);
      }
      // ONNX Runtime's pool threads spin between operators and runs by default. Assay decodes the
      // next batch and scores the last one on other threads meanwhile; spinning takes their core
      // (and on a busy machine makes every run wait for a descheduled spinner). Measured with the
      // evaluation benchmark: end to end faster without it, and far steadier under load.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      ExecutionProvider used = ExecutionProvider.CPU;
      boolean cudaBuilt = availableProviders().contains("CUDA");
      if (requested == ExecutionProvider.CUDA || requested == ExecutionProvider.AUTO && cudaBuilt) {
        try {
          options.addCUDA(0);
          used = ExecutionProvider.CUDA;
        } catch (OrtException | RuntimeException e) {
          if (requested == ExecutionProvider.CUDA) {
            warnings.add(
                cudaBuilt
                    ? "CUDA was requested but could not be used ("
                        + e.getMessage()
                        + "); running on the CPU"
                    : "CUDA was requested but this build of ONNX Runtime has no CUDA provider"
                        + " (build with -Pgpu); running on the CPU");
          } else {
            warnings.add(
                "CUDA is built in but not usable here (" + e.getMessage() + "); using the CPU");
          }
        }
      }
      OrtSession session;
      try {
        session = environment().createSession(model.toString(), options);
      } catch (OrtException e) {
        if (used != ExecutionProvider.CUDA) {
          throw e;
        }
        warnings.add("CUDA session failed (" + e.getMessage() + "); running on the CPU");
        options.close();
        options = new SessionOptions();
        options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
        if (intraOpThreads > 0) {
          options.setIntraOpNumThreads(intraOpThreads);
        }
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        used = ExecutionProvider.CPU;
        session = environment().createSession(model.toString(), options);
      }
      return new InferenceSession(environment(), session, options, used, warnings);
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }
}
