package dev.assay.core.security;

import ai.onnxruntime.OrtException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.inference.ClassLabels;
import dev.assay.core.inference.OutputDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Adversarial evasion attacks of a robustness test: the score-based {@link SignGradientAttack} and
 * the decision-based {@link HopSkipJumpAttack} on the same rows (chosen with the seed among the
 * rows whose target is one of the model's classes), their worst case per row, robust accuracy over
 * the epsilon grid and per sensitive group, adversarial examples, and the findings they give.
 * Classification only: a regression model's attacks are skipped with the reason.
 */
final class EvasionAttacks {
  /** Groups with fewer correctly classified attacked rows are shown, not judged. */
  static final int MIN_GROUP_ROWS = 20;

  /** Adversarial examples kept per attack (those with the smallest perturbations). */
  static final int MAX_EXAMPLES = 10;

  /** The perturbation size at which the drop from clean accuracy is judged. */
  static final double FRAGILE_EPSILON = 0.1;

  /** A drop of robust accuracy at {@link #FRAGILE_EPSILON} by this much is an issue. */
  static final double ISSUE_DROP = 0.10;

  /** A drop of robust accuracy at {@link #FRAGILE_EPSILON} by this much is a major issue. */
  static final double MAJOR_DROP = 0.25;

  /** Group gaps are judged at the epsilons of the grid up to this one. */
  static final double GROUP_EPSILON_MAX = 0.25;

  /** A gap in success rate between groups of this much is an issue. */
  static final double GROUP_GAP = 0.10;

  /** A gap in success rate between groups of this much is a major issue. */
  static final double GROUP_GAP_MAJOR = 0.20;

  private static final String SCORE_DESCRIPTION =
      "score-based: finite-difference gradient-sign descent on the true class's log-probability"
          + " margin (a full FGSM step, then PGD steps) inside each epsilon, smallest first";
  private static final String DECISION_DESCRIPTION =
      "decision-based: HopSkipJump (L-infinity) from the nearest row of another class, using the"
          + " predicted class only";
  private static final String COMBINED_DESCRIPTION =
      "worst case per row: a row is fooled when any attack fooled it";

  private final SampleTable sample;
  private final Predictor predictor;
  private final Predictor.Outputs baseline;
  private final RobustnessRequest request;
  private final String sensitive;
  private final Progress progress;
  private final Cancellation cancel;

  private int[] rows = new int[0];
  private boolean[] correct = new boolean[0];
  private String[] groups;
  private Rows combined;
  private List<AttackResult> results = List.of();

  /**
   * @param baseline the model's predictions for every row of {@code sample}
   * @param sensitive column whose groups get their own figures (read into {@code sample}), or null
   * @param progress told queries spent against the most the attacks can spend
   */
  EvasionAttacks(
      SampleTable sample,
      Predictor predictor,
      Predictor.Outputs baseline,
      RobustnessRequest request,
      String sensitive,
      Progress progress,
      Cancellation cancel) {
    this.sample = sample;
    this.predictor = predictor;
    this.baseline = baseline;
    this.request = request;
    this.sensitive = sensitive;
    this.progress = progress;
    this.cancel = cancel;
  }

  /** Runs the attacks; returns one result per attack and, when any ran, their worst case. */
  List<AttackResult> run() throws OrtException {
    int budget = request.queryBudget();
    String reason = null;
    if (predictor.decoder().task() == OutputDecoder.Task.REGRESSION) {
      reason = "evasion attacks are defined for classification; this is a regression model";
    } else if (request.attackRows() == 0) {
      reason = "not requested (0 rows to attack)";
    }
    List<String> classes = predictor.decoder().classLabels();
    int[] truth = reason == null ? truth(classes) : new int[0];
    List<Integer> eligible = new ArrayList<>();
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] >= 0) {
        eligible.add(i);
      }
    }
    AttackSpace space = new AttackSpace(sample, request.immutable());
    if (reason == null && eligible.isEmpty()) {
      reason = "no row's target '" + request.target() + "' is one of the model's classes";
    } else if (reason == null && space.dimensions() == 0) {
      reason = "no feature the attacks may change (all are immutable, categorical or text)";
    }
    if (reason != null) {
      results =
          List.of(
              AttackResult.skipped(
                  SignGradientAttack.NAME, "score_based", SCORE_DESCRIPTION, reason, budget),
              AttackResult.skipped(
                  HopSkipJumpAttack.NAME, "decision_based", DECISION_DESCRIPTION, reason, budget));
      return results;
    }
    java.util.Collections.shuffle(eligible, new Random(request.seed()));
    rows =
        eligible.subList(0, Math.min(request.attackRows(), eligible.size())).stream()
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();
    int n = rows.length;
    double[][] origins = new double[n][];
    String[][] texts = new String[n][];
    int[] classOf = new int[n];
    correct = new boolean[n];
    List<Integer> targets = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      origins[r] = sample.values[rows[r]];
      texts[r] = sample.texts[rows[r]];
      classOf[r] = truth[rows[r]];
      correct[r] = baseline.labels()[rows[r]] == classOf[r];
      if (correct[r]) {
        targets.add(r);
      }
    }
    groups = sensitive == null ? null : groupsOf(sample.extra.get(sensitive));
    int[] attacked = targets.stream().mapToInt(Integer::intValue).toArray();
    boolean scores = predictor.decoder().hasProbabilities();
    long most = (long) attacked.length * budget * (scores ? 2 : 1);
    List<AttackResult> all = new ArrayList<>();
    List<Rows> finished = new ArrayList<>();
    long[] before = {0};
    if (scores) {
      AttackOracle oracle = oracle(texts, classOf, budget, before, most, SignGradientAttack.NAME);
      double[] epsilons = request.epsilons().stream().mapToDouble(Double::doubleValue).toArray();
      EvasionAttack attack =
          new SignGradientAttack(space, oracle, origins, attacked, request.seed() + 101, epsilons);
      Rows outcome = attack(attack, oracle);
      finished.add(outcome);
      all.add(
          result(SignGradientAttack.NAME, "score_based", SCORE_DESCRIPTION, outcome, budget, true));
      before[0] += oracle.total();
    } else {
      all.add(
          AttackResult.skipped(
              SignGradientAttack.NAME,
              "score_based",
              SCORE_DESCRIPTION,
              "needs class probabilities; the model only gives labels",
              budget));
    }
    AttackOracle oracle = oracle(texts, classOf, budget, before, most, HopSkipJumpAttack.NAME);
    EvasionAttack attack =
        new HopSkipJumpAttack(
            space,
            oracle,
            origins,
            attacked,
            request.seed() + 202,
            classOf,
            sample.values,
            baseline.labels());
    Rows outcome = attack(attack, oracle);
    finished.add(outcome);
    all.add(
        result(
            HopSkipJumpAttack.NAME, "decision_based", DECISION_DESCRIPTION, outcome, budget, true));
    combined = Rows.worstCase(finished);
    all.add(
        result(
            "combined",
            "worst_case",
            COMBINED_DESCRIPTION,
            combined,
            budget * finished.size(),
            false));
    results = List.copyOf(all);
    return results;
  }

  private AttackOracle oracle(
      String[][] texts, int[] classOf, int budget, long[] before, long most, String name) {
    return new AttackOracle(
        predictor,
        texts,
        classOf,
        budget,
        cancel,
        spent ->
            progress.update(
                before[0] + spent,
                Math.max(1, most),
                String.format(
                    Locale.ROOT, "attack %s: %,d model queries", name, before[0] + spent)));
  }

  /** Class index of every sample row's target (-1 when it is not one of the classes). */
  private int[] truth(List<String> classes) {
    String[] cells = sample.extra.get(request.target());
    int[] truth = new int[sample.rows()];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < truth.length; i++) {
      truth[i] =
          classes == null
              ? -1
              : seen.computeIfAbsent(cells[i], c -> ClassLabels.indexOf(classes, c));
    }
    return truth;
  }

  private String[] groupsOf(String[] cells) {
    String[] g = new String[rows.length];
    for (int r = 0; r < rows.length; r++) {
      String value = cells[rows[r]].strip();
      g[r] = value.isEmpty() ? "(missing)" : value;
    }
    return g;
  }

  private static Rows attack(EvasionAttack attack, AttackOracle oracle) throws OrtException {
    long start = System.nanoTime();
    attack.run();
    int[] used = new int[attack.origins.length];
    for (int r = 0; r < used.length; r++) {
      used[r] = oracle.used(r);
    }
    return new Rows(attack.traces(), used, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Per-row outcome of an attack (or of the worst case of several).
   *
   * @param parts the attacks combined, run one after the other (empty for a single attack)
   */
  private record Rows(AttackTrace[] traces, int[] used, double seconds, List<Rows> parts) {
    Rows(AttackTrace[] traces, int[] used, double seconds) {
      this(traces, used, seconds, List.of());
    }

    static Rows worstCase(List<Rows> parts) {
      int n = parts.getFirst().used.length;
      int[] used = new int[n];
      double seconds = 0;
      for (Rows p : parts) {
        seconds += p.seconds;
        for (int r = 0; r < n; r++) {
          used[r] += p.used[r];
        }
      }
      return new Rows(null, used, seconds, List.copyOf(parts));
    }

    double best(int row) {
      if (traces != null) {
        return traces[row].best();
      }
      return parts.stream().mapToDouble(p -> p.best(row)).min().orElse(Double.POSITIVE_INFINITY);
    }

    boolean within(int row, double epsilon) {
      return best(row) <= epsilon * (1 + 1e-9);
    }

    /** Queries until fooled within epsilon (attacks run in turn), else all of them. */
    int queriesFor(int row, double epsilon) {
      if (traces != null) {
        return traces[row].queriesFor(epsilon, used[row]);
      }
      int spent = 0;
      for (Rows p : parts) {
        if (p.within(row, epsilon)) {
          return spent + p.queriesFor(row, epsilon);
        }
        spent += p.used[row];
      }
      return spent;
    }
  }

  private AttackResult result(
      String name, String kind, String description, Rows outcome, int budget, boolean examples) {
    int n = rows.length;
    int good = 0;
    long total = 0;
    int max = 0;
    for (int r = 0; r < n; r++) {
      good += correct[r] ? 1 : 0;
      total += outcome.used[r];
      max = Math.max(max, outcome.used[r]);
    }
    List<Integer> everyone = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      everyone.add(r);
    }
    Map<String, List<Integer>> members = new TreeMap<>(ClassLabels.NATURAL);
    if (groups != null) {
      for (int r = 0; r < n; r++) {
        members.computeIfAbsent(groups[r], g -> new ArrayList<>()).add(r);
      }
    }
    List<AttackResult.Epsilon> epsilons = new ArrayList<>();
    for (double epsilon : request.epsilons()) {
      epsilons.add(epsilon(outcome, everyone, epsilon, members.values()));
    }
    List<AttackResult.Group> groupResults = new ArrayList<>();
    members.forEach((group, in) -> groupResults.add(group(outcome, group, in)));
    return new AttackResult(
        name,
        kind,
        description,
        "completed",
        null,
        AttackResult.NORM,
        n,
        good,
        n == 0 ? 0 : (double) good / n,
        budget,
        total,
        max,
        outcome.seconds,
        sensitive,
        List.copyOf(epsilons),
        List.copyOf(groupResults),
        examples ? examples(outcome) : List.of());
  }

  private AttackResult.Epsilon epsilon(
      Rows outcome, List<Integer> in, double epsilon, Collection<List<Integer>> groupRows) {
    Figures f = figures(outcome, in, epsilon);
    Double gap = null;
    Double successGap = null;
    double[] range = {1, 0, 1, 0};
    int judged = 0;
    for (List<Integer> g : groupRows) {
      Figures gf = figures(outcome, g, epsilon);
      if (gf.correct < MIN_GROUP_ROWS) {
        continue;
      }
      judged++;
      range[0] = Math.min(range[0], gf.robust);
      range[1] = Math.max(range[1], gf.robust);
      range[2] = Math.min(range[2], gf.success);
      range[3] = Math.max(range[3], gf.success);
    }
    if (judged >= 2) {
      gap = range[1] - range[0];
      successGap = range[3] - range[2];
    }
    return new AttackResult.Epsilon(
        epsilon,
        f.robust,
        f.correct == 0 ? null : f.success,
        f.median,
        f.queries,
        f.correct == 0 ? 0 : (double) f.queries / f.correct,
        f.fooled,
        gap,
        successGap);
  }

  private AttackResult.Group group(Rows outcome, String group, List<Integer> in) {
    List<AttackResult.GroupEpsilon> at = new ArrayList<>();
    Figures any = null;
    for (double epsilon : request.epsilons()) {
      Figures f = figures(outcome, in, epsilon);
      any = f;
      at.add(new AttackResult.GroupEpsilon(epsilon, f.robust, f.correct == 0 ? null : f.success));
    }
    int good = any == null ? 0 : any.correct;
    return new AttackResult.Group(
        group,
        in.size(),
        good,
        in.isEmpty() ? 0 : (double) good / in.size(),
        good < MIN_GROUP_ROWS,
        List.copyOf(at));
  }

  /** Robust accuracy, success rate, median perturbation and queries of some rows at epsilon. */
  private record Figures(
      int correct, int fooled, double robust, double success, Double median, long queries) {}

  private Figures figures(Rows outcome, List<Integer> in, double epsilon) {
    int good = 0;
    int fooled = 0;
    long queries = 0;
    double[] sizes = new double[in.size()];
    for (int r : in) {
      if (!correct[r]) {
        continue;
      }
      good++;
      queries += outcome.queriesFor(r, epsilon);
      if (outcome.within(r, epsilon)) {
        sizes[fooled++] = outcome.best(r);
      }
    }
    Double median = null;
    if (fooled > 0) {
      double[] s = Arrays.copyOf(sizes, fooled);
      Arrays.sort(s);
      median = fooled % 2 == 1 ? s[fooled / 2] : (s[fooled / 2 - 1] + s[fooled / 2]) / 2;
    }
    return new Figures(
        good,
        fooled,
        in.isEmpty() ? 0 : (double) (good - fooled) / in.size(),
        good == 0 ? 0 : (double) fooled / good,
        median,
        queries);
  }

  private List<AttackResult.Example> examples(Rows outcome) {
    List<Integer> fooled = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      if (outcome.traces[r].fooled()) {
        fooled.add(r);
      }
    }
    fooled.sort(
        java.util.Comparator.comparingDouble((Integer r) -> outcome.traces[r].best())
            .thenComparingInt(r -> r));
    List<String> classes = predictor.decoder().classLabels();
    List<AttackResult.Example> examples = new ArrayList<>();
    for (int r : fooled.subList(0, Math.min(MAX_EXAMPLES, fooled.size()))) {
      AttackTrace trace = outcome.traces[r];
      double[] x0 = sample.values[rows[r]];
      double[] x = trace.point();
      List<String> changed = new ArrayList<>();
      List<AttackResult.FeatureValue> values = new ArrayList<>();
      for (int j = 0; j < x0.length; j++) {
        if (sample.text[j]) {
          continue;
        }
        String name = sample.columns.get(j);
        values.add(new AttackResult.FeatureValue(name, finite(x0[j]), finite(x[j])));
        if (Double.compare(x0[j], x[j]) != 0) {
          changed.add(name);
        }
      }
      String truthLabel = sample.extra.get(request.target())[rows[r]].strip();
      examples.add(
          new AttackResult.Example(
              rows[r] + 1,
              truthLabel,
              label(classes, baseline.labels()[rows[r]]),
              label(classes, trace.label()),
              trace.best(),
              trace.queriesAtBest(),
              List.copyOf(changed),
              List.copyOf(values)));
    }
    return List.copyOf(examples);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String label(List<String> classes, int index) {
    return classes != null && index >= 0 && index < classes.size()
        ? classes.get(index)
        : Integer.toString(index);
  }

  /** Adds the findings of the attacks' worst case (after {@link #run}). */
  void findings(FindingList findings) {
    if (combined == null) {
      return;
    }
    List<Integer> everyone = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      everyone.add(r);
    }
    Figures f = figures(combined, everyone, FRAGILE_EPSILON);
    double clean = rows.length == 0 ? 0 : (double) f.correct / rows.length;
    double drop = clean - f.robust;
    if (drop >= ISSUE_DROP) {
      findings.add(
          drop >= MAJOR_DROP ? SecurityCheck.ADVERSARIAL_MAJOR : SecurityCheck.ADVERSARIAL_ISSUE,
          String.format(
              Locale.ROOT,
              "within %.2f standard deviations (L-infinity) the attacks changed the class of %d of"
                  + " %d correctly classified rows: robust accuracy %.3f against clean accuracy"
                  + " %.3f on %d rows",
              FRAGILE_EPSILON,
              f.fooled,
              f.correct,
              f.robust,
              clean,
              rows.length));
    }
    groupFinding(findings);
  }

  private void groupFinding(FindingList findings) {
    if (groups == null) {
      return;
    }
    Map<String, List<Integer>> members = new TreeMap<>(ClassLabels.NATURAL);
    for (int r = 0; r < rows.length; r++) {
      members.computeIfAbsent(groups[r], g -> new ArrayList<>()).add(r);
    }
    double worstGap = 0;
    String evidence = null;
    for (double epsilon : request.epsilons()) {
      if (epsilon > GROUP_EPSILON_MAX * (1 + 1e-9)) {
        continue;
      }
      String low = null;
      String high = null;
      Figures lowF = null;
      Figures highF = null;
      for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
        Figures g = figures(combined, e.getValue(), epsilon);
        if (g.correct < MIN_GROUP_ROWS) {
          continue;
        }
        if (lowF == null || g.success < lowF.success) {
          lowF = g;
          low = e.getKey();
        }
        if (highF == null || g.success > highF.success) {
          highF = g;
          high = e.getKey();
        }
      }
      if (lowF == null || highF == lowF || highF.success - lowF.success <= worstGap) {
        continue;
      }
      worstGap = highF.success - lowF.success;
      evidence =
          String.format(
              Locale.ROOT,
              "%s: within %.2f standard deviations the attacks fooled %.1f%% of the correctly"
                  + " classified rows of %s=%s (%d rows) but %.1f%% of %s=%s (%d rows); robust"
                  + " accuracy %.3f against %.3f",
              sensitive,
              epsilon,
              100 * highF.success,
              sensitive,
              high,
              highF.correct,
              100 * lowF.success,
              sensitive,
              low,
              lowF.correct,
              highF.robust,
              lowF.robust);
    }
    if (worstGap >= GROUP_GAP) {
      findings.add(
          worstGap >= GROUP_GAP_MAJOR
              ? SecurityCheck.ADVERSARIAL_GROUP_GAP_MAJOR
              : SecurityCheck.ADVERSARIAL_GROUP_GAP,
          evidence);
    }
  }
}
