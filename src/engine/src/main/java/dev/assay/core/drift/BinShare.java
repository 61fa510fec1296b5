package dev.assay.core.drift;

/**
 * One bin or category of a drift comparison: where the mass moved.
 *
 * @param label the bin as an interval ("[1.5, 2.25)") or the category; "(other)" for the categories
 *     beyond the top K
 * @param reference the reference's share of the bin
 * @param current the current data's share of the bin
 * @param psi the bin's term of PSI (with the pseudo-count rule of {@link BinnedDistances})
 */
public record BinShare(String label, double reference, double current, double psi) {}
