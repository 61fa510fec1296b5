package dev.assay.core.drift;

/**
 * How far a comparison against a {@link NumericSketch} may be from the exact one: the exact KS D
 * lies in [{@code ksLow}, {@code ksHigh}] and the reported D is their midpoint, so it is within
 * {@code ksError} = (ksHigh - ksLow) / 2 of the exact D (ksHigh - ksLow is at most the sketch's
 * largest gap, about 1/16,384); likewise the exact Wasserstein-1 lies within {@code
 * wassersteinError} of the reported one.
 *
 * @param gridPoints the sketch's grid values
 * @param maxGap the largest share of reference values between two grid values
 */
public record SketchBounds(
    double ksLow,
    double ksHigh,
    double ksError,
    double wassersteinError,
    int gridPoints,
    double maxGap) {}
