package dev.assay.cli;

import dev.assay.core.explain.OutputSpace;
import java.util.Locale;

/** {@code assay explain}'s option values that need parsing: the output space, rows, counts. */
final class ExplainArguments {
  private ExplainArguments() {}

  static OutputSpace space(String output) {
    if (output == null) {
      return null;
    }
    return switch (output.toLowerCase(Locale.ROOT)) {
      case "proba", "probability" -> OutputSpace.PROBABILITY;
      case "logit", "log-odds" -> OutputSpace.LOGIT;
      default ->
          throw new AssayCommand.ExitException(2, "--output is proba or logit, not " + output);
    };
  }

  /** {@code N} as rows 0..N−1, {@code a-b} as a..b; returns {first, last}, inclusive. */
  static int[] rowRange(String text) {
    String t = text.strip();
    int dash = t.indexOf('-');
    if (dash < 0) {
      int n = parseCount("--rows", t, 10_000_000);
      return new int[] {0, n - 1};
    }
    int a = parseIndex(t.substring(0, dash));
    int b = parseIndex(t.substring(dash + 1));
    if (b < a) {
      throw new AssayCommand.ExitException(2, "--rows a-b needs a <= b, not " + text);
    }
    return new int[] {a, b};
  }

  private static int parseIndex(String text) {
    try {
      int v = Integer.parseInt(text.strip());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AssayCommand.ExitException(
        2, "--rows wants N or a-b with 0-based row numbers, not '" + text + "'");
  }

  static int parseCount(String option, String text, int max) {
    try {
      int v = Integer.parseInt(text.strip());
      if (v >= 1 && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AssayCommand.ExitException(
        2, option + " must be a count from 1 to " + max + ", not '" + text + "'");
  }
}
