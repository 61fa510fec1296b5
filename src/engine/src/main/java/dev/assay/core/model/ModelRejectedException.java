package dev.assay.core.model;

import dev.assay.core.AssayException;
import java.nio.file.Path;

/** A model file Assay refuses to import, with the file, the reason and the kind of problem. */
public final class ModelRejectedException extends AssayException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String reason;
  private final ModelProblem problem;

  public ModelRejectedException(Path file, String reason) {
    this(file, ModelProblem.OTHER, reason, null);
  }

  public ModelRejectedException(Path file, String reason, Throwable cause) {
    this(file, ModelProblem.OTHER, reason, cause);
  }

  public ModelRejectedException(Path file, ModelProblem problem, String reason) {
    this(file, problem, reason, null);
  }

  public ModelRejectedException(Path file, ModelProblem problem, String reason, Throwable cause) {
    super(file.getFileName() + ": " + reason, cause);
    this.file = file;
    this.reason = reason;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  public String reason() {
    return reason;
  }

  /** The kind of problem, for callers that react to it (the security scan). */
  public ModelProblem problem() {
    return problem;
  }
}
