package dev.assay.core.drift;

/**
 * A chi-square test of homogeneity on a 2 x k table (reference and current rows).
 *
 * @param statistic Pearson's statistic, with Yates' correction when dof is 1
 * @param pValue the upper-tail probability of the chi-square distribution with {@code dof}
 * @param dof degrees of freedom: the categories with a non-zero total, minus one
 */
public record ChiSquareResult(double statistic, double pValue, int dof) {}
