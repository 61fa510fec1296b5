package dev.assay.core.data;

/**
 * How often one value occurs in a column.
 *
 * @param value the value as first written in the file (trimmed)
 * @param count the number of rows with this value
 */
public record CategoryCount(String value, long count) {}
