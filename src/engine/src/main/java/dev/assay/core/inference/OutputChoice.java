package dev.assay.core.inference;

import java.util.Locale;

/**
 * Which model outputs a run reads, as the user chose them ({@code --probabilities-output}, {@code
 * --label-output}, a choice on a screen, or remembered for the model version). A null name leaves
 * that output to Assay, which chooses by what the outputs hold and then by name.
 *
 * @param probabilities the output to read as class probabilities, or null
 * @param label the output to read as predicted labels, or null
 */
public record OutputChoice(String probabilities, String label) {
  /** Both outputs chosen by Assay. */
  public static final OutputChoice AUTOMATIC = new OutputChoice(null, null);

  public OutputChoice {
    probabilities = blankToNull(probabilities);
    label = blankToNull(label);
  }

  /** Whether nothing was chosen. */
  public boolean automatic() {
    return probabilities == null && label == null;
  }

  /** This choice, with what it leaves open taken from {@code fallback}. */
  public OutputChoice orElse(OutputChoice fallback) {
    if (fallback == null) {
      return this;
    }
    return new OutputChoice(
        probabilities != null ? probabilities : fallback.probabilities,
        label != null ? label : fallback.label);
  }

  /**
   * How an output's name ranks as a probability output: 0 named like probabilities ({@code
   * probabilities}, {@code probability}, {@code output_probability}, {@code probs}), 2 named like
   * logits or scores, 1 anything else.
   */
  public static int nameRank(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.contains("prob")) {
      return 0;
    }
    if (n.contains("logit") || n.contains("score")) {
      return 2;
    }
    return 1;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
