package dev.assay.core.security;

/**
 * One security finding: what was found, how serious it is, the evidence, what it means in plain
 * words, and the MITRE ATLAS technique it relates to.
 *
 * @param id the stable kind, one of {@link SecurityCheck#id()}
 * @param evidence what exactly was seen (tensor, path, metadata key...), never a secret's value
 * @param atlas the ATLAS technique id (e.g. {@code AML.T0010}), or null where none applies
 * @param atlasName the ATLAS technique's name, or null
 */
public record Finding(
    String id,
    Severity severity,
    String title,
    String evidence,
    String explanation,
    String atlas,
    String atlasName) {}
