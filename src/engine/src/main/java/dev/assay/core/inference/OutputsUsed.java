package dev.assay.core.inference;

/**
 * Which model outputs a run read, and why; recorded with the run.
 *
 * @param probabilities the output read as probabilities (or, when {@code scoresOnly}, as scores),
 *     or null
 * @param probabilitiesReason why that output
 * @param softmax whether softmax (a sigmoid for one column) was applied to it
 * @param scoresOnly whether it holds no distribution and was used for labels only
 * @param label the label output, or null
 * @param labelReason why that output
 * @param problem what is wrong with the probability output, when probability metrics were left out
 *     because of it; else null
 */
public record OutputsUsed(
    String probabilities,
    String probabilitiesReason,
    boolean softmax,
    boolean scoresOnly,
    String label,
    String labelReason,
    String problem) {}
