package dev.assay.cli;

import dev.assay.core.monitor.WindowResult;
import java.util.Locale;
import java.util.stream.Collectors;

/** One line per window for a terminal. */
final class MonitorText {
  private MonitorText() {}

  static String line(WindowResult r) {
    StringBuilder s = new StringBuilder();
    s.append("window ").append(r.index());
    if (r.first() >= 0) {
      s.append(" [predictions ").append(r.first() + 1).append('-').append(r.last() + 1).append(']');
    } else {
      s.append(" [").append(r.start()).append(", ").append(r.end()).append(')');
    }
    s.append(": ").append(r.predictions()).append(" predictions");
    if (r.accuracy() != null) {
      s.append(
          String.format(Locale.ROOT, ", accuracy %.4f of %d labelled", r.accuracy(), r.labelled()));
    }
    s.append(
        r.drifted().isEmpty()
            ? ", no feature drift"
            : ", drift in " + String.join(", ", r.drifted()));
    if (r.prediction() != null && r.prediction().drift()) {
      s.append(", prediction drift");
    }
    if (r.late() > 0) {
      s.append(", ").append(r.late()).append(" late");
    }
    if (r.invalid() > 0) {
      s.append(", ").append(r.invalid()).append(" invalid lines");
    }
    if (!r.alarms().isEmpty()) {
      s.append(", alarms: ")
          .append(
              r.alarms().stream()
                  .map(a -> a.detector() + " " + a.signal())
                  .collect(Collectors.joining(", ")));
    }
    if (r.ab() != null) {
      s.append(", A/B ").append(r.ab().verdict());
      Double d = r.ab().accuracy().difference();
      if (d != null) {
        s.append(
            String.format(
                Locale.ROOT,
                " (accuracy challenger - champion %+.4f, p %.3g, %d/%d labelled)",
                d,
                r.ab().accuracy().pValue(),
                r.ab().accuracy().nChampion(),
                r.ab().accuracy().nChallenger()));
      }
    }
    if (r.estimated() != null) {
      s.append(
          String.format(
              Locale.ROOT,
              ", estimated accuracy %.4f ± %.4f",
              r.estimated().accuracy(),
              1.96 * r.estimated().standardError()));
    }
    return s.toString();
  }
}
