package dev.assay.cli;

import dev.assay.core.AssayException;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.monitor.AlertRule;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay monitor add-rule} and {@code assay monitor rules}: alert rules of a version. */
final class MonitorRulesCommand {
  private MonitorRulesCommand() {}

  /** {@code assay monitor add-rule --model M:V --name N --metric X --when OP --threshold T}. */
  @Command(
      name = "add-rule",
      mixinStandardHelpOptions = true,
      description = {
        "Adds an alert rule to a model version (stored and audited). 'assay monitor' runs the"
            + " version's rules on every window; a rule fires when its condition has held for"
            + " --for consecutive windows (stored with the window, exported on the metrics"
            + " endpoint as assay_monitor_alerts_total and assay_monitor_alert_firing).",
        "Metrics: accuracy, drifted_features, predictions, labelled, late, invalid, alarms,"
            + " drift_alarms, prediction_psi, prediction_drift, psi:FEATURE, effect:FEATURE,"
            + " p_value:FEATURE, drift:FEATURE."
      })
  static final class Add implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--model", required = true, paramLabel = "NAME:VERSION")
    String model;

    @Option(names = "--name", required = true, paramLabel = "NAME")
    String name;

    @Option(names = "--metric", required = true, paramLabel = "METRIC")
    String metric;

    @Option(names = "--when", required = true, paramLabel = "> | >= | < | <=")
    String comparison;

    @Option(names = "--threshold", required = true, paramLabel = "NUMBER")
    double threshold;

    @Option(
        names = "--for",
        defaultValue = "1",
        paramLabel = "N",
        description = "consecutive windows (default: ${DEFAULT-VALUE})")
    int forWindows;

    Add(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      AlertRule rule;
      try {
        rule = new AlertRule(0, name, metric, comparison, threshold, forWindows);
      } catch (IllegalArgumentException e) {
        throw new AssayCommand.ExitException(AssayCommand.EXIT_USAGE, e.getMessage());
      }
      Workbench workbench = root.workbench();
      ModelVersion version = CliInputs.model(workbench, model);
      AlertRule stored;
      try {
        stored = workbench.monitors().alerts().add(version.id(), rule);
      } catch (AssayException e) {
        throw new AssayCommand.ExitException(AssayCommand.EXIT_REFUSED, e.getMessage());
      }
      root.context().out().println("alert rule " + stored.id() + " " + stored.describe());
      return 0;
    }
  }

  /** {@code assay monitor rules --model M:V}. */
  @Command(
      name = "rules",
      mixinStandardHelpOptions = true,
      description = "The alert rules of a model version, oldest first.")
  static final class ListRules implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--model", required = true, paramLabel = "NAME:VERSION")
    String model;

    ListRules(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      Workbench workbench = root.workbench();
      ModelVersion version = CliInputs.model(workbench, model);
      List<AlertRule> rules = workbench.monitors().alerts().rules(version.id());
      PrintWriter out = root.context().out();
      if (rules.isEmpty()) {
        out.println("no alert rules");
        return 0;
      }
      for (AlertRule r : rules) {
        out.println(r.id() + " " + r.describe());
      }
      return 0;
    }
  }
}
