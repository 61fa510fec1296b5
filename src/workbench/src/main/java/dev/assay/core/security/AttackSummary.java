package dev.assay.core.security;

import dev.assay.core.inference.ClassLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of the attacks on one set of rows: robust accuracy, success rate, median perturbation
 * and queries at each epsilon, the same per sensitive group, the adversarial examples with the
 * smallest perturbations, and the findings of the worst case.
 */
final class AttackSummary {
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

  private final SampleTable sample;
  private final int[] rows;
  private final boolean[] correct;
  private final String[] groups;
  private final String sensitive;
  private final List<Double> epsilons;
  private final List<String> classes;
  private final int[] predicted;
  private final String target;

  /**
   * @param rows the attacked rows of {@code sample}
   * @param correct whether the model classifies each attacked row correctly
   * @param groups each attacked row's sensitive group, or null without a sensitive column
   * @param predicted the model's class for every row of {@code sample}
   */
  AttackSummary(
      SampleTable sample,
      int[] rows,
      boolean[] correct,
      String[] groups,
      String sensitive,
      List<Double> epsilons,
      List<String> classes,
      int[] predicted,
      String target) {
    this.sample = sample;
    this.rows = rows;
    this.correct = correct;
    this.groups = groups;
    this.sensitive = sensitive;
    this.epsilons = epsilons;
    this.classes = classes;
    this.predicted = predicted;
    this.target = target;
  }

  AttackResult result(
      String name,
      String kind,
      String description,
      AttackOutcome outcome,
      int budget,
      boolean examples) {
    int n = rows.length;
    int good = 0;
    long total = 0;
    int max = 0;
    for (int r = 0; r < n; r++) {
      good += correct[r] ? 1 : 0;
      total += outcome.used()[r];
      max = Math.max(max, outcome.used()[r]);
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
    List<AttackResult.Epsilon> atEpsilons = new ArrayList<>();
    for (double epsilon : epsilons) {
      atEpsilons.add(epsilon(outcome, everyone, epsilon, members.values()));
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
        outcome.seconds(),
        sensitive,
        List.copyOf(atEpsilons),
        List.copyOf(groupResults),
        examples ? examples(outcome) : List.of());
  }

  private AttackResult.Epsilon epsilon(
      AttackOutcome outcome,
      List<Integer> in,
      double epsilon,
      Collection<List<Integer>> groupRows) {
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

  private AttackResult.Group group(AttackOutcome outcome, String group, List<Integer> in) {
    List<AttackResult.GroupEpsilon> at = new ArrayList<>();
    Figures any = null;
    for (double epsilon : epsilons) {
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

  private Figures figures(AttackOutcome outcome, List<Integer> in, double epsilon) {
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

  private List<AttackResult.Example> examples(AttackOutcome outcome) {
    List<Integer> fooled = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      if (outcome.traces()[r].fooled()) {
        fooled.add(r);
      }
    }
    fooled.sort(
        Comparator.comparingDouble((Integer r) -> outcome.traces()[r].best())
            .thenComparingInt(r -> r));
    List<AttackResult.Example> examples = new ArrayList<>();
    for (int r : fooled.subList(0, Math.min(MAX_EXAMPLES, fooled.size()))) {
      AttackTrace trace = outcome.traces()[r];
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
      String truthLabel = sample.extra.get(target)[rows[r]].strip();
      examples.add(
          new AttackResult.Example(
              rows[r] + 1,
              truthLabel,
              label(classes, predicted[rows[r]]),
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

  /** Adds the findings of the attacks' worst case. */
  void findings(AttackOutcome combined, FindingList findings) {
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
    groupFinding(combined, findings);
  }

  private void groupFinding(AttackOutcome combined, FindingList findings) {
    if (groups == null) {
      return;
    }
    Map<String, List<Integer>> members = new TreeMap<>(ClassLabels.NATURAL);
    for (int r = 0; r < rows.length; r++) {
      members.computeIfAbsent(groups[r], g -> new ArrayList<>()).add(r);
    }
    double worstGap = 0;
    String evidence = null;
    for (double epsilon : epsilons) {
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
