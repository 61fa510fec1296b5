package dev.assay.core.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The result of scanning one model file.
 *
 * @param file the scanned file (absolute)
 * @param model the registered version scanned ({@code name:version}), or the version holding the
 *     same bytes, or null
 * @param sha256 SHA-256 of the file
 * @param onnxRuntime version of the bundled ONNX Runtime the checks refer to
 * @param findings most severe first
 * @param signature signature status ({@code verified}, {@code untrusted}, {@code invalid}, {@code
 *     unsigned}) and its detail
 * @param isolation what happened when the model was loaded in a separate process
 */
public record ScanReport(
    String file,
    String model,
    String sha256,
    long sizeBytes,
    Instant scannedAt,
    String onnxRuntime,
    List<Finding> findings,
    SignatureStatus signature,
    IsolationOutcome isolation) {

  public ScanReport {
    findings = List.copyOf(findings);
  }

  /** The most serious severity found; {@link Severity#INFO} when there is nothing to report. */
  @JsonProperty("highest_severity")
  public Severity highestSeverity() {
    return findings.stream()
        .map(Finding::severity)
        .min(Comparator.naturalOrder())
        .orElse(Severity.INFO);
  }

  /** Whether any critical or high finding exists: a pipeline must not accept the model. */
  @JsonProperty("blocking")
  public boolean blocking() {
    return findings.stream().anyMatch(f -> f.severity().blocks());
  }

  /** Findings of one severity. */
  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }
}
