package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A data contract: what each column of a model version's input data must satisfy, inferred from the
 * reference ({@link #infer}) and editable as JSON (snake_case, as {@link dev.assay.core.Json}
 * writes it). Checked by {@link ContractCheck}.
 *
 * @param columns one rule set per column, in the reference's order
 */
public record DataContract(int version, List<Column> columns) {
  /** The contract format. */
  public static final int FORMAT = 1;

  /** A categorical column with more categories than this gets no allowed set. */
  public static final int MAX_CATEGORIES = 1000;

  /**
   * Slack on the missing rate: the bound is the reference rate plus the larger of this and 3 SE.
   */
  public static final double MISSING_SLACK = 0.01;

  public DataContract {
    columns = List.copyOf(columns);
  }

  /**
   * One column's rules; a null rule is not checked.
   *
   * @param kind {@code numeric} or {@code categorical}
   * @param required the column must be present
   * @param min numeric: smallest allowed value
   * @param max numeric: largest allowed value
   * @param allowNonFinite numeric: whether infinities are allowed
   * @param categories categorical: the allowed categories
   * @param maxMissingRate the largest allowed share of missing cells
   */
  public record Column(
      String name,
      String kind,
      boolean required,
      Double min,
      Double max,
      Boolean allowNonFinite,
      List<String> categories,
      Double maxMissingRate) {
    public Column {
      categories = categories == null ? null : List.copyOf(categories);
    }
  }

  /**
   * Infers a contract from reference samples: every column required; numeric range [min, max] of
   * the reference's finite values and infinities allowed only when the reference had some;
   * categories as seen (up to {@link #MAX_CATEGORIES}); missing rate at most the reference's plus
   * max({@link #MISSING_SLACK}, 3 sqrt(p (1 - p) / n)).
   */
  public static DataContract infer(List<FeatureSample> reference) {
    List<Column> columns = new ArrayList<>();
    for (FeatureSample s : reference) {
      long rows = s.rows();
      double p = rows == 0 ? 0 : (double) s.missing() / rows;
      double bound =
          Math.min(
              1.0, p + Math.max(MISSING_SLACK, rows == 0 ? 1 : 3 * Math.sqrt(p * (1 - p) / rows)));
      switch (s) {
        case NumericSample n ->
            columns.add(
                new Column(
                    n.name(),
                    "numeric",
                    true,
                    n.count() == 0 ? null : n.sorted()[0],
                    n.count() == 0 ? null : n.sorted()[n.count() - 1],
                    n.nonFinite() > 0,
                    null,
                    bound));
        case CategoricalSample c ->
            columns.add(
                new Column(
                    c.name(),
                    "categorical",
                    true,
                    null,
                    null,
                    null,
                    c.counts().size() > MAX_CATEGORIES
                        ? null
                        : List.copyOf(new TreeSet<>(c.counts().keySet())),
                    bound));
      }
    }
    return new DataContract(FORMAT, columns);
  }
}
