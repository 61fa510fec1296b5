package dev.assay.ui.overview;

/**
 * What is known about one model version: a row of the Overview board.
 *
 * @param model the version ({@code name:version})
 * @param evaluation the newest completed evaluation run and its key metric
 * @param comparison whether a stored comparison includes one of its runs
 * @param fairness the newest fairness report's verdict
 * @param security the newest scan's and robustness test's outcome
 * @param drift drift checks (not stored in the workbench yet)
 * @param explained explanations (not stored in the workbench yet)
 * @param signOff the newest sign-off: current, stale (with why) or none
 */
public record VersionState(
    String model,
    Chip evaluation,
    Chip comparison,
    Chip fairness,
    Chip security,
    Chip drift,
    Chip explained,
    Chip signOff) {}
