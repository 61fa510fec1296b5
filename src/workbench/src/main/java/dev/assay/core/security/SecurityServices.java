package dev.assay.core.security;

/**
 * The security services of one workbench, wired together by the workbench.
 *
 * @param scanner file scans and isolated loading
 * @param signatures signing and verification of model versions
 * @param reports stored security reports
 * @param loader the isolated loader the scanner uses
 * @param robustness perturbation, fuzzing and determinism tests
 */
public record SecurityServices(
    ModelScanner scanner,
    ModelSignatures signatures,
    SecurityReports reports,
    IsolatedLoader loader,
    RobustnessTester robustness) {}
