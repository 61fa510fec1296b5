package dev.assay.bench;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.report.WorkbookExport;
import dev.assay.core.report.WorkbookOptions;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The compliance-workbook benchmark of issue 7, run by hand (not a timed test): {@code ./mvnw
 * -Pbench -Dbench.main=dev.assay.bench.WorkbookBenchmark -DskipTests process-test-classes}.
 *
 * <p>Evaluates {@code hmda-deny} v2 on the deterministic 1,000,000-row HMDA file of {@link
 * EvalBenchmark} (generated when missing), then in the same JVM (-Xmx512m) exports its workbook
 * twice: without the Predictions sheet (bootstrap intervals on a 100,000-row sample, the ten
 * sheets) and with it (1,000,000 streamed rows, the sensitive column {@code afam} masked), timing
 * the phases and sampling the heap in use.
 */
public final class WorkbookBenchmark {
  private WorkbookBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    Path work = repo.resolve("target/bench");
    Files.createDirectories(work);
    Path csv = work.resolve("hmda-1m.csv");
    if (!Files.exists(csv)) {
      EvalBenchmark.generate(repo.resolve("models/data/hmda_train.csv"), csv);
    }
    Path home = Files.createTempDirectory(work, "report-home-");
    List<String> lines = new ArrayList<>();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "bench")) {
      ModelVersion model =
          workbench
              .models()
              .importModel(
                  new ImportRequest(
                      repo.resolve("models/hmda-deny-v2.onnx"), "hmda-deny", 2, null, List.of()),
                  Progress.NONE,
                  Cancellation.NONE)
              .model();
      DatasetVersion data =
          workbench
              .datasets()
              .importDataset(csv, "hmda-1m", Progress.NONE, Cancellation.NONE)
              .dataset();
      EvaluationResult result =
          workbench
              .evaluations()
              .run(
                  new EvaluationRequest(
                      model,
                      data,
                      "deny",
                      null,
                      null,
                      List.of(),
                      ExecutionProvider.CPU,
                      0,
                      0,
                      EvaluationRequest.LabelSource.LABEL_OUTPUT,
                      false),
                  Progress.NONE,
                  Cancellation.NONE);
      long run = result.run().id();
      lines.add(
          String.format(
              Locale.ROOT,
              "run %d: %,d rows of %s evaluated in %.2f s",
              run,
              result.rows(),
              data.ref(),
              result.run().wallSeconds()));

      // warm-up on the same run, so class loading (POI, XMLBeans) is not in the figures
      workbench
          .reports()
          .export(
              WorkbookOptions.of(run),
              work.resolve("warmup.xlsx"),
              Progress.NONE,
              Cancellation.NONE);

      Phases plain = new Phases();
      WorkbookExport without =
          measure(
              () ->
                  workbench
                      .reports()
                      .export(
                          WorkbookOptions.of(run),
                          work.resolve("workbook-1m.xlsx"),
                          plain,
                          Cancellation.NONE),
              plain);
      lines.add(plain.line("without Predictions sheet", without));

      Phases full = new Phases();
      WorkbookExport with =
          measure(
              () ->
                  workbench
                      .reports()
                      .export(
                          WorkbookOptions.of(run).withPredictions(true).withMasked(List.of("afam")),
                          work.resolve("workbook-1m-predictions.xlsx"),
                          full,
                          Cancellation.NONE),
              full);
      lines.add(full.line("with Predictions sheet (afam masked)", with));
      try (ZipFile zip = new ZipFile(with.file().toFile())) {
        ZipEntry sheet = zip.getEntry("xl/worksheets/sheet11.xml");
        lines.add(
            String.format(
                Locale.ROOT,
                "  Predictions sheet XML: %,d bytes uncompressed, %,d compressed; file %,d bytes;"
                    + " notes: %s",
                sheet.getSize(),
                sheet.getCompressedSize(),
                Files.size(with.file()),
                with.notes()));
      }
    }
    lines.add(
        "JVM: "
            + Runtime.version()
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB, "
            + Runtime.getRuntime().availableProcessors()
            + " processors");
    Files.write(work.resolve("workbook-results.txt"), lines, StandardCharsets.UTF_8);
    lines.forEach(System.out::println);
  }

  private interface Export {
    WorkbookExport run();
  }

  private static WorkbookExport measure(Export export, Phases phases) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    phases.start = System.nanoTime();
    phases.cpuStart = Phases.processCpu();
    WorkbookExport result = export.run();
    phases.end = System.nanoTime();
    phases.cpuEnd = Phases.processCpu();
    sampler.interrupt();
    sampler.join();
    phases.peakHeap = peak.get();
    return result;
  }

  /** Times the phases of one export from its progress messages. */
  private static final class Phases implements Progress {
    long start;
    long end;
    long bootstrapDone;
    long predictionsStart;
    long predictionsDone;
    long writeStart;
    long peakHeap;
    long cpuStart;
    long cpuEnd;
    long cpuPredictionsStart;
    long cpuPredictionsDone;
    long cpuWriteStart;

    /** CPU time of the whole process (all threads), in nanoseconds. */
    static long processCpu() {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    @Override
    public synchronized void update(long done, long total, String message) {
      long now = System.nanoTime();
      if (message.startsWith("bootstrap") && done == total && total > 0) {
        bootstrapDone = now;
      } else if (message.startsWith("writing predictions") && predictionsStart == 0) {
        predictionsStart = now;
        cpuPredictionsStart = processCpu();
      } else if (message.startsWith("wrote ") && message.endsWith("prediction rows")) {
        predictionsDone = now;
        cpuPredictionsDone = processCpu();
      } else if (message.equals("writing the workbook file")) {
        writeStart = now;
        cpuWriteStart = processCpu();
      }
    }

    String line(String what, WorkbookExport export) {
      double total = (end - start) / 1e9;
      StringBuilder text =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%s: %.2f s in all (bootstrap %.2f s",
                  what,
                  total,
                  (bootstrapDone - start) / 1e9));
      if (predictionsDone > 0) {
        text.append(
            String.format(
                Locale.ROOT,
                "; ten sheets %.2f s; Predictions sheet streamed %.2f s (CPU %.2f s) for %,d"
                    + " rows",
                (predictionsStart - bootstrapDone) / 1e9,
                (predictionsDone - predictionsStart) / 1e9,
                (cpuPredictionsDone - cpuPredictionsStart) / 1e9,
                export.predictionRows()));
      } else {
        text.append(
            String.format(Locale.ROOT, "; ten sheets %.2f s", (writeStart - bootstrapDone) / 1e9));
      }
      text.append(
          String.format(
              Locale.ROOT,
              "; zip and write, hash, audit %.2f s (CPU %.2f s)); process CPU %.2f s; peak heap"
                  + " in use %d MiB",
              (end - writeStart) / 1e9,
              (cpuEnd - cpuWriteStart) / 1e9,
              (cpuEnd - cpuStart) / 1e9,
              peakHeap / (1024 * 1024)));
      return text.toString();
    }
  }
}
