package dev.assay.bench;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.fairness.FairnessAnalyzer;
import dev.assay.core.fairness.FairnessReport;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The fairness benchmark of issue 5, run by hand: {@code ./mvnw -Pbench-fairness -DskipTests
 * process-test-classes} (writes target/bench/fairness-results.txt).
 *
 * <p>Evaluates {@code hmda-deny} v2 once on a deterministic 1,000,000-row CSV with the HMDA columns
 * (the real rows resampled with 5 % jitter on the continuous columns, seed 42; shared with the
 * evaluation benchmark), then times the full fairness report from the stored predictions: copying
 * the predictions out of H2, reading them and the sensitive columns, 1000 bootstrap resamples,
 * tests, threshold analysis and storing the report. Each setting is run once to warm up, then three
 * times; min and median are reported, with a breakdown of one run.
 */
public final class FairnessBenchmark {
  private FairnessBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    Path work = repo.resolve("target/bench");
    Files.createDirectories(work);
    Path csv = work.resolve("hmda-1m.csv");
    if (!Files.exists(csv)) {
      EvalBenchmark.generate(repo.resolve("models/data/hmda_train.csv"), csv);
    }
    Path home = Files.createTempDirectory(work, "fairness-home-");
    List<String> lines = new ArrayList<>();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "bench")) {
      ModelVersion v2 =
          workbench
              .models()
              .importModel(
                  ImportRequest.of(repo.resolve("models/hmda-deny-v2.onnx")),
                  Progress.NONE,
                  Cancellation.NONE)
              .model();
      DatasetVersion data =
          workbench
              .datasets()
              .importDataset(csv, "hmda-1m", Progress.NONE, Cancellation.NONE)
              .dataset();
      EvaluationResult run =
          workbench
              .evaluations()
              .run(
                  new EvaluationRequest(
                      v2,
                      data,
                      "deny",
                      null,
                      null,
                      List.of("afam"),
                      ExecutionProvider.CPU,
                      0,
                      0,
                      EvaluationRequest.LabelSource.LABEL_OUTPUT,
                      false),
                  Progress.NONE,
                  Cancellation.NONE);
      long runId = run.run().id();
      lines.add(String.format(Locale.ROOT, "run %d: %,d stored predictions", runId, run.rows()));
      List<FairnessSettings> cases =
          List.of(
              FairnessSettings.of(List.of("afam")).withFavorable("0"),
              FairnessSettings.of(List.of("afam", "single")).withFavorable("0"),
              FairnessSettings.of(List.of("afam", "pirat")).withFavorable("0"));
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      for (FairnessSettings settings : cases) {
        workbench.fairness().report(runId, settings, Progress.NONE, Cancellation.NONE);
        double[] seconds = new double[5];
        double[] cpu = new double[seconds.length];
        double load = 0;
        StoredFairnessReport last = null;
        for (int i = 0; i < seconds.length; i++) {
          long c0 = os.getProcessCpuTime();
          long t0 = System.nanoTime();
          last = workbench.fairness().report(runId, settings, Progress.NONE, Cancellation.NONE);
          seconds[i] = (System.nanoTime() - t0) / 1e9;
          cpu[i] = (os.getProcessCpuTime() - c0) / 1e9;
          load = Math.max(load, os.getSystemLoadAverage());
        }
        Arrays.sort(seconds);
        Arrays.sort(cpu);
        lines.add(
            String.format(
                Locale.ROOT,
                "sensitive %-14s attributes %d, groups %s: full report (copy from H2, read, %d"
                    + " resamples, tests, thresholds, store) wall min %.2f s, median %.2f s;"
                    + " process CPU median %.2f s; load average up to %.1f on %d cores",
                String.join("+", settings.sensitive()),
                last.report().attributes().size(),
                last.report().attributes().stream()
                    .map(a -> Integer.toString(a.groups().size()))
                    .toList(),
                settings.resamples(),
                seconds[0],
                seconds[seconds.length / 2],
                cpu[cpu.length / 2],
                load,
                os.getAvailableProcessors()));
        lines.add("  " + breakdown(workbench, runId, data, settings, run, work));
      }
    }
    Runtime jvm = Runtime.getRuntime();
    lines.add(
        "JVM: "
            + Runtime.version()
            + ", max heap "
            + (jvm.maxMemory() >> 20)
            + " MiB, "
            + jvm.availableProcessors()
            + " cores");
    lines.forEach(System.out::println);
    Files.write(work.resolve("fairness-results.txt"), lines);
  }

  /** One report timed in parts: predictions out of H2, analysis, storing. */
  private static String breakdown(
      Workbench workbench,
      long runId,
      DatasetVersion data,
      FairnessSettings settings,
      EvaluationResult run,
      Path work)
      throws Exception {
    Path predictions = work.resolve("bench-" + runId + ".pred");
    long t0 = System.nanoTime();
    workbench.runs().copyPredictions(runId, predictions);
    long t1 = System.nanoTime();
    FairnessReport report =
        new FairnessAnalyzer()
            .analyse(
                new FairnessAnalyzer.RunInputs(
                    runId,
                    run.run().model(),
                    run.run().dataset(),
                    "deny",
                    run.task(),
                    run.classOrder(),
                    run.positiveLabel(),
                    run.labelSource(),
                    predictions,
                    workbench.datasets().file(data)),
                settings,
                Instant.now(),
                "bench",
                Progress.NONE,
                Cancellation.NONE);
    long t2 = System.nanoTime();
    workbench.fairness().reports().save(report);
    long t3 = System.nanoTime();
    Files.delete(predictions);
    return String.format(
        Locale.ROOT,
        "breakdown: predictions out of H2 %.2f s, analysis %.2f s, storing %.2f s",
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9);
  }
}
