package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.AssayException;
import dev.assay.core.Json;
import dev.assay.core.fairness.CountedDisparity;
import dev.assay.core.live.RolloutStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.monitor.RolloutPlan;
import dev.assay.workbench.Workbench;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay rollout ...}: gradual rollouts of a challenger model version against a champion,
 * gated on the stored windows of {@code assay monitor} (its sequential A/B test, drift and alerts).
 */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = {
      "Gradual rollouts: a plan of traffic stages for a challenger model version against the"
          + " champion, each stage's gate evaluated on the windows 'assay monitor' stored since the"
          + " stage began (events per variant, the accuracy difference's always-valid confidence"
          + " sequence, drift, alerts), and promote or roll back decisions recorded with who made"
          + " them (all audited)."
    },
    footer = {"", "Exit codes: 0 ok, 1 refused input, 2 usage error, 3 internal error."})
final class RolloutCommand implements Runnable, ParentCommand {
  private static final ObjectMapper JSON =
      Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  RolloutCommand(AssayCommand root) {}

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "choose a command: plan create, list, status or decide");
  }

  @Override
  public void addChildren(CommandLine self, AssayCommand root) {
    CommandLine plan = new CommandLine(new Plan());
    plan.addSubcommand(new Create(root));
    self.addSubcommand("plan", plan);
    self.addSubcommand(new ListPlans(root));
    self.addSubcommand(new Status(root));
    self.addSubcommand(new Decide(root));
  }

  /** Whether a usage error in {@code command} is shown as one line (no usage): rollout's. */
  static boolean oneLineErrors(CommandLine command) {
    return command != null
        && command.getCommandSpec().qualifiedName(" ").startsWith("assay rollout");
  }

  private static void print(AssayCommand root, Object document) throws Exception {
    root.context().out().println(JSON.writeValueAsString(document));
  }

  /** {@code assay rollout plan}: only its {@code create}. */
  @Command(name = "plan", mixinStandardHelpOptions = true, description = "Rollout plans.")
  static final class Plan implements Runnable {
    @Override
    public void run() {
      throw new CommandLine.ParameterException(new CommandLine(this), "choose a command: create");
    }
  }

  /** {@code assay rollout plan create --challenger N:V --champion N:V --stages 5,25,100 ...}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Stores (and audits) a rollout plan; prints its id.")
  static final class Create implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--challenger", required = true, paramLabel = "NAME:VERSION")
    String challenger;

    @Option(names = "--champion", required = true, paramLabel = "NAME:VERSION")
    String champion;

    @Option(
        names = "--stages",
        split = ",",
        defaultValue = "5,25,50,100",
        paramLabel = "PERCENT[,PERCENT...]",
        description = "traffic shares, increasing (default: ${DEFAULT-VALUE})")
    List<Integer> stages;

    @Option(
        names = "--min-events",
        defaultValue = "1000",
        paramLabel = "N",
        description = "predictions per variant a stage needs (default: ${DEFAULT-VALUE})")
    long minEvents;

    @Option(
        names = "--max-drop",
        defaultValue = "0.01",
        paramLabel = "D",
        description =
            "the challenger's accuracy may be lower than the champion's by at most D"
                + " (default: ${DEFAULT-VALUE})")
    double maxDrop;

    @Option(
        names = "--fairness-column",
        paramLabel = "FEATURE",
        description =
            "fairness gate: a sensitive feature of the events; a stage rolls back when the"
                + " challenger's disparity between its groups is unfair while the champion's is"
                + " fair (assay monitor counts its groups per variant)")
    String fairnessColumn;

    @Option(
        names = "--fairness-metric",
        defaultValue = "demographic_parity_difference",
        paramLabel = "METRIC",
        description =
            "fairness gate: demographic_parity_difference (all predictions),"
                + " equal_opportunity_difference, equalized_odds_difference or"
                + " predictive_parity_difference (labelled predictions) (default:"
                + " ${DEFAULT-VALUE})")
    String fairnessMetric;

    @Option(
        names = "--fairness-threshold",
        paramLabel = "T",
        description = "fairness gate: the largest fair value (default: assay fairness's, 0.1)")
    Double fairnessThreshold;

    @Option(
        names = "--fairness-min-group",
        paramLabel = "N",
        description =
            "fairness gate: groups with fewer predictions in a stage are not judged (default:"
                + " assay fairness's, 20)")
    Integer fairnessMinGroup;

    @Option(names = "--json", description = "print the plan as JSON")
    boolean asJson;

    Create(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws Exception {
      RolloutPlan plan;
      try {
        plan = new RolloutPlan(stages, minEvents, maxDrop, fairnessGate());
      } catch (IllegalArgumentException e) {
        throw new AssayCommand.ExitException(AssayCommand.EXIT_USAGE, e.getMessage());
      }
      Workbench workbench = root.workbench();
      ModelVersion challengerVersion = CliInputs.model(workbench, challenger);
      ModelVersion championVersion = CliInputs.model(workbench, champion);
      RolloutStore.StoredPlan stored =
          workbench
              .monitors()
              .rollouts()
              .create(challengerVersion.id(), championVersion.id(), plan);
      if (asJson) {
        print(root, stored);
      } else {
        root.context().out().println(RolloutText.plan(stored));
      }
      return 0;
    }

    /** The fairness gate of the options, or null without {@code --fairness-column}. */
    private RolloutPlan.FairnessGate fairnessGate() {
      if (fairnessColumn == null) {
        if (fairnessThreshold != null || fairnessMinGroup != null) {
          throw new IllegalArgumentException(
              "--fairness-threshold and --fairness-min-group need --fairness-column");
        }
        return null;
      }
      try {
        CountedDisparity.check(fairnessMetric);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--fairness-metric: " + e.getMessage());
      }
      return new RolloutPlan.FairnessGate(
          fairnessColumn,
          fairnessMetric,
          fairnessThreshold != null
              ? fairnessThreshold
              : CountedDisparity.defaultLimit(fairnessMetric),
          fairnessMinGroup != null ? fairnessMinGroup : CountedDisparity.defaultMinGroupSize());
    }
  }

  /** {@code assay rollout list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Rollout plans, newest first.")
  static final class ListPlans implements Callable<Integer> {
    private final AssayCommand root;

    ListPlans(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      RolloutStore store = root.workbench().monitors().rollouts();
      List<RolloutStore.StoredPlan> plans = store.plans();
      if (plans.isEmpty()) {
        root.context().out().println("no rollout plans");
      }
      for (RolloutStore.StoredPlan p : plans) {
        root.context().out().println(p.id() + " " + RolloutText.plan(p));
      }
      return 0;
    }
  }

  /** {@code assay rollout status PLAN}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Evaluates the current stage's gate on the stored monitor windows: continue, promote"
              + " (to the next stage) or roll back, with the evidence.")
  static final class Status implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "PLAN", description = "the plan's id")
    String plan;

    @Option(names = "--json", description = "print JSON")
    boolean asJson;

    Status(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws Exception {
      RolloutStore.Status status =
          root.workbench()
              .monitors()
              .rollouts()
              .status(OptionRanges.positiveId(plan, "a rollout plan's"));
      if (asJson) {
        print(root, RolloutText.document(status));
      } else {
        RolloutText.status(root.context().out(), status);
      }
      return 0;
    }
  }

  /** {@code assay rollout decide PLAN --promote|--rollback --by NAME --reason TEXT}. */
  @Command(
      name = "decide",
      mixinStandardHelpOptions = true,
      description =
          "Records a decision on the plan's current stage with who made it and why (audited); a"
              + " promote against a gate that says roll back is refused unless --override.")
  static final class Decide implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(index = "0", paramLabel = "PLAN", description = "the plan's id")
    String plan;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "who decides")
    String by;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why")
    String reason;

    @Option(names = "--override", description = "promote although the gate says roll back")
    boolean override;

    @Option(names = "--json", description = "print the decision as JSON")
    boolean asJson;

    Decide(AssayCommand root) {
      this.root = root;
    }

    /** Promote or roll back: exactly one. */
    static final class Action {
      @Option(names = "--promote", required = true, description = "to the next stage")
      boolean promote;

      @Option(names = "--rollback", required = true, description = "end the rollout")
      boolean rollback;
    }

    @Override
    public Integer call() throws Exception {
      RolloutStore.Decision d;
      try {
        d =
            root.workbench()
                .monitors()
                .rollouts()
                .decide(
                    OptionRanges.positiveId(plan, "a rollout plan's"),
                    action.promote,
                    by,
                    reason,
                    override);
      } catch (AssayException e) {
        throw new AssayCommand.ExitException(AssayCommand.EXIT_REFUSED, e.getMessage());
      }
      if (asJson) {
        print(root, d);
      } else {
        root.context().out().println(RolloutText.decision(d));
      }
      return 0;
    }
  }
}
