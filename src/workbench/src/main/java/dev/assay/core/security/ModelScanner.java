package dev.assay.core.security;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.model.ExternalDataGuard;
import dev.assay.core.model.ModelProblem;
import dev.assay.core.model.ModelRejectedException;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Scans a model file before ONNX Runtime opens it: SHA-256, ONNX structure against the bundled
 * runtime, operator domains, external data, declared tensor sizes against the bytes present,
 * metadata that should not be there, and the signature; then, if nothing forbids it, loads it once
 * in a separate process. A file that cannot be read at all is an error ({@link
 * ModelRejectedException}); everything else is a {@link Finding}.
 */
public final class ModelScanner {
  private final ModelRegistry models;
  private final ModelSignatures signatures;
  private final IsolatedLoader loader;
  private final Supplier<String> runtimeVersion;
  private final Clock clock;

  public ModelScanner(
      ModelRegistry models,
      ModelSignatures signatures,
      IsolatedLoader loader,
      String runtimeVersion,
      Clock clock) {
    this(models, signatures, loader, () -> runtimeVersion, clock);
  }

  /**
   * A scanner that asks for the ONNX Runtime version only when it writes a report, so that opening
   * a workbench does not load ONNX Runtime's native library.
   */
  public ModelScanner(
      ModelRegistry models,
      ModelSignatures signatures,
      IsolatedLoader loader,
      Supplier<String> runtimeVersion,
      Clock clock) {
    this.models = models;
    this.signatures = signatures;
    this.loader = loader;
    this.runtimeVersion = runtimeVersion;
    this.clock = clock;
  }

  /**
   * Scans a file anywhere on disk.
   *
   * @throws ModelRejectedException when the file is missing, a folder, or unreadable
   */
  public ScanReport scan(Path file, ScanOptions options, Progress progress, Cancellation cancel) {
    return scan(file, null, options, progress, cancel);
  }

  /** Scans a registered version's stored file (its signature status is the version's). */
  public ScanReport scan(
      ModelVersion version, ScanOptions options, Progress progress, Cancellation cancel) {
    return scan(models.modelFile(version), version, options, progress, cancel);
  }

  private ScanReport scan(
      Path file,
      ModelVersion version,
      ScanOptions options,
      Progress progress,
      Cancellation cancel) {
    progress.update(0, 4, "hashing " + file.getFileName());
    requireReadable(file);
    String sha256;
    long size;
    try {
      sha256 = Sha256.ofFile(file, progress, cancel);
      size = Files.size(file);
    } catch (IOException e) {
      throw new ModelRejectedException(
          file, ModelProblem.UNREADABLE, "cannot be read: " + e.getMessage(), e);
    }
    cancel.throwIfCancelled();
    progress.update(1, 4, "checking the ONNX structure");
    FindingList findings = new FindingList();
    List<ExternalDataGuard.CheckedReference> external = List.of();
    try {
      ModelProto model = OnnxInspector.readModel(file);
      external = new StructureChecks(file, size, model, findings).run();
    } catch (ModelRejectedException e) {
      SecurityCheck check = ProblemFindings.check(e);
      if (check == null) {
        throw e;
      }
      findings.add(check, e.reason());
    }
    cancel.throwIfCancelled();
    progress.update(2, 4, "checking the signature");
    SignatureStatus signature =
        version != null
            ? signatures.status(version)
            : signatures.statusOfFile(file, sha256, external);
    findings.add(signatureCheck(signature), signature.detail());
    progress.update(3, 4, "loading in a separate process");
    IsolationOutcome isolation = isolate(file, options, findings, cancel);
    progress.update(4, 4, "scanned " + file.getFileName());
    String model =
        version != null
            ? version.ref()
            : models.findBySha(sha256).map(ModelVersion::ref).orElse(null);
    return new ScanReport(
        file.toAbsolutePath().normalize().toString(),
        model,
        sha256,
        size,
        clock.instant().truncatedTo(ChronoUnit.MILLIS),
        runtimeVersion.get(),
        findings.sorted(),
        signature,
        isolation);
  }

  private static void requireReadable(Path file) {
    if (!Files.exists(file)) {
      throw new ModelRejectedException(file, ModelProblem.NOT_FOUND, "file not found");
    }
    if (!Files.isRegularFile(file)) {
      throw new ModelRejectedException(file, ModelProblem.NOT_A_FILE, "not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new ModelRejectedException(
          file, ModelProblem.UNREADABLE, "cannot be read (permission denied)");
    }
  }

  private static SecurityCheck signatureCheck(SignatureStatus status) {
    return switch (status.state()) {
      case VERIFIED -> SecurityCheck.SIGNATURE_VERIFIED;
      case UNTRUSTED -> SecurityCheck.SIGNATURE_UNTRUSTED;
      case INVALID -> SecurityCheck.SIGNATURE_INVALID;
      case UNSIGNED -> SecurityCheck.UNSIGNED;
    };
  }

  private IsolationOutcome isolate(
      Path file, ScanOptions options, FindingList findings, Cancellation cancel) {
    if (!options.isolate()) {
      return new IsolationOutcome.NotRun("isolated loading was not requested");
    }
    if (findings.blocksLoading()) {
      return new IsolationOutcome.NotRun(
          "the file checks found problems that must not reach ONNX Runtime ("
              + String.join(", ", findings.blockingIds())
              + ")");
    }
    IsolationOutcome outcome = loader.withLimits(options.limits()).load(file, cancel);
    Optional<SecurityCheck> check =
        switch (outcome) {
          case IsolationOutcome.Crashed c -> Optional.of(SecurityCheck.ISOLATION_CRASHED);
          case IsolationOutcome.TimedOut t -> Optional.of(SecurityCheck.ISOLATION_HUNG);
          case IsolationOutcome.Refused r -> Optional.of(SecurityCheck.ISOLATION_REFUSED);
          case IsolationOutcome.Loaded l ->
              l.inferenceFailed()
                  ? Optional.of(SecurityCheck.ISOLATION_INFERENCE_FAILED)
                  : Optional.empty();
          case IsolationOutcome.NotRun n -> Optional.empty();
        };
    check.ifPresent(c -> findings.add(c, evidence(outcome)));
    return outcome;
  }

  private static String evidence(IsolationOutcome outcome) {
    if (outcome instanceof IsolationOutcome.Crashed crashed && !crashed.stderrTail().isBlank()) {
      String[] lines = crashed.stderrTail().split("\n");
      return outcome.describe() + "; last output: " + lines[lines.length - 1];
    }
    return outcome.describe();
  }
}
