package dev.assay.core.security;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What happened when a model was first loaded, and run once, in a separate process. Written to JSON
 * with an {@code outcome} field: {@code loaded}, {@code refused}, {@code crashed}, {@code
 * timed_out} or {@code not_run}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
  @JsonSubTypes.Type(value = IsolationOutcome.Loaded.class, name = "loaded"),
  @JsonSubTypes.Type(value = IsolationOutcome.Refused.class, name = "refused"),
  @JsonSubTypes.Type(value = IsolationOutcome.Crashed.class, name = "crashed"),
  @JsonSubTypes.Type(value = IsolationOutcome.TimedOut.class, name = "timed_out"),
  @JsonSubTypes.Type(value = IsolationOutcome.NotRun.class, name = "not_run")
})
public sealed interface IsolationOutcome {
  /** One line for people. */
  String describe();

  /**
   * ONNX Runtime loaded the model in the child process.
   *
   * @param inputs inputs as {@code name type[shape]}
   * @param outputs outputs after the tiny inference as {@code name type[shape]}, or as declared
   *     when the inference did not run
   * @param inference {@code ok}, {@code skipped: why} or {@code failed: why}
   */
  record Loaded(
      List<String> inputs,
      List<String> outputs,
      long loadMillis,
      String inference,
      long inferenceMillis,
      long elapsedMillis)
      implements IsolationOutcome {
    @Override
    public String describe() {
      return "loaded in isolation in "
          + loadMillis
          + " ms; one-row inference: "
          + inference
          + (inference.equals("ok") ? " (" + inferenceMillis + " ms)" : "");
    }

    /** Whether the tiny inference failed (it did not merely skip). */
    public boolean inferenceFailed() {
      return inference.startsWith("failed");
    }
  }

  /** ONNX Runtime refused the model with an error, cleanly, in the child process. */
  record Refused(String reason, long elapsedMillis) implements IsolationOutcome {
    @Override
    public String describe() {
      return "ONNX Runtime refused it in isolation: " + reason;
    }
  }

  /**
   * The child process died without a result.
   *
   * @param signal the signal that killed it when the exit code says so (e.g. {@code SIGABRT}), or
   *     null
   * @param stderrTail the last lines the child wrote to stderr
   */
  record Crashed(int exitCode, String signal, String stderrTail, long elapsedMillis)
      implements IsolationOutcome {
    @Override
    public String describe() {
      return "crashed in isolation: the test process exited with code "
          + exitCode
          + (signal == null ? "" : " (" + signal + ")")
          + " and no result";
    }
  }

  /** The child process did not finish in time and was stopped. */
  record TimedOut(long timeoutSeconds) implements IsolationOutcome {
    @Override
    public String describe() {
      return "hung in isolation: no result within " + timeoutSeconds + " s; the process was killed";
    }
  }

  /** The model was not given to ONNX Runtime at all. */
  record NotRun(String reason) implements IsolationOutcome {
    @Override
    public String describe() {
      return "not loaded: " + reason;
    }
  }
}
