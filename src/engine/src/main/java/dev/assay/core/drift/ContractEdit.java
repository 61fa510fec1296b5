package dev.assay.core.drift;

import dev.assay.core.AssayException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One edit of one rule of a {@link DataContract}, as a user types it: the new contract, or an
 * {@link AssayException} with one line saying what is wrong (the contract is never half-changed). A
 * blank value removes the rule (it is then not checked).
 */
public final class ContractEdit {
  /** A rule a user can edit. */
  public enum Rule {
    MIN("min"),
    MAX("max"),
    MAX_MISSING_RATE("max missing rate"),
    CATEGORIES("allowed categories"),
    REQUIRED("required"),
    ALLOW_NON_FINITE("infinities allowed");

    private final String label;

    Rule(String label) {
      this.label = label;
    }

    /** The rule as the screen names it. */
    public String label() {
      return label;
    }
  }

  private ContractEdit() {}

  /**
   * The contract with {@code rule} of {@code column} set from {@code text}: a number for min, max
   * and the missing rate (a share in [0, 1]); categories separated by commas; yes/no for required
   * and infinities.
   *
   * @throws AssayException when the column is unknown, the rule does not apply to its kind, or the
   *     value is not valid
   */
  public static DataContract set(DataContract contract, String column, Rule rule, String text) {
    List<DataContract.Column> columns = new ArrayList<>(contract.columns());
    int index = -1;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        index = i;
      }
    }
    if (index < 0) {
      throw new AssayException("the contract has no column " + column);
    }
    DataContract.Column c = columns.get(index);
    String value = text == null ? "" : text.strip();
    boolean numeric = "numeric".equals(c.kind());
    DataContract.Column edited =
        switch (rule) {
          case MIN, MAX -> {
            if (!numeric) {
              throw new AssayException(
                  rule.label() + " applies to numeric columns; " + column + " is " + c.kind());
            }
            Double v = number(column, rule, value);
            Double min = rule == Rule.MIN ? v : c.min();
            Double max = rule == Rule.MAX ? v : c.max();
            if (min != null && max != null && min > max) {
              throw new AssayException(
                  "min of " + column + " (" + min + ") would be above its max (" + max + ")");
            }
            yield new DataContract.Column(
                c.name(),
                c.kind(),
                c.required(),
                min,
                max,
                c.allowNonFinite(),
                c.categories(),
                c.maxMissingRate());
          }
          case MAX_MISSING_RATE -> {
            Double v = number(column, rule, value);
            if (v != null && (v < 0 || v > 1)) {
              throw new AssayException(
                  "max missing rate of " + column + " must be a share from 0 to 1, not " + value);
            }
            yield new DataContract.Column(
                c.name(),
                c.kind(),
                c.required(),
                c.min(),
                c.max(),
                c.allowNonFinite(),
                c.categories(),
                v);
          }
          case CATEGORIES -> {
            if (numeric) {
              throw new AssayException(
                  "allowed categories apply to categorical columns; " + column + " is numeric");
            }
            yield new DataContract.Column(
                c.name(),
                c.kind(),
                c.required(),
                c.min(),
                c.max(),
                c.allowNonFinite(),
                categories(column, value),
                c.maxMissingRate());
          }
          case REQUIRED ->
              new DataContract.Column(
                  c.name(),
                  c.kind(),
                  yesNo(column, rule, value),
                  c.min(),
                  c.max(),
                  c.allowNonFinite(),
                  c.categories(),
                  c.maxMissingRate());
          case ALLOW_NON_FINITE -> {
            if (!numeric) {
              throw new AssayException(
                  "infinities allowed applies to numeric columns; " + column + " is " + c.kind());
            }
            yield new DataContract.Column(
                c.name(),
                c.kind(),
                c.required(),
                c.min(),
                c.max(),
                yesNo(column, rule, value),
                c.categories(),
                c.maxMissingRate());
          }
        };
    columns.set(index, edited);
    return new DataContract(contract.version(), columns);
  }

  /** The categories as the editor shows them: comma-separated, in order. */
  public static String categoriesText(List<String> categories) {
    return categories == null ? "" : String.join(", ", categories);
  }

  private static Double number(String column, Rule rule, String value) {
    if (value.isEmpty()) {
      return null;
    }
    double v;
    try {
      v = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!Double.isFinite(v)) {
      throw new AssayException(
          rule.label() + " of " + column + " must be a finite number, not '" + value + "'");
    }
    return v;
  }

  private static List<String> categories(String column, String value) {
    if (value.isEmpty()) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String part : value.split(",", -1)) {
      String category = part.strip();
      if (category.isEmpty()) {
        throw new AssayException(
            "allowed categories of "
                + column
                + " has an empty entry (two commas or a comma at an end)");
      }
      out.add(category);
    }
    return List.copyOf(out);
  }

  private static boolean yesNo(String column, Rule rule, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "yes", "true" -> true;
      case "no", "false" -> false;
      default ->
          throw new AssayException(
              rule.label() + " of " + column + " must be yes or no, not '" + value + "'");
    };
  }
}
