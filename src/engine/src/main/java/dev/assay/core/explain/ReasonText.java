package dev.assay.core.explain;

import dev.assay.core.AssayException;
import dev.assay.core.data.CsvSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The feature → adverse-action reason statement table: a site-editable CSV with the columns {@code
 * feature,reason} (one row per scored input; every feature it names must be one the model scores),
 * and for a feature it does not name a default derived from the feature's name and the direction of
 * the row's value against the background mean: {@code debt_to_income} at a value above the mean
 * reads "Debt to income too high".
 *
 * @param texts the file's statement per feature (empty for the defaults only)
 * @param source where the statements come from, for the report
 */
public record ReasonText(Map<String, String> texts, String source) {
  /** What the report says when no file is used. */
  public static final String DEFAULTS = "derived from the feature names";

  public ReasonText {
    texts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(texts));
  }

  /** Defaults for every feature. */
  public static ReasonText defaults() {
    return new ReasonText(Map.of(), DEFAULTS);
  }

  /**
   * Reads a {@code feature,reason} CSV.
   *
   * @throws AssayException (file and 1-based line named) for a missing column, an empty statement,
   *     a feature named twice or a feature that is not one of {@code features}
   */
  public static ReasonText read(Path csv, List<String> features) {
    Map<String, String> texts = new LinkedHashMap<>();
    try (CsvSource source = CsvSource.open(csv)) {
      List<String> header = source.header();
      int f = header.indexOf("feature");
      int r = header.indexOf("reason");
      if (f < 0 || r < 0) {
        throw new AssayException(
            csv.getFileName()
                + ": the reason-text table needs the columns feature,reason, not "
                + header);
      }
      String[] cells;
      while ((cells = source.next()) != null) {
        String where = csv.getFileName() + " line " + source.line();
        String feature = cells.length > f ? cells[f].strip() : "";
        String reason = cells.length > r ? cells[r].strip() : "";
        if (!features.contains(feature)) {
          throw new AssayException(
              where
                  + ": '"
                  + feature
                  + "' is not a scored input of the model (every reason must map to one of "
                  + String.join(", ", features)
                  + ")");
        }
        if (reason.isEmpty()) {
          throw new AssayException(where + ": the reason statement of '" + feature + "' is empty");
        }
        if (texts.put(feature, reason) != null) {
          throw new AssayException(where + ": '" + feature + "' is named twice");
        }
      }
    }
    return new ReasonText(texts, csv.getFileName().toString());
  }

  /** Whether the table states {@code feature}'s reason (else the default is used). */
  public boolean mapped(String feature) {
    return texts.containsKey(feature);
  }

  /**
   * The statement for {@code feature} at {@code value}: the table's, else the default against the
   * background mean {@code reference}.
   */
  public String text(String feature, double value, double reference) {
    String mapped = texts.get(feature);
    if (mapped != null) {
      return mapped;
    }
    String name = humanize(feature);
    return value > reference ? name + " too high" : value < reference ? name + " too low" : name;
  }

  /**
   * A feature name as words: split at underscores, hyphens, dots, spaces and lower-to-upper case
   * changes, lower-cased, the first letter capitalised ({@code debtToIncome_ratio} → "Debt to
   * income ratio").
   */
  public static String humanize(String feature) {
    String spaced = feature.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_\\-.\\s]+", " ");
    String words = spaced.strip().toLowerCase(Locale.ROOT);
    if (words.isEmpty()) {
      return feature;
    }
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
