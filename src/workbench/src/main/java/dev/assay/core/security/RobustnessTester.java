package dev.assay.core.security;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.CsvSource;
import dev.assay.core.eval.CellPolicy;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.BindingResolver;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.inference.InferenceSession;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.inference.OutputDecoder;
import dev.assay.core.inference.TargetMap;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Black-box robustness tests of a model version on a dataset through ONNX Runtime (no gradients,
 * any ONNX model): metamorphic perturbations after Giskard (numeric features x1.01, x0.99, Gaussian
 * noise at 1%, 5% and 10% of each feature's standard deviation; issue at 5% changed predictions,
 * major at 10%), input fuzzing (NaN, infinities, extreme magnitudes, an empty batch, a wrong
 * element type) and determinism (the same input twice; a batch against single rows).
 *
 * <p>Perturbed values stay in each feature's domain: whole-number features stay whole, and noisy
 * values stay within the range observed in the rows used (scaled values may pass it by 1%).
 * Immutable features and integer features with at most {@value SampleTable#MAX_CATEGORY_VALUES}
 * values (categories) are never perturbed.
 *
 * <p>Then adversarial evasion attacks ({@link EvasionAttacks}): a score-based and a decision-based
 * attack on up to {@link RobustnessRequest#attackRows()} rows within a query budget per row, with
 * robust accuracy over the epsilon grid and per sensitive group.
 */
public final class RobustnessTester {
  private static final int FUZZ_ROWS = 8;
  private static final long STEPS = 1000;
  private static final long STEP = 40;

  private final OnnxRuntime runtime;
  private final ModelRegistry models;
  private final DatasetRegistry datasets;
  private final ObjectMapper json;
  private final Clock clock;

  public RobustnessTester(
      OnnxRuntime runtime,
      ModelRegistry models,
      DatasetRegistry datasets,
      ObjectMapper json,
      Clock clock) {
    this.runtime = runtime;
    this.models = models;
    this.datasets = datasets;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Runs the tests.
   *
   * @throws AssayException for problems the user can fix (columns, a model Assay cannot read)
   */
  public RobustnessReport run(RobustnessRequest request, Progress progress, Cancellation cancel) {
    Path data = datasets.file(request.dataset());
    List<String> header;
    try (CsvSource csv = CsvSource.open(data)) {
      header = csv.header();
    }
    List<String> named = concat(List.of(request.target()), request.immutable());
    if (request.sensitive() != null) {
      named.add(request.sensitive());
    }
    for (String column : named) {
      if (!header.contains(column)) {
        throw new AssayException(
            "the dataset " + request.dataset().ref() + " has no column '" + column + "'");
      }
    }
    String sensitive =
        request.sensitive() != null ? request.sensitive() : declaredSensitive(request, header);
    Binding binding =
        new BindingResolver(json)
            .resolve(
                request.model().inspection(),
                header,
                request.features(),
                models.binding(request.model()).orElse(null),
                Set.of(request.target()))
            .binding();
    progress.update(0, STEPS, "reading " + request.dataset().ref());
    List<String> extra = new ArrayList<>(List.of(request.target()));
    if (sensitive != null) {
      extra.add(sensitive);
    }
    SampleTable sample =
        SampleTable.read(
            data,
            binding,
            request.maxRows(),
            extra,
            CellPolicy.forModel(request.model().inspection(), false));
    OutputDecoder decoder =
        OutputDecoder.plan(
            request.model().inspection(),
            classLabels(request),
            regression(request),
            false,
            models.choices().outputs(request.model()));
    try (InferenceSession session =
        runtime.open(models.modelFile(request.model()), ExecutionProvider.CPU, 0)) {
      Predictor predictor = new Predictor(session, binding, decoder, sample.text);
      return test(request, sample, predictor, session, sensitive, progress, cancel);
    } catch (OrtException e) {
      throw new AssayException("ONNX Runtime failed on this model and data: " + e.getMessage(), e);
    }
  }

  /**
   * The target map remembered for the model version and dataset, else the model's metadata {@code
   * assay.target_map}, as an evaluation reads it.
   */
  private TargetMap targetMap(RobustnessRequest request) {
    return models
        .choices()
        .targetMap(request.model(), request.dataset().name())
        .orElseGet(
            () ->
                TargetMap.fromJson(
                    json, ModelMetadata.targetMapJson(request.model().inspection())));
  }

  private RobustnessReport test(
      RobustnessRequest request,
      SampleTable sample,
      Predictor predictor,
      InferenceSession session,
      String sensitive,
      Progress progress,
      Cancellation cancel)
      throws OrtException {
    Set<String> immutable = new HashSet<>(request.immutable());
    List<Integer> mutable = new ArrayList<>();
    List<String> perturbed = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    List<String> fixed = new ArrayList<>();
    for (int j = 0; j < sample.columns.size(); j++) {
      String name = sample.columns.get(j);
      if (sample.text[j]) {
        continue;
      }
      if (immutable.contains(name)) {
        fixed.add(name);
      } else if (sample.categorical[j]) {
        categorical.add(name);
      } else {
        mutable.add(j);
        perturbed.add(name);
      }
    }
    Predictor.Outputs baseline = predictor.predict(sample.values, sample.texts);
    boolean regression = baseline.labels() == null;
    List<RobustnessReport.Perturbation> perturbations = new ArrayList<>();
    record Test(String name, String description, double scale, double noise) {}
    List<Test> tests =
        List.of(
            new Test("scale_1.01", "every mutable numeric feature x 1.01", 1.01, 0),
            new Test("scale_0.99", "every mutable numeric feature x 0.99", 0.99, 0),
            new Test(
                "noise_0.01", "Gaussian noise at 1% of each feature's standard deviation", 1, 0.01),
            new Test(
                "noise_0.05", "Gaussian noise at 5% of each feature's standard deviation", 1, 0.05),
            new Test(
                "noise_0.10",
                "Gaussian noise at 10% of each feature's standard deviation",
                1,
                0.10));
    int step = 1;
    for (Test test : tests) {
      cancel.throwIfCancelled();
      progress.update(step++ * STEP, STEPS, "perturbation " + test.name());
      long seed = request.seed() + step;
      double[][] values =
          RobustnessChecks.perturb(sample, mutable, test.scale(), test.noise(), seed);
      int changed =
          RobustnessChecks.changed(baseline, predictor.predict(values, sample.texts), regression);
      List<RobustnessReport.FeatureSensitivity> mostSensitive = List.of();
      if (test.name().equals("noise_0.10")) {
        mostSensitive =
            RobustnessChecks.sensitivities(
                sample, predictor, baseline, mutable, test.noise(), seed, regression);
      }
      double rate = (double) changed / sample.rows();
      perturbations.add(
          new RobustnessReport.Perturbation(
              test.name(),
              test.description(),
              rate,
              changed,
              RobustnessReport.verdict(rate),
              mostSensitive));
    }
    cancel.throwIfCancelled();
    progress.update(7 * STEP, STEPS, "fuzzing");
    List<RobustnessReport.FuzzCase> fuzz = new InputFuzzer(sample, predictor, session).run();
    progress.update(8 * STEP, STEPS, "determinism");
    List<RobustnessReport.DeterminismCheck> determinism =
        RobustnessChecks.determinism(sample, predictor, baseline);
    progress.update(9 * STEP, STEPS, "evasion attacks");
    EvasionAttacks evasion =
        new EvasionAttacks(
            sample,
            predictor,
            baseline,
            request,
            targetMap(request),
            sensitive,
            (done, total, message) ->
                progress.update(
                    9 * STEP + Math.min(STEPS - 9 * STEP, (STEPS - 9 * STEP) * done / total),
                    STEPS,
                    message),
            cancel);
    List<AttackResult> attacks = evasion.run();
    FindingList findings = RobustnessChecks.findings(perturbations, fuzz, determinism);
    evasion.findings(findings);
    progress.update(STEPS, STEPS, "done");
    return new RobustnessReport(
        request.model().ref(),
        request.dataset().ref(),
        request.target(),
        regression ? "regression" : "classification",
        sample.rows(),
        request.seed(),
        clock.instant().truncatedTo(ChronoUnit.MILLIS),
        perturbed,
        fixed,
        categorical,
        perturbations,
        fuzz,
        determinism,
        attacks,
        findings.sorted());
  }

  /** The first of the model's declared sensitive columns ({@code assay.sensitive}) in the data. */
  private String declaredSensitive(RobustnessRequest request, List<String> header) {
    return ModelMetadata.sensitive(request.model().inspection(), json).stream()
        .filter(header::contains)
        .findFirst()
        .orElse(null);
  }

  private List<String> classLabels(RobustnessRequest request) {
    return ModelMetadata.classLabels(request.model().inspection(), json);
  }

  private static boolean regression(RobustnessRequest request) {
    return ModelMetadata.isRegression(request.model().inspection());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
