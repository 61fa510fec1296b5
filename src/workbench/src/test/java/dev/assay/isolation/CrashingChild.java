package dev.assay.isolation;

/**
 * Stands in for a model that makes ONNX Runtime abort: writes a line to stderr as a native library
 * would, then ends the JVM abruptly with the exit code of SIGABRT (or {@code -Dcrash.code}).
 */
public final class CrashingChild {
  private CrashingChild() {}

  public static void main(String[] args) {
    System.out.println(dev.assay.core.security.IsolatedLoader.STARTED_MARKER);
    System.out.flush();
    System.err.println("terminate called after throwing an instance of 'onnxruntime::Exception'");
    System.err.flush();
    Runtime.getRuntime().halt(Integer.getInteger("crash.code", 134));
  }
}
