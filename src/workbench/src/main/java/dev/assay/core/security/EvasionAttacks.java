package dev.assay.core.security;

import ai.onnxruntime.OrtException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.inference.ClassLabels;
import dev.assay.core.inference.OutputDecoder;
import dev.assay.core.inference.TargetMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Adversarial evasion attacks of a robustness test: the score-based {@link SignGradientAttack} and
 * the decision-based {@link HopSkipJumpAttack} on the same rows (chosen with the seed among the
 * rows whose target is one of the model's classes), their worst case per row, robust accuracy over
 * the epsilon grid and per sensitive group, adversarial examples, and the findings they give.
 * Classification only: a regression model's attacks are skipped with the reason.
 */
final class EvasionAttacks {
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
  private final TargetMap targetMap;
  private final String sensitive;
  private final Progress progress;
  private final Cancellation cancel;

  private AttackSummary summary;
  private AttackOutcome combined;

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
      TargetMap targetMap,
      String sensitive,
      Progress progress,
      Cancellation cancel) {
    this.targetMap = targetMap;
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
      return List.of(
          AttackResult.skipped(
              SignGradientAttack.NAME, "score_based", SCORE_DESCRIPTION, reason, budget),
          AttackResult.skipped(
              HopSkipJumpAttack.NAME, "decision_based", DECISION_DESCRIPTION, reason, budget));
    }
    Collections.shuffle(eligible, new Random(request.seed()));
    int[] rows =
        eligible.subList(0, Math.min(request.attackRows(), eligible.size())).stream()
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();
    int n = rows.length;
    double[][] origins = new double[n][];
    String[][] texts = new String[n][];
    int[] classOf = new int[n];
    boolean[] correct = new boolean[n];
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
    summary =
        new AttackSummary(
            sample,
            rows,
            correct,
            sensitive == null ? null : groupsOf(rows, sample.extra.get(sensitive)),
            sensitive,
            request.epsilons(),
            classes,
            baseline.labels(),
            request.target());
    int[] attacked = targets.stream().mapToInt(Integer::intValue).toArray();
    boolean scores = predictor.decoder().hasProbabilities();
    long most = (long) attacked.length * budget * (scores ? 2 : 1);
    List<AttackResult> all = new ArrayList<>();
    List<AttackOutcome> finished = new ArrayList<>();
    long[] before = {0};
    if (scores) {
      AttackOracle oracle = oracle(texts, classOf, budget, before, most, SignGradientAttack.NAME);
      double[] epsilons = request.epsilons().stream().mapToDouble(Double::doubleValue).toArray();
      EvasionAttack attack =
          new SignGradientAttack(space, oracle, origins, attacked, request.seed() + 101, epsilons);
      AttackOutcome outcome = attack(attack, oracle);
      finished.add(outcome);
      all.add(
          summary.result(
              SignGradientAttack.NAME, "score_based", SCORE_DESCRIPTION, outcome, budget, true));
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
    AttackOutcome outcome = attack(attack, oracle);
    finished.add(outcome);
    all.add(
        summary.result(
            HopSkipJumpAttack.NAME, "decision_based", DECISION_DESCRIPTION, outcome, budget, true));
    combined = AttackOutcome.worstCase(finished);
    all.add(
        summary.result(
            "combined",
            "worst_case",
            COMBINED_DESCRIPTION,
            combined,
            budget * finished.size(),
            false));
    return List.copyOf(all);
  }

  /** Adds the findings of the attacks' worst case (after {@link #run}; none when none ran). */
  void findings(FindingList findings) {
    if (combined != null) {
      summary.findings(combined, findings);
    }
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
              : seen.computeIfAbsent(
                  cells[i], c -> ClassLabels.indexOf(classes, targetMap.apply(c)));
    }
    return truth;
  }

  private static String[] groupsOf(int[] rows, String[] cells) {
    String[] g = new String[rows.length];
    for (int r = 0; r < rows.length; r++) {
      String value = cells[rows[r]].strip();
      g[r] = value.isEmpty() ? "(missing)" : value;
    }
    return g;
  }

  private static AttackOutcome attack(EvasionAttack attack, AttackOracle oracle)
      throws OrtException {
    long start = System.nanoTime();
    attack.run();
    int[] used = new int[attack.origins.length];
    for (int r = 0; r < used.length; r++) {
      used[r] = oracle.used(r);
    }
    return new AttackOutcome(attack.traces(), used, (System.nanoTime() - start) / 1e9);
  }
}
