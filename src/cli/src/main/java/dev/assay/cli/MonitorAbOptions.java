package dev.assay.cli;

import dev.assay.core.monitor.AbTest;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code assay monitor}'s champion/challenger test settings. */
final class MonitorAbOptions {
  @Option(
      names = "--ab-alpha",
      defaultValue = "0.05",
      description =
          "A/B test: the bound on the chance of ever stopping (either way) when champion and"
              + " challenger do not differ; the mixture SPRT may be checked after every window"
              + " (default: ${DEFAULT-VALUE})")
  double alpha;

  @Option(
      names = "--ab-tau",
      defaultValue = "0.05",
      description =
          "A/B test: the normal mixture's standard deviation of the difference, the size of"
              + " difference the test is tuned for (default: ${DEFAULT-VALUE})")
  double tau;

  @Option(
      names = "--ab-max",
      defaultValue = "10000",
      description =
          "A/B test: labelled predictions per variant at which it ends inconclusive"
              + " (default: ${DEFAULT-VALUE})")
  long max;

  @Option(
      names = "--ab-positive",
      defaultValue = "1",
      paramLabel = "CLASS",
      description =
          "A/B test: the class whose prediction rate is compared (default: ${DEFAULT-VALUE})")
  String positive;

  /** The settings, with at least 30 labelled predictions per variant before evidence counts. */
  AbTest.Settings settings() {
    try {
      return new AbTest.Settings(
          alpha, tau, Math.min(AbTest.Settings.DEFAULTS.minLabelled(), max), max, positive);
    } catch (IllegalArgumentException e) {
      throw new AssayCommand.ExitException(AssayCommand.EXIT_USAGE, e.getMessage());
    }
  }

  /**
   * What the stream's stored settings record of the test: nothing for the defaults (so streams
   * started before the test existed resume), else the settings.
   */
  static Map<String, Object> stored(AbTest.Settings s) {
    if (s.equals(AbTest.Settings.DEFAULTS)) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alpha", s.alpha());
    m.put("tau", s.tau());
    m.put("max_labelled", s.maxLabelled());
    m.put("positive", s.positive());
    return m;
  }
}
