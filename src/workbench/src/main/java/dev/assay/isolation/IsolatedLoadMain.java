package dev.assay.isolation;

import dev.assay.core.Json;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.security.IsolatedLoader;
import dev.assay.core.security.IsolationOutcome;
import dev.assay.core.security.IsolationProbe;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Entry point of the isolated process that {@link IsolatedLoader} starts: opens one model with ONNX
 * Runtime, runs it once, prints the outcome as one JSON line on stdout and exits. If the model
 * crashes or hangs ONNX Runtime, only this process is lost.
 */
public final class IsolatedLoadMain {
  private IsolatedLoadMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length != 1) {
      System.err.println("usage: IsolatedLoadMain MODEL.onnx");
      System.exit(2);
    }
    out.println(IsolatedLoader.STARTED_MARKER);
    IsolationOutcome outcome = new IsolationProbe(new OnnxRuntime()).probe(Path.of(args[0]));
    out.println(IsolatedLoader.RESULT_MARKER + Json.newMapper().writeValueAsString(outcome));
    out.flush();
    // ONNX Runtime's threads must not keep the process alive
    System.exit(0);
  }
}
