package dev.assay.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Perturbation, fuzzing and determinism on models whose behaviour is known: {@code label =
 * sigmoid(a + b) > 0.5}, on rows near the decision boundary (fragile) or far from it (robust).
 */
class RobustnessTesterTest {
  @TempDir Path dir;
  private TestWorkbench bench;
  private ModelVersion sum;

  @BeforeEach
  void open() throws Exception {
    bench = TestWorkbench.open(dir);
    sum =
        bench.importModel(
            TestModels.write(dir.resolve("sum.onnx"), TestModels.perColumnClassifier(0.5f)), "sum");
  }

  @AfterEach
  void close() {
    bench.close();
  }

  /** Rows {@code a, b, c, y} with {@code a + b = ±margin}, a spread over [-10, 10], c in {0, 1}. */
  private DatasetVersion rows(String name, double margin) throws Exception {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    lines.add("a,b,c,y");
    for (int i = 0; i < 400; i++) {
      double a = -10 + 20 * random.nextDouble();
      double sign = i % 2 == 0 ? 1 : -1;
      double b = -a + sign * margin;
      lines.add(String.format(Locale.ROOT, "%.6f,%.6f,%d,%d", a, b, i % 2, sign > 0 ? 1 : 0));
    }
    return bench.importCsv(name + ".csv", lines.toArray(String[]::new));
  }

  private RobustnessReport run(DatasetVersion data, List<String> immutable) {
    return bench
        .workbench()
        .security()
        .robustness()
        .run(
            new RobustnessRequest(sum, data, "y", null, immutable, 0, 42),
            Progress.NONE,
            Cancellation.NONE);
  }

  private static RobustnessReport.Perturbation test(RobustnessReport report, String name) {
    return report.perturbation().stream()
        .filter(p -> p.test().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aModelDecidingOnRowsAtItsBoundaryFailsTheNoiseTestsAsMajor() throws Exception {
    RobustnessReport report = run(rows("fragile", 0.001), List.of());

    assertThat(report.perturbed()).containsExactly("a", "b");
    assertThat(report.rows()).isEqualTo(400);
    // scaling both features keeps the sign of a + b: no prediction can change (scaling is not
    // clipped to the observed range; noise is)
    assertThat(test(report, "scale_1.01").changedRate()).isZero();
    assertThat(test(report, "scale_0.99").verdict()).isEqualTo("pass");
    // noise at 1% of std (about 0.06) swamps a margin of 0.001: about half the rows flip
    RobustnessReport.Perturbation noise = test(report, "noise_0.01");
    assertThat(noise.changedRate()).isBetween(0.3, 0.7);
    assertThat(noise.verdict()).isEqualTo("major");
    assertThat(test(report, "noise_0.10").mostSensitive())
        .extracting(RobustnessReport.FeatureSensitivity::feature)
        .containsExactlyInAnyOrder("a", "b");
    assertThat(report.findings())
        .filteredOn(f -> f.id().equals("perturbation_major"))
        .hasSize(3)
        .allSatisfy(f -> assertThat(f.atlas()).isEqualTo("AML.T0043"));
    assertThat(report.blocking()).isTrue();
  }

  @Test
  void aModelFarFromItsBoundaryPassesEveryPerturbation() throws Exception {
    RobustnessReport report = run(rows("robust", 3), List.of());

    assertThat(report.perturbation())
        .allSatisfy(p -> assertThat(p.verdict()).as(p.test()).isEqualTo("pass"));
    assertThat(report.findings())
        .extracting(Finding::id)
        .doesNotContain("perturbation_major", "perturbation_issue");
    assertThat(report.blocking()).isFalse();
  }

  @Test
  void immutableFeaturesAreNeverPerturbed() throws Exception {
    DatasetVersion data = rows("fragile", 0.001);

    RobustnessReport bothFixed = run(data, List.of("a", "b"));
    RobustnessReport oneFixed = run(data, List.of("a"));

    assertThat(bothFixed.perturbed()).isEmpty();
    assertThat(bothFixed.immutable()).containsExactly("a", "b");
    assertThat(bothFixed.perturbation()).allSatisfy(p -> assertThat(p.changedRows()).isZero());
    assertThat(oneFixed.perturbed()).containsExactly("b");
    assertThat(test(oneFixed, "noise_0.10").mostSensitive())
        .extracting(RobustnessReport.FeatureSensitivity::feature)
        .containsExactly("b");
  }

  @Test
  void anUnknownImmutableColumnIsRefused() throws Exception {
    DatasetVersion data = rows("fragile", 0.001);

    assertThatThrownBy(() -> run(data, List.of("nope")))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("has no column 'nope'");
  }

  @Test
  void fuzzingRecordsWhatTheModelDoesWithNanInfinitiesEmptyBatchesAndWrongTypes() throws Exception {
    RobustnessReport report = run(rows("robust", 3), List.of());

    assertThat(report.fuzzing())
        .extracting(RobustnessReport.FuzzCase::input)
        .containsExactly(
            "nan",
            "+inf",
            "-inf",
            "max_float",
            "-max_float",
            "min_float",
            "empty_batch",
            "wrong_type");
    assertThat(report.fuzzing().getFirst().outcome()).isEqualTo("non_finite_output");
    assertThat(report.fuzzing())
        .filteredOn(f -> f.input().equals("wrong_type"))
        .singleElement()
        .satisfies(f -> assertThat(f.outcome()).isEqualTo("refused"))
        .satisfies(f -> assertThat(f.detail()).contains("double"));
    assertThat(report.fuzzing())
        .filteredOn(f -> f.input().equals("min_float"))
        .singleElement()
        .satisfies(f -> assertThat(f.outcome()).isEqualTo("ok"));
    assertThat(report.findings())
        .filteredOn(f -> f.id().equals("fuzz_input_failed"))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence()).startsWith("nan: non_finite_output"));
  }

  @Test
  void determinismComparesTwoRunsAndBatchesWithSingleRows() throws Exception {
    RobustnessReport report = run(rows("robust", 3), List.of());

    assertThat(report.determinism())
        .extracting(
            RobustnessReport.DeterminismCheck::check, RobustnessReport.DeterminismCheck::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("same_input_twice", "same"),
            org.assertj.core.groups.Tuple.tuple("batch_vs_single_row", "same"));
    assertThat(report.findings()).extracting(Finding::id).doesNotContain("nondeterministic");
  }

  @Test
  void integerColumnsWithFewValuesAreCategoriesAndStayUntouched() throws Exception {
    DatasetVersion data = rows("fragile", 0.001);
    // y = x on [N, 2]: the output reads as two class scores, so the class is argmax(c, b)
    ModelVersion argmax =
        bench.importModel(
            TestModels.write(dir.resolve("argmax.onnx"), TestModels.identity(8, 13)), "argmax");

    RobustnessReport report =
        bench
            .workbench()
            .security()
            .robustness()
            .run(
                new RobustnessRequest(argmax, data, "y", List.of("c", "b"), List.of(), 0, 42),
                Progress.NONE,
                Cancellation.NONE);

    assertThat(report.categorical()).containsExactly("c");
    assertThat(report.perturbed()).containsExactly("b");
  }

  @Test
  void theSameSeedGivesTheSameReport() throws Exception {
    DatasetVersion data = rows("fragile", 0.001);

    RobustnessReport first = run(data, List.of());
    RobustnessReport second = run(data, List.of());

    assertThat(second.perturbation()).isEqualTo(first.perturbation());
  }

  @Test
  void aRobustnessReportIsStoredAndAudited() throws Exception {
    RobustnessReport report = run(rows("robust", 3), List.of());

    long id = bench.workbench().security().reports().store(report, sum.id());

    assertThat(bench.workbench().security().reports().list())
        .singleElement()
        .satisfies(r -> assertThat(r.kind()).isEqualTo("robustness"))
        .satisfies(r -> assertThat(r.subject()).isEqualTo("sum:1 on robust:1"));
    assertThat(bench.workbench().security().reports().json(id).orElseThrow())
        .contains("\"changed_rate\"");
    assertThat(bench.workbench().auditEntries().getLast().action()).isEqualTo("security.report");
  }
}
