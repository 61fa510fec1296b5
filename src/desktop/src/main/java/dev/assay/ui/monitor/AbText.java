package dev.assay.ui.monitor;

import dev.assay.core.monitor.AbWindow;
import java.util.Locale;

/** The Monitoring screen's A/B panel text: the test's verdict and evidence as of a window. */
final class AbText {
  private AbText() {}

  static String describe(long window, AbWindow ab) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "A/B test (mixture SPRT, α %s, τ %s) after window %d: %s",
            ab.test().alpha(),
            ab.test().tau(),
            window,
            ab.verdict()));
    if (ab.decidedAt() != null) {
      s.append(" (decided at window ").append(ab.decidedAt()).append(')');
    }
    s.append("\n").append(line("accuracy", ab.accuracy(), "labelled"));
    s.append("\n")
        .append(line("rate of predicted " + ab.positive(), ab.predictionRate(), "predictions"));
    return s.toString();
  }

  private static String line(String what, AbWindow.Comparison c, String unit) {
    String counts =
        String.format(
            Locale.ROOT, "%d champion / %d challenger %s", c.nChampion(), c.nChallenger(), unit);
    if (c.difference() == null) {
      return what + ": " + counts;
    }
    String band =
        c.lower() == null
            ? "confidence sequence after " + "both have enough " + unit
            : String.format(Locale.ROOT, "[%+.4f, %+.4f]", c.lower(), c.upper());
    return String.format(
        Locale.ROOT,
        "%s challenger − champion %+.4f %s, always-valid p %.3g; %s",
        what,
        c.difference(),
        band,
        c.pValue(),
        counts);
  }
}
