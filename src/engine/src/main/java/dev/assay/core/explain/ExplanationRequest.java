package dev.assay.core.explain;

import dev.assay.core.model.ModelInspection;
import java.nio.file.Path;
import java.util.List;

/**
 * What to explain and how. Build with {@link #builder} (or {@link #of} for the defaults) and change
 * a copy with {@link #toBuilder}.
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
 * @param cutoff the decision threshold of a cutoff background, in the explained output space
 * @param adverseHigher whether outputs at or above {@code cutoff} are the adverse outcome (a cutoff
 *     background takes rows below it), else at or below
 * @param secondBackground whether to explain against a second background of the same size and rule,
 *     drawn from the data rows the first did not use (a stability check; see {@link
 *     BackgroundDraw})
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
    String stratifyBy,
    double cutoff,
    boolean adverseHigher,
    boolean secondBackground) {

  /** The first 100 rows against a 100-row background, method auto, seed 42, tolerance 0.01. */
  public static ExplanationRequest of(Path modelFile, ModelInspection model, Path data) {
    return builder(modelFile, model, data).build();
  }

  /** A builder with {@link #of}'s defaults. */
  public static Builder builder(Path modelFile, ModelInspection model, Path data) {
    return new Builder(modelFile, model, data);
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder(modelFile, model, data);
    b.firstRow = firstRow;
    b.rowCount = rowCount;
    b.backgroundRows = backgroundRows;
    b.backgroundFile = backgroundFile;
    b.method = method;
    b.space = space;
    b.classLabel = classLabel;
    b.seed = seed;
    b.tolerance = tolerance;
    b.features = features;
    b.target = target;
    b.repeats = repeats;
    b.backgroundMode = backgroundMode;
    b.stratifyBy = stratifyBy;
    b.cutoff = cutoff;
    b.adverseHigher = adverseHigher;
    b.secondBackground = secondBackground;
    return b;
  }

  /** Builds an {@link ExplanationRequest}; each setter returns the builder. */
  public static final class Builder {
    private final Path modelFile;
    private final ModelInspection model;
    private final Path data;
    private int firstRow;
    private int rowCount = 100;
    private int backgroundRows = 100;
    private Path backgroundFile;
    private Method method = Method.AUTO;
    private OutputSpace space;
    private String classLabel;
    private long seed = 42;
    private double tolerance = 0.01;
    private List<String> features;
    private String target;
    private int repeats = 5;
    private BackgroundSet.Mode backgroundMode = BackgroundSet.Mode.RANDOM;
    private String stratifyBy;
    private double cutoff = 0.5;
    private boolean adverseHigher = true;
    private boolean secondBackground;

    private Builder(Path modelFile, ModelInspection model, Path data) {
      this.modelFile = modelFile;
      this.model = model;
      this.data = data;
    }

    /** Explains {@code count} rows from {@code first} (0-based). */
    public Builder rows(int first, int count) {
      this.firstRow = first;
      this.rowCount = count;
      return this;
    }

    /**
     * {@code rows} rows sampled from the data, or exactly the rows of {@code file} when not null.
     */
    public Builder background(int rows, Path file) {
      this.backgroundRows = rows;
      this.backgroundFile = file;
      return this;
    }

    /** Chooses the background rows of the data by {@code mode}, stratified by {@code column}. */
    public Builder backgroundMode(BackgroundSet.Mode mode, String column) {
      this.backgroundMode = mode;
      this.stratifyBy = column;
      return this;
    }

    /**
     * The decision a {@link BackgroundSet.Mode#CUTOFF} background is taken at: rows on the
     * favourable side of {@code threshold} nearest it.
     */
    public Builder cutoff(double threshold, boolean adverseIsHigher) {
      this.cutoff = threshold;
      this.adverseHigher = adverseIsHigher;
      return this;
    }

    /** Whether to use the second background of a stability check instead of the first. */
    public Builder secondBackground(boolean second) {
      this.secondBackground = second;
      return this;
    }

    public Builder method(Method value, OutputSpace output, String label) {
      this.method = value;
      this.space = output;
      this.classLabel = label;
      return this;
    }

    public Builder sampling(long seedValue, double toleranceValue) {
      this.seed = seedValue;
      this.tolerance = toleranceValue;
      return this;
    }

    public Builder columns(List<String> bound, String targetColumn, int nRepeats) {
      this.features = bound;
      this.target = targetColumn;
      this.repeats = nRepeats;
      return this;
    }

    public ExplanationRequest build() {
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
          backgroundMode,
          stratifyBy,
          cutoff,
          adverseHigher,
          secondBackground);
    }
  }
}
