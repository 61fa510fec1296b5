package dev.assay.core.eval;

import dev.assay.core.AssayVersion;
import dev.assay.core.inference.OnnxRuntime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a run records beside its results (issue 16: one record for every runner): Assay's
 * and ONNX Runtime's versions, the JDK, the operating system and the execution providers available.
 */
public final class RunEnvironment {
  private RunEnvironment() {}

  /** The environment of a run scored by {@code runtime} in this JVM, in the order it is stored. */
  public static Map<String, Object> of(OnnxRuntime runtime) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("assay", AssayVersion.version());
    env.put("onnxruntime", runtime.version());
    env.put("jdk", Runtime.version().toString());
    env.put("jdk_vendor", System.getProperty("java.vendor"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    env.put("arch", System.getProperty("os.arch"));
    env.put("providers_available", runtime.availableProviders());
    return env;
  }
}
