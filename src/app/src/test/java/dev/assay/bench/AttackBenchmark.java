package dev.assay.bench;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.security.AttackResult;
import dev.assay.core.security.Finding;
import dev.assay.core.security.RobustnessReport;
import dev.assay.core.security.RobustnessRequest;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The evasion-attack benchmark of issue 6, run by hand: {@code ./mvnw -Pbench
 * -Dbench.main=dev.assay.bench.AttackBenchmark -DskipTests process-test-classes} (writes
 * target/bench/attack-results.txt).
 *
 * <p>Runs the full robustness test of the sample {@code hmda-deny} v2 on the shipped HMDA test set
 * (714 rows) with the default attacks: 200 rows attacked, 1000 queries per row and attack, epsilons
 * 0.05 to 1 standard deviation, {@code afam} immutable and the sensitive attribute. Once to warm
 * up, then three times; reports wall time (min, median) of the whole test and of each attack, the
 * queries and the robust accuracy.
 */
public final class AttackBenchmark {
  private AttackBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    Path work = repo.resolve("target/bench");
    Files.createDirectories(work);
    Path home = Files.createTempDirectory(work, "attack-home-");
    List<String> lines = new ArrayList<>();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "bench")) {
      bench(
          workbench,
          repo,
          lines,
          "hmda-deny-v2.onnx",
          "hmda_test.csv",
          "deny",
          List.of("afam"),
          "afam");
      bench(
          workbench,
          repo,
          lines,
          "breast-cancer-v1.onnx",
          "breast_cancer_test.csv",
          "target",
          List.of(),
          null);
    }
    Runtime jvm = Runtime.getRuntime();
    lines.add(
        "JVM: "
            + Runtime.version()
            + ", max heap "
            + (jvm.maxMemory() >> 20)
            + " MiB, "
            + jvm.availableProcessors()
            + " cores, load average "
            + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    lines.forEach(System.out::println);
    Files.write(work.resolve("attack-results.txt"), lines);
  }

  private static void bench(
      Workbench workbench,
      Path repo,
      List<String> lines,
      String modelFile,
      String dataFile,
      String target,
      List<String> immutable,
      String sensitive) {
    ModelVersion model =
        workbench
            .models()
            .importModel(
                ImportRequest.of(repo.resolve("models").resolve(modelFile)),
                Progress.NONE,
                Cancellation.NONE)
            .model();
    DatasetVersion data =
        workbench
            .datasets()
            .importDataset(
                repo.resolve("models/data").resolve(dataFile),
                null,
                Progress.NONE,
                Cancellation.NONE)
            .dataset();
    RobustnessRequest request =
        new RobustnessRequest(model, data, target, null, immutable, 0, 42)
            .withAttacks(sensitive, 200, 1000, null);
    RobustnessReport report = run(workbench, request);
    double[] seconds = new double[3];
    for (int i = 0; i < seconds.length; i++) {
      long t0 = System.nanoTime();
      report = run(workbench, request);
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(seconds);
    lines.add(
        String.format(
            Locale.ROOT,
            "%s on %s (%d rows): whole robustness test wall min %.2f s, median %.2f s",
            model.ref(),
            data.ref(),
            report.rows(),
            seconds[0],
            seconds[1]));
    for (AttackResult a : report.attacks()) {
      if (!a.completed()) {
        lines.add("  " + a.attack() + " skipped: " + a.reason());
        continue;
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "  %s: %d rows, %d correct (clean accuracy %.3f), %,d queries (%.0f per correct"
                  + " row, at most %d), %.2f s in the last run",
              a.attack(),
              a.rows(),
              a.correct(),
              a.cleanAccuracy(),
              a.queriesTotal(),
              a.correct() == 0 ? 0.0 : (double) a.queriesTotal() / a.correct(),
              a.queriesMaxPerRow(),
              a.seconds()));
      for (AttackResult.Epsilon e : a.epsilons()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "    eps %.2f: robust accuracy %.3f, success %s, median perturbation %s,"
                    + " queries %,d; group gap robust %s success %s",
                e.epsilon(),
                e.robustAccuracy(),
                e.successRate() == null ? "-" : String.format(Locale.ROOT, "%.3f", e.successRate()),
                e.medianPerturbation() == null
                    ? "-"
                    : String.format(Locale.ROOT, "%.4f", e.medianPerturbation()),
                e.queries(),
                e.groupGap() == null ? "-" : String.format(Locale.ROOT, "%.3f", e.groupGap()),
                e.groupSuccessGap() == null
                    ? "-"
                    : String.format(Locale.ROOT, "%.3f", e.groupSuccessGap())));
      }
      for (AttackResult.Group g : a.groups()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "    %s=%s: %d rows, %d correct%s; robust accuracy by epsilon %s",
                a.sensitive(),
                g.group(),
                g.rows(),
                g.correct(),
                g.small() ? " (small, not judged)" : "",
                g.epsilons().stream()
                    .map(x -> String.format(Locale.ROOT, "%.3f", x.robustAccuracy()))
                    .toList()));
      }
    }
    for (Finding f : report.findings()) {
      lines.add("  finding " + f.severity().label() + " " + f.id() + ": " + f.evidence());
    }
  }

  private static RobustnessReport run(Workbench workbench, RobustnessRequest request) {
    return workbench.security().robustness().run(request, Progress.NONE, Cancellation.NONE);
  }
}
