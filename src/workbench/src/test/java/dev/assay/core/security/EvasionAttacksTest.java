package dev.assay.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evasion attacks on logistic models whose decision boundary is a known hyperplane {@code x . w + b
 * = 0}: the smallest L-infinity perturbation (in standard deviations) that flips a row is then
 * known in closed form, so an attack can be checked against the truth: it can never beat it, and it
 * should come close.
 */
class EvasionAttacksTest {
  /** Weights of a, b, n, c, s; s is the one kept immutable, c a 0/1 category, n whole. */
  private static final double[] W = {1.0, -0.5, 0.1, 2.0, 3.0};

  private static final double BIAS = 0.2;
  private static final List<String> FEATURES = List.of("a", "b", "n", "c", "s");

  @TempDir Path dir;
  private TestWorkbench bench;
  private ModelVersion linear;
  private ModelVersion labelOnly;

  @BeforeEach
  void open() throws Exception {
    bench = TestWorkbench.open(dir);
    float[] w = new float[W.length];
    for (int j = 0; j < W.length; j++) {
      w[j] = (float) W[j];
    }
    linear =
        bench.importModel(
            TestModels.write(
                dir.resolve("linear.onnx"), TestModels.linearClassifier(w, (float) BIAS, false)),
            "linear");
    labelOnly =
        bench.importModel(
            TestModels.write(
                dir.resolve("labels.onnx"), TestModels.linearClassifier(w, (float) BIAS, true)),
            "labels");
  }

  @AfterEach
  void close() {
    bench.close();
  }

  /** The rows of a dataset: values of a, b, n, c, s, a group and the true class. */
  private record Data(double[][] x, String[] group, int[] y, DatasetVersion version) {
    double std(int j) {
      double mean = 0;
      for (double[] r : x) {
        mean += r[j];
      }
      mean /= x.length;
      double sum = 0;
      for (double[] r : x) {
        sum += (r[j] - mean) * (r[j] - mean);
      }
      return Math.sqrt(sum / (x.length - 1));
    }

    double min(int j) {
      return java.util.Arrays.stream(x).mapToDouble(r -> r[j]).min().orElseThrow();
    }

    double max(int j) {
      return java.util.Arrays.stream(x).mapToDouble(r -> r[j]).max().orElseThrow();
    }
  }

  private static double logit(double[] x) {
    double sum = BIAS;
    for (int j = 0; j < W.length; j++) {
      sum += W[j] * x[j];
    }
    return sum;
  }

  private static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  /**
   * 300 rows; row i has logit {@code margin(i)} (a is solved for it), random b, n, c, s; the class
   * is the side of the boundary, except for rows listed in {@code wrong} (labelled the other way).
   */
  private Data rows(String name, DoubleUnaryOperator margin, int... wrong) throws Exception {
    Random random = new Random(11);
    int n = 300;
    double[][] x = new double[n][];
    String[] group = new String[n];
    int[] y = new int[n];
    List<String> lines = new ArrayList<>();
    lines.add("a,b,n,c,s,grp,y");
    for (int i = 0; i < n; i++) {
      double b = round6(-10 + 20 * random.nextDouble());
      double whole = random.nextInt(41);
      double c = random.nextInt(2);
      double s = round6(-1 + 2 * random.nextDouble());
      double target = margin.applyAsDouble(i);
      double a = round6(target - (BIAS + W[1] * b + W[2] * whole + W[3] * c + W[4] * s));
      x[i] = new double[] {a, b, whole, c, s};
      group[i] = i % 2 == 0 ? "even" : "odd";
      int side = logit(x[i]) > 0 ? 1 : 0;
      final int row = i;
      y[i] = IntStream.of(wrong).anyMatch(k -> k == row) ? 1 - side : side;
      lines.add(
          String.format(
              Locale.ROOT,
              "%.6f,%.6f,%d,%d,%.6f,%s,%d",
              a,
              b,
              (int) whole,
              (int) c,
              s,
              group[i],
              y[i]));
    }
    return new Data(x, group, y, bench.importCsv(name + ".csv", lines.toArray(String[]::new)));
  }

  /**
   * The smallest L-infinity perturbation, in standard deviations, that moves row {@code x} to the
   * boundary when only a and b move (continuously) inside their observed ranges: the logit can
   * change by at most {@code sum |w_j| min(delta std_j, room_j)}, room_j being the distance to the
   * range's end in the helpful direction; solved for delta by bisection.
   */
  private static double closedForm(Data data, double[] x) {
    double need = Math.abs(logit(x));
    double sign = logit(x) > 0 ? -1 : 1;
    double[] room = new double[2];
    double[] std = {data.std(0), data.std(1)};
    for (int j = 0; j < 2; j++) {
      boolean up = sign * W[j] > 0;
      room[j] = up ? data.max(j) - x[j] : x[j] - data.min(j);
    }
    DoubleUnaryOperator change =
        delta -> {
          double sum = 0;
          for (int j = 0; j < 2; j++) {
            sum += Math.abs(W[j]) * Math.min(delta * std[j], room[j]);
          }
          return sum;
        };
    double lo = 0;
    double hi = 1e6;
    if (change.applyAsDouble(hi) < need) {
      return Double.POSITIVE_INFINITY;
    }
    for (int k = 0; k < 200; k++) {
      double mid = (lo + hi) / 2;
      if (change.applyAsDouble(mid) >= need) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private RobustnessReport run(
      ModelVersion model,
      Data data,
      List<String> immutable,
      String sensitive,
      int budget,
      List<Double> epsilons,
      Progress progress,
      Cancellation cancel) {
    return bench
        .workbench()
        .security()
        .robustness()
        .run(
            new RobustnessRequest(model, data.version(), "y", FEATURES, immutable, 0, 42)
                .withAttacks(sensitive, 300, budget, epsilons),
            progress,
            cancel);
  }

  private RobustnessReport run(
      ModelVersion model, Data data, String sensitive, int budget, List<Double> epsilons) {
    return run(
        model, data, List.of("s"), sensitive, budget, epsilons, Progress.NONE, Cancellation.NONE);
  }

  private RobustnessReport run(ModelVersion model, Data data, List<Double> epsilons) {
    return run(model, data, null, 1000, epsilons);
  }

  private static AttackResult attack(RobustnessReport report, String name) {
    return report.attacks().stream().filter(a -> a.attack().equals(name)).findFirst().orElseThrow();
  }

  /** Margins spread from -30 to 30, a few rows very near the boundary. */
  private static double spread(double i) {
    double side = i % 2 == 0 ? 1 : -1;
    return side * (0.05 + 0.1 * Math.floor(i / 2));
  }

  @Test
  void theAttacksFindTheKnownNearestAdversarialRowsAndNeverBeatTheClosedFormMinimum()
      throws Exception {
    Data data = rows("spread", EvasionAttacksTest::spread, 100, 101);

    // only a and b may move (n is whole, c a category, s immutable)
    RobustnessReport report =
        run(
            linear,
            data,
            List.of("s", "n"),
            null,
            1000,
            List.of(0.05, 0.1, 0.25, 0.5, 1.0),
            Progress.NONE,
            Cancellation.NONE);

    assertThat(report.attacks())
        .extracting(AttackResult::attack)
        .containsExactly("fd_sign_gradient", "hop_skip_jump", "combined");
    for (String name : List.of("fd_sign_gradient", "hop_skip_jump")) {
      AttackResult attack = attack(report, name);
      assertThat(attack.status()).isEqualTo("completed");
      assertThat(attack.rows()).isEqualTo(300);
      assertThat(attack.correct()).isEqualTo(298);
      assertThat(attack.examples()).hasSize(AttackSummary.MAX_EXAMPLES);
      double factor = name.equals("fd_sign_gradient") ? 1.002 : 1.05;
      for (AttackResult.Example example : attack.examples()) {
        double truth = closedForm(data, data.x()[example.row() - 1]);
        assertThat(example.perturbation())
            .as(name + " row " + example.row())
            .isGreaterThanOrEqualTo(truth * (1 - 1e-3))
            .isLessThanOrEqualTo(truth * factor);
      }
    }
    // the rows nearest the boundary (the first ones; logit +-0.05, +-0.15, ...) are the easiest
    List<Integer> easiest =
        IntStream.range(0, 300)
            .filter(i -> i != 100 && i != 101)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> closedForm(data, data.x()[i])))
            .limit(AttackSummary.MAX_EXAMPLES)
            .map(i -> i + 1)
            .toList();
    assertThat(attack(report, "fd_sign_gradient").examples())
        .extracting(AttackResult.Example::row)
        .containsExactlyInAnyOrderElementsOf(easiest);
    // robust accuracy: misclassified rows count as not robust, and it falls with epsilon
    AttackResult fd = attack(report, "fd_sign_gradient");
    assertThat(fd.cleanAccuracy()).isCloseTo(298 / 300.0, within(1e-12));
    double previous = 1;
    for (AttackResult.Epsilon e : fd.epsilons()) {
      // true robust accuracy <= the attack's (it cannot find what does not exist) <= the share
      // of rows it must find within 0.2% of the minimum
      long robust =
          IntStream.range(0, 300)
              .filter(i -> i != 100 && i != 101)
              .filter(i -> closedForm(data, data.x()[i]) > e.epsilon())
              .count();
      long found =
          IntStream.range(0, 300)
              .filter(i -> i != 100 && i != 101)
              .filter(i -> closedForm(data, data.x()[i]) > e.epsilon() / 1.002)
              .count();
      assertThat(e.robustAccuracy())
          .as("eps " + e.epsilon())
          .isBetween(robust / 300.0, found / 300.0);
      assertThat(e.successRate()).isCloseTo(e.fooledRows() / 298.0, within(1e-12));
      assertThat(e.robustAccuracy()).isLessThanOrEqualTo(previous);
      assertThat(e.queries()).isPositive();
      previous = e.robustAccuracy();
    }
    AttackResult combined = attack(report, "combined");
    for (int k = 0; k < combined.epsilons().size(); k++) {
      assertThat(combined.epsilons().get(k).robustAccuracy())
          .isLessThanOrEqualTo(fd.epsilons().get(k).robustAccuracy())
          .isLessThanOrEqualTo(attack(report, "hop_skip_jump").epsilons().get(k).robustAccuracy());
    }
  }

  @Test
  void adversarialRowsKeepImmutableAndCategoricalFeaturesWholeNumbersAndObservedRanges()
      throws Exception {
    Data data = rows("spread", EvasionAttacksTest::spread);

    RobustnessReport report = run(linear, data, List.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.0));

    List<AttackResult.Example> examples =
        report.attacks().stream().flatMap(a -> a.examples().stream()).toList();
    assertThat(examples).hasSize(2 * AttackSummary.MAX_EXAMPLES);
    for (AttackResult.Example example : examples) {
      double[] original = data.x()[example.row() - 1];
      double[] adversarial = new double[FEATURES.size()];
      for (AttackResult.FeatureValue v : example.values()) {
        int j = FEATURES.indexOf(v.feature());
        assertThat(v.original()).isEqualTo(original[j]);
        adversarial[j] = v.adversarial();
        assertThat(v.adversarial()).as(v.feature()).isBetween(data.min(j), data.max(j));
      }
      assertThat(adversarial[4]).as("immutable s").isEqualTo(original[4]);
      assertThat(adversarial[3]).as("categorical c").isEqualTo(original[3]);
      assertThat(adversarial[2]).as("whole n").isEqualTo(Math.rint(adversarial[2]));
      assertThat(example.changed()).isNotEmpty().isSubsetOf("a", "b", "n");
      assertThat(example.adversarialLabel()).isNotEqualTo(example.trueLabel());
      assertThat(example.originalLabel()).isEqualTo(example.trueLabel());
      // the adversarial row really is on the other side of the hyperplane (float32 slack)
      double before = logit(original);
      assertThat(Math.signum(before) * logit(adversarial)).isLessThan(1e-3);
      double size = 0;
      for (int j = 0; j < 3; j++) {
        size = Math.max(size, Math.abs(adversarial[j] - original[j]) / data.std(j));
      }
      assertThat(example.perturbation()).isCloseTo(size, within(1e-9));
    }
  }

  @Test
  void rowsFarFromTheBoundaryAreNotFooledBySmallPerturbations() throws Exception {
    Data data = rows("far", i -> (i % 2 == 0 ? 1 : -1) * (20 + (i % 7)));

    RobustnessReport report = run(linear, data, List.of(0.05, 0.1));

    for (AttackResult attack : report.attacks()) {
      assertThat(attack.status()).isEqualTo("completed");
      for (AttackResult.Epsilon e : attack.epsilons()) {
        assertThat(e.robustAccuracy()).as(attack.attack()).isEqualTo(1.0);
        assertThat(e.successRate()).isZero();
        assertThat(e.fooledRows()).isZero();
        assertThat(e.medianPerturbation()).isNull();
      }
    }
    assertThat(report.findings())
        .extracting(Finding::id)
        .doesNotContain("adversarial_issue", "adversarial_major");
  }

  @Test
  void noRowSpendsMoreQueriesThanTheBudget() throws Exception {
    Data data = rows("spread", EvasionAttacksTest::spread);

    RobustnessReport report = run(linear, data, null, 37, List.of(0.1, 1.0));

    for (AttackResult attack : report.attacks()) {
      // the worst case spends both attacks' budgets
      int budget = attack.attack().equals("combined") ? 2 * 37 : 37;
      assertThat(attack.queryBudget()).isEqualTo(budget);
      assertThat(attack.queriesMaxPerRow()).as(attack.attack()).isBetween(1, budget);
      assertThat(attack.queriesTotal()).isLessThanOrEqualTo((long) budget * attack.correct());
      for (AttackResult.Example example : attack.examples()) {
        assertThat(example.queries()).isBetween(1, 37);
      }
    }
  }

  @Test
  void cancellingDuringAnAttackStopsIt() throws Exception {
    Data data = rows("spread", EvasionAttacksTest::spread);
    AtomicBoolean attacking = new AtomicBoolean();
    AtomicInteger updates = new AtomicInteger();

    assertThatThrownBy(
            () ->
                run(
                    linear,
                    data,
                    List.of("s"),
                    null,
                    100_000,
                    null,
                    (done, total, message) -> {
                      if (message.startsWith("attack ")) {
                        attacking.set(true);
                        updates.incrementAndGet();
                      }
                    },
                    attacking::get))
        .isInstanceOf(Cancellation.CancelledException.class);
    assertThat(updates.get()).isEqualTo(1);
  }

  @Test
  void aModelWithoutProbabilitiesGetsOnlyTheDecisionBasedAttack() throws Exception {
    Data data = rows("spread", EvasionAttacksTest::spread);

    RobustnessReport report = run(labelOnly, data, null);

    AttackResult score = attack(report, "fd_sign_gradient");
    assertThat(score.status()).isEqualTo("skipped");
    assertThat(score.reason()).contains("probabilities");
    AttackResult decision = attack(report, "hop_skip_jump");
    assertThat(decision.status()).isEqualTo("completed");
    assertThat(decision.examples()).isNotEmpty();
    assertThat(attack(report, "combined").epsilons())
        .isEqualTo(decision.epsilons().stream().toList());
  }

  @Test
  void aGroupEasierToFoolIsAFairnessFinding() throws Exception {
    // even rows sit right at the boundary, odd rows far from it
    Data data =
        rows("groups", i -> i % 2 == 0 ? (i % 4 == 0 ? 0.05 : -0.05) : (i % 4 == 1 ? 25 : -25));

    RobustnessReport report = run(linear, data, "grp", 1000, List.of(0.05, 0.25));

    AttackResult combined = attack(report, "combined");
    assertThat(combined.sensitive()).isEqualTo("grp");
    assertThat(combined.groups())
        .extracting(AttackResult.Group::group, AttackResult.Group::rows)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("even", 150),
            org.assertj.core.groups.Tuple.tuple("odd", 150));
    AttackResult.Group even = combined.groups().getFirst();
    assertThat(even.epsilons().getFirst().robustAccuracy()).isZero();
    assertThat(combined.groups().getLast().epsilons().getFirst().robustAccuracy()).isEqualTo(1.0);
    assertThat(combined.epsilons().getFirst().groupGap()).isEqualTo(1.0);
    assertThat(combined.epsilons().getFirst().groupSuccessGap()).isEqualTo(1.0);
    assertThat(report.findings())
        .filteredOn(f -> f.id().equals("adversarial_group_gap_major"))
        .singleElement()
        .satisfies(f -> assertThat(f.atlas()).isEqualTo("AML.T0043"))
        .satisfies(f -> assertThat(f.evidence()).contains("grp=even").contains("grp=odd"));
    assertThat(report.findings()).extracting(Finding::id).contains("adversarial_major");
    assertThat(report.blocking()).isTrue();
  }

  @Test
  void aRegressionModelIsNotAttackedAndTheReportSaysWhy() throws Exception {
    Data data = rows("spread", EvasionAttacksTest::spread);
    ai.onnx.proto.OnnxMl.ModelProto echo =
        TestModels.linearClassifier(new float[] {1f}, 0f, true).toBuilder()
            .clearMetadataProps()
            .addMetadataProps(
                ai.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder()
                    .setKey("assay.task")
                    .setValue("regression"))
            .setGraph(
                ai.onnx.proto.OnnxMl.GraphProto.newBuilder()
                    .setName("echo")
                    .addInput(TestModels.tensor("x", TestModels.FLOAT, "N", 1))
                    .addOutput(TestModels.tensor("y", TestModels.FLOAT, "N", 1))
                    .addNode(
                        ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
                            .setOpType("Identity")
                            .addInput("x")
                            .addOutput("y")))
            .build();
    ModelVersion regression =
        bench.importModel(TestModels.write(dir.resolve("echo.onnx"), echo), "echo");

    RobustnessReport report =
        bench
            .workbench()
            .security()
            .robustness()
            .run(
                new RobustnessRequest(regression, data.version(), "a", List.of("b"), null, 0, 42),
                Progress.NONE,
                Cancellation.NONE);

    assertThat(report.task()).isEqualTo("regression");
    assertThat(report.attacks())
        .extracting(AttackResult::attack, AttackResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("fd_sign_gradient", "skipped"),
            org.assertj.core.groups.Tuple.tuple("hop_skip_jump", "skipped"));
    assertThat(report.attacks())
        .allSatisfy(a -> assertThat(a.reason()).contains("defined for classification"));
  }

  @Test
  void theSameSeedGivesTheSameAttacks() throws Exception {
    Data data = rows("spread", EvasionAttacksTest::spread);

    RobustnessReport first = run(linear, data, null);
    RobustnessReport second = run(linear, data, null);

    for (int k = 0; k < first.attacks().size(); k++) {
      assertThat(second.attacks().get(k).epsilons()).isEqualTo(first.attacks().get(k).epsilons());
      assertThat(second.attacks().get(k).examples()).isEqualTo(first.attacks().get(k).examples());
    }
  }
}
