package dev.assay.core.explain;

import dev.assay.core.model.ModelInspection;
import java.nio.file.Path;
import java.util.List;

/**
 * What to explain and how. Build with {@link #of} and the {@code with...} methods.
 *
 * @param firstRow the first explained data row, 0-based
 * @param rowCount how many rows to explain
 * @param backgroundRows rows sampled from the data with the seed when {@code backgroundFile} is
 *     null
 * @param backgroundFile a CSV whose rows are exactly the background, or null
 * @param space the output space; null for the model's natural one (probability, or value)
 * @param classLabel the explained class, or null for the last (the positive class of a binary
 *     model)
 * @param features the bound columns in input order, or null for the model's metadata
 * @param target the target column for permutation importance, or null for the model's {@code
 *     assay.target} when the data has it
 * @param repeats permutation importance repeats ({@code n_repeats}); 0 to skip it
 * @param backgroundMode how {@code backgroundRows} rows are chosen from the data (random, k-means
 *     summary, stratified); ignored with a background file
 * @param stratifyBy the class or group column a stratified background keeps the shares of, or null
 *     for the target
 */
public record ExplanationRequest(
    Path modelFile,
    ModelInspection model,
    Path data,
    int firstRow,
    int rowCount,
    int backgroundRows,
    Path backgroundFile,
    Method method,
    OutputSpace space,
    String classLabel,
    long seed,
    double tolerance,
    List<String> features,
    String target,
    int repeats,
    BackgroundSet.Mode backgroundMode,
    String stratifyBy) {

  /** The first 100 rows against a 100-row background, method auto, seed 42, tolerance 0.01. */
  public static ExplanationRequest of(Path modelFile, ModelInspection model, Path data) {
    return new ExplanationRequest(
        modelFile,
        model,
        data,
        0,
        100,
        100,
        null,
        Method.AUTO,
        null,
        null,
        42,
        0.01,
        null,
        null,
        5,
        BackgroundSet.Mode.RANDOM,
        null);
  }

  public ExplanationRequest withRows(int first, int count) {
    return new ExplanationRequest(
        modelFile,
        model,
        data,
        first,
        count,
        backgroundRows,
        backgroundFile,
        method,
        space,
        classLabel,
        seed,
        tolerance,
        features,
        target,
        repeats,
        backgroundMode,
        stratifyBy);
  }

  public ExplanationRequest withBackground(int rows, Path file) {
    return new ExplanationRequest(
        modelFile,
        model,
        data,
        firstRow,
        rowCount,
        rows,
        file,
        method,
        space,
        classLabel,
        seed,
        tolerance,
        features,
        target,
        repeats,
        backgroundMode,
        stratifyBy);
  }

  public ExplanationRequest withMethod(Method value, OutputSpace output, String label) {
    return new ExplanationRequest(
        modelFile,
        model,
        data,
        firstRow,
        rowCount,
        backgroundRows,
        backgroundFile,
        value,
        output,
        label,
        seed,
        tolerance,
        features,
        target,
        repeats,
        backgroundMode,
        stratifyBy);
  }

  public ExplanationRequest withSampling(long seedValue, double toleranceValue) {
    return new ExplanationRequest(
        modelFile,
        model,
        data,
        firstRow,
        rowCount,
        backgroundRows,
        backgroundFile,
        method,
        space,
        classLabel,
        seedValue,
        toleranceValue,
        features,
        target,
        repeats,
        backgroundMode,
        stratifyBy);
  }

  public ExplanationRequest withColumns(List<String> bound, String targetColumn, int nRepeats) {
    return new ExplanationRequest(
        modelFile,
        model,
        data,
        firstRow,
        rowCount,
        backgroundRows,
        backgroundFile,
        method,
        space,
        classLabel,
        seed,
        tolerance,
        bound,
        targetColumn,
        nRepeats,
        backgroundMode,
        stratifyBy);
  }

  /** Chooses the background rows of the data by {@code mode}, stratified by {@code column}. */
  public ExplanationRequest withBackgroundMode(BackgroundSet.Mode mode, String column) {
    return new ExplanationRequest(
        modelFile,
        model,
        data,
        firstRow,
        rowCount,
        backgroundRows,
        backgroundFile,
        method,
        space,
        classLabel,
        seed,
        tolerance,
        features,
        target,
        repeats,
        mode,
        column);
  }
}
