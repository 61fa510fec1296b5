package dev.assay.bench;

import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.explain.Attribution;
import dev.assay.core.explain.ExplainTestModels;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.model.ModelInspection;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The explanation benchmark of issue 17, run by hand: {@code ./mvnw -Pbench-explain -DskipTests
 * process-test-classes} (writes target/bench/explain-results.txt).
 *
 * <p>Engine time of {@link ExplanationRunner} (reading the CSV, binding, background, attributions,
 * permutation importance where a target is present) on: the sample logistic model {@code
 * hmda-deny-v2} (13 features), the first 1,000 rows of hmda_train.csv, a 100-row background drawn
 * with seed 42 — closed form in log-odds, KernelSHAP on the probability to standard error 0.01, and
 * exact enumeration on the probability (on the first 20 rows: 819,200 evaluations a row); and a
 * 64-input MLP (one hidden layer of 32, ReLU, sigmoid), 100 rows of standard normal data, a 100-row
 * background, KernelSHAP to 0.01. Each setting runs once to warm up, then {@code runs} times
 * (argument 2, default 5); argument 3, when given, runs only the settings whose name contains it
 * (e.g. {@code kernel}); min and median wall-clock time and the median process CPU time (all
 * threads) are reported with the evaluation count, the largest standard error and the largest
 * efficiency error.
 */
public final class ExplainBenchmark {
  private ExplainBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String only = args.length > 2 ? args[2] : "";
    Path work = repo.resolve("target/bench");
    Files.createDirectories(work);
    Path hmda = work.resolve("hmda-1000.csv");
    List<String> lines = Files.readAllLines(repo.resolve("models/data/hmda_train.csv"));
    Files.write(hmda, lines.subList(0, 1001));
    Path mlp = TestModels.write(work.resolve("mlp64.onnx"), ExplainTestModels.mlp(64, 32, 7, -1));
    Path mlpData = work.resolve("mlp64.csv");
    writeNormal(mlpData, 64, 200);
    OnnxRuntime runtime = new OnnxRuntime();
    OnnxInspector inspector = new OnnxInspector(runtime);
    ModelInspection v2 = inspector.inspect(repo.resolve("models/hmda-deny-v2.onnx")).inspection();
    ModelInspection mlpModel = inspector.inspect(mlp).inspection();
    ExplanationRunner runner = new ExplanationRunner(runtime, Json.newMapper());
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "explain benchmark, %s, %d CPUs, load average at start %s",
            Runtime.version(),
            Runtime.getRuntime().availableProcessors(),
            loadAverage()));
    ExplanationRequest base =
        ExplanationRequest.builder(repo.resolve("models/hmda-deny-v2.onnx"), v2, hmda)
            .rows(0, 1000)
            .background(100, null)
            .build();
    time(
        out,
        runner,
        "hmda-deny-v2 linear logit, 1000 rows",
        base.toBuilder().method(Method.LINEAR, OutputSpace.LOGIT, "1").build(),
        runs,
        only);
    time(
        out,
        runner,
        "hmda-deny-v2 kernel proba, 1000 rows",
        base.toBuilder().method(Method.KERNEL, OutputSpace.PROBABILITY, "1").build(),
        runs,
        only);
    time(
        out,
        runner,
        "hmda-deny-v2 exact proba, 20 rows",
        base.toBuilder().rows(0, 20).method(Method.EXACT, OutputSpace.PROBABILITY, "1").build(),
        runs,
        only);
    ExplanationRequest mlpRequest =
        ExplanationRequest.builder(mlp, mlpModel, mlpData)
            .rows(0, 100)
            .background(100, null)
            .method(Method.KERNEL, OutputSpace.PROBABILITY, "1")
            .columns(ExplainTestModels.columns(64), null, 0)
            .build();
    time(out, runner, "mlp64 kernel proba, 100 rows", mlpRequest, runs, only);
    out.add("load average at end " + loadAverage());
    Files.write(work.resolve("explain-results.txt"), out);
    out.forEach(System.out::println);
  }

  private static void time(
      List<String> out,
      ExplanationRunner runner,
      String name,
      ExplanationRequest request,
      int runs,
      String only) {
    if (!name.contains(only)) {
      return;
    }
    ExplanationReport report = runner.run(request, Progress.NONE, Cancellation.NONE);
    double[] seconds = new double[runs];
    double[] cpu = new double[runs];
    for (int k = 0; k < runs; k++) {
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      report = runner.run(request, Progress.NONE, Cancellation.NONE);
      seconds[k] = (System.nanoTime() - t0) / 1e9;
      cpu[k] = (processCpuNanos() - c0) / 1e9;
    }
    Arrays.sort(seconds);
    Arrays.sort(cpu);
    double maxSe = 0;
    long unconverged = 0;
    for (var row : report.rows()) {
      if (row.attribution() instanceof Attribution.Estimated e) {
        maxSe = Math.max(maxSe, Arrays.stream(e.stdErrors()).max().orElse(0));
        unconverged += e.converged() ? 0 : 1;
      }
    }
    out.add(
        String.format(
            Locale.ROOT,
            "%-40s min %7.2f s  median %7.2f s  process CPU median %7.2f s  (%d runs)  evaluations"
                + " %,d  max SE %.4f (unconverged rows %d)  max efficiency error %.1e",
            name,
            seconds[0],
            seconds[runs / 2],
            cpu[runs / 2],
            runs,
            report.evaluations(),
            maxSe,
            unconverged,
            report.worstEfficiencyError()));
    System.out.println(out.getLast());
  }

  private static void writeNormal(Path file, int columns, int rows) throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", ExplainTestModels.columns(columns)));
    for (int r = 0; r < rows; r++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(c == 0 ? "" : ",")
            .append(String.format(Locale.ROOT, "%.5f", random.nextGaussian()));
      }
      lines.add(line.toString());
    }
    Files.write(file, lines);
  }

  /** CPU time of the whole process (all threads, ONNX Runtime's included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
