package dev.assay.bench;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.ColumnType;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.DatasetDrift;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.drift.FeatureSample;
import dev.assay.core.drift.ProfileCodec;
import dev.assay.core.drift.ReferenceProfile;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The drift benchmark of issue 18, run by hand: {@code ./mvnw -Pbench-drift -DskipTests
 * process-test-classes} (writes target/bench/drift-results.txt).
 *
 * <p>Writes two deterministic 1,000,000-row CSVs with 13 columns (10 numeric: normal, lognormal,
 * uniform, integer counts, a column with 1 % missing cells; 3 categorical with 5, 40 and 300
 * categories; seed 18), the current one with two shifted numeric columns, a raised missing rate and
 * a changed category mix. Both are imported once into a fresh workbench (stored reference, its
 * column cache written at import; import time reported, not counted). Then it times, once to warm
 * up and five times measured: (1) in process, reading the 13 features of both datasets from their
 * column caches, comparing and deciding; (2) the whole CLI process {@code assay drift --reference
 * ref --current cur --json OUT --quiet}, JVM start and workbench open included. Min and median.
 */
public final class DriftBenchmark {
  private static final int ROWS = 1_000_000;
  private static final int RUNS = 5;

  /**
   * Columns of the generated data: 13 (10 numeric, 3 categorical), or the value of the environment
   * variable ASSAY_BENCH_COLUMNS (the wide case of issue 18: 100, i.e. 97 numeric columns in the
   * same four shapes and the same 3 categorical ones). The wide run measures only the stored
   * profile: in process and whole process 'assay drift --model'.
   */
  private static final int COLUMNS =
      Integer.parseInt(System.getenv().getOrDefault("ASSAY_BENCH_COLUMNS", "13"));

  private static final boolean WIDE = COLUMNS != 13;

  /**
   * Whole-process runs against a profile that keeps every value (the format before sketches), for
   * the before/after comparison of the wide case: ASSAY_BENCH_EXACT_RUNS, default 3 (0: none).
   */
  private static final int EXACT_RUNS =
      Integer.parseInt(System.getenv().getOrDefault("ASSAY_BENCH_EXACT_RUNS", "3"));

  /**
   * Whether the whole-process runs against the sketched profile are timed once more with an AOT
   * cache (JEP 483/514/515, as the distribution's bin/assay has one): ASSAY_BENCH_AOT, default 1.
   * The class path's folders are packed into jars (an AOT cache takes jars only), the first run
   * trains the cache (-XX:AOTCacheOutput), the others use it.
   */
  private static final boolean AOT =
      !"0".equals(System.getenv().getOrDefault("ASSAY_BENCH_AOT", "1"));

  private static final String AOT_LABEL = "sketched profile, with an AOT cache";

  private static final String SIZE = WIDE ? "1m-" + COLUMNS : "1m";
  private static final String SHAPE = "1M x " + COLUMNS;

  private DriftBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    Path work = repo.resolve("target/bench");
    Files.createDirectories(work);
    Path ref = work.resolve("drift-ref-" + SIZE + ".csv");
    Path cur = work.resolve("drift-cur-" + SIZE + ".csv");
    if (!Files.exists(ref) || !Files.exists(cur)) {
      generate(ref, 18, false);
      generate(cur, 19, true);
    }
    // the wide case keeps its workbench (the two imports take minutes) in target/bench
    Path home =
        WIDE
            ? Files.createDirectories(work.resolve("drift-home-" + SIZE))
            : Files.createTempDirectory(work, "drift-home-");
    List<String> lines = new ArrayList<>();
    DatasetVersion r;
    DatasetVersion c;
    String model;
    String exactModel = null;
    List<FeatureReader.Feature> features = new ArrayList<>();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "bench")) {
      long t0 = System.nanoTime();
      r =
          workbench
              .datasets()
              .importDataset(ref, "ref", Progress.NONE, Cancellation.NONE)
              .dataset();
      c =
          workbench
              .datasets()
              .importDataset(cur, "cur", Progress.NONE, Cancellation.NONE)
              .dataset();
      lines.add(
          String.format(
              Locale.ROOT,
              "import of both %s CSVs (profile + column cache, not counted): %.1f s",
              SHAPE,
              (System.nanoTime() - t0) / 1e9));
      r.profile()
          .columns()
          .forEach(
              col ->
                  features.add(
                      new FeatureReader.Feature(
                          col.name(),
                          col.type() == ColumnType.CATEGORICAL
                              ? FeatureReader.Kind.CATEGORICAL
                              : FeatureReader.Kind.NUMERIC)));
      double[] read = new double[RUNS];
      double[] total = new double[RUNS];
      DriftReport report = null;
      for (int run = -1; run < (WIDE ? -1 : RUNS); run++) {
        long s0 = System.nanoTime();
        List<FeatureSample> rs = read(workbench, r, features);
        List<FeatureSample> cs = read(workbench, c, features);
        long s1 = System.nanoTime();
        rs = null;
        cs = null;
        long sc = System.nanoTime();
        report =
            DatasetDrift.run(
                source(workbench, r), source(workbench, c), features, DriftSettings.DEFAULTS);
        long s2 = System.nanoTime();
        if (run >= 0) {
          read[run] = (s1 - s0) / 1e9;
          total[run] = (s2 - sc) / 1e9;
        }
      }
      if (!WIDE)
        lines.add(
            String.format(
                Locale.ROOT,
                "in process, 13 features of 1M + 1M rows: reading alone %.2f s median; read+compare+decide"
                    + " min %.2f s, median %.2f s; drifted: %s",
                median(read),
                min(total),
                median(total),
                report.drifted()));
      if (!WIDE) {
        Path profileFile = work.resolve("drift-ref-" + SIZE + ".profile");
        long p0 = System.nanoTime();
        ReferenceProfile built =
            ReferenceProfile.build(source(workbench, r), features, DriftSettings.DEFAULTS);
        ProfileCodec.write(built, profileFile);
        built = null;
        lines.add(
            String.format(
                Locale.ROOT,
                "reference profile built and written once (not counted): %.2f s, %d MB",
                (System.nanoTime() - p0) / 1e9,
                Files.size(profileFile) >> 20));
        double[] load = new double[RUNS];
        double[] stored = new double[RUNS];
        double[] cpu = new double[RUNS];
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        DriftReport againstProfile = null;
        for (int run = -1; run < RUNS; run++) {
          long c0 = os.getProcessCpuTime();
          long s0 = System.nanoTime();
          ReferenceProfile profile = ProfileCodec.read(profileFile, null);
          long s1 = System.nanoTime();
          againstProfile =
              DatasetDrift.run(profile, source(workbench, c), features, DriftSettings.DEFAULTS);
          long s2 = System.nanoTime();
          long c1 = os.getProcessCpuTime();
          if (run >= 0) {
            load[run] = (s1 - s0) / 1e9;
            stored[run] = (s2 - s0) / 1e9;
            cpu[run] = (c1 - c0) / 1e9;
          }
        }
        lines.add(
            String.format(
                Locale.ROOT,
                "in process, "
                    + COLUMNS
                    + " features of 1M current rows against the stored profile: loading the"
                    + " profile %.2f s median; load+read+compare+decide min %.2f s, median %.2f s (%s);"
                    + " CPU seconds of the process per run median %.2f (%s); same verdicts as two"
                    + " datasets: %s",
                median(load),
                min(stored),
                median(stored),
                Arrays.toString(stored),
                median(cpu),
                Arrays.toString(cpu),
                report == null ? "not run" : againstProfile.drifted().equals(report.drifted())));
        lines.add(
            String.format(
                Locale.ROOT,
                "load average %.1f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
      }
      model =
          workbench
              .models()
              .importModel(
                  dev.assay.core.model.ImportRequest.of(repo.resolve("models/hmda-deny-v2.onnx")),
                  Progress.NONE,
                  Cancellation.NONE)
              .model()
              .ref();
      if (WIDE) {
        // the baseline: another model version whose profile keeps every value (as before sketches)
        exactModel =
            workbench
                .models()
                .importModel(
                    dev.assay.core.model.ImportRequest.of(repo.resolve("models/hmda-deny-v1.onnx")),
                    Progress.NONE,
                    Cancellation.NONE)
                .model()
                .ref();
      }
      if (Boolean.getBoolean("bench.profileOnly")) {
        lines.forEach(System.out::println);
        return;
      }
    }
    if (exactModel != null && EXACT_RUNS > 0) {
      lines.add(
          timeModelRuns(
              home,
              exactModel,
              r,
              c,
              work,
              EXACT_RUNS,
              "2147483647",
              "exact profile (every value)"));
    }
    lines.add(timeModelRuns(home, model, r, c, work, RUNS, null, "sketched profile"));
    if (AOT) {
      lines.add(timeModelRuns(home, model, r, c, work, RUNS, null, AOT_LABEL));
    }
    if (WIDE) {
      lines.addAll(inProcess(home, model, exactModel, r, c, features));
      lines.add(
          String.format(
              Locale.ROOT,
              "%s: %d cores, load average %.1f, %s",
              SHAPE,
              Runtime.getRuntime().availableProcessors(),
              ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
              System.getProperty("java.vm.version")));
      Files.write(work.resolve("drift-results-" + SIZE + ".txt"), lines);
      lines.forEach(System.out::println);
      return;
    }
    double[] process = new double[RUNS];
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int run = -1; run < RUNS; run++) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "--enable-native-access=ALL-UNNAMED",
                  "--sun-misc-unsafe-memory-access=allow",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.assay.Assay",
                  "drift",
                  "--home",
                  home.toString(),
                  "--reference",
                  r.ref(),
                  "--current",
                  c.ref(),
                  "--json",
                  work.resolve("drift-report.json").toString(),
                  "--quiet"));
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(command).inheritIO().start();
      int code = p.waitFor();
      if (run >= 0) {
        process[run] = (System.nanoTime() - t0) / 1e9;
      }
      if (code != 0) {
        lines.add("assay drift exited " + code);
      }
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "whole process 'assay drift' (JVM start, workbench open, read, compare, JSON): min"
                + " %.2f s, median %.2f s",
            min(process),
            median(process)));
    lines.add(
        String.format(
            Locale.ROOT,
            "%d cores, load average %.1f, %s",
            Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            System.getProperty("java.vm.version")));
    Files.write(work.resolve("drift-results.txt"), lines);
    lines.forEach(System.out::println);
  }

  /**
   * Times whole 'assay drift --model' processes against the stored profile: the first run (which
   * builds the profile when there is none, with assay.drift.sketchAbove set when not null) and one
   * warm-up are not counted. Also the in-process figure each run prints ("compared in N ms":
   * loading the profile, reading the current data, comparing, deciding).
   */
  private static String timeModelRuns(
      Path home,
      String model,
      DatasetVersion r,
      DatasetVersion c,
      Path work,
      int runs,
      String sketchAbove,
      String label)
      throws Exception {
    double[] whole = new double[runs];
    double[] inProcess = new double[runs];
    boolean aot = AOT_LABEL.equals(label);
    String classPath = aot ? jarClassPath(work) : System.getProperty("java.class.path");
    Path cache = work.resolve("aot/drift.aot");
    for (int run = -2; run < runs; run++) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "--enable-native-access=ALL-UNNAMED",
                  "--sun-misc-unsafe-memory-access=allow"));
      if (sketchAbove != null) {
        command.add("-Dassay.drift.sketchAbove=" + sketchAbove);
      }
      if (aot) {
        command.add((run == -2 ? "-XX:AOTCacheOutput=" : "-XX:AOTCache=") + cache);
      }
      command.addAll(
          List.of(
              "-cp",
              classPath,
              "dev.assay.Assay",
              "drift",
              "--home",
              home.toString(),
              "--model",
              model,
              "--reference",
              r.ref(),
              "--current",
              c.ref(),
              "--json",
              work.resolve("drift-report-model.json").toString()));
      Path err = work.resolve("drift-stderr.txt");
      long t0 = System.nanoTime();
      int code =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(err.toFile())
              .start()
              .waitFor();
      double seconds = (System.nanoTime() - t0) / 1e9;
      String text = Files.readString(err);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("compared in (\\d+) ms").matcher(text);
      double compared = m.find() ? Long.parseLong(m.group(1)) / 1e3 : Double.NaN;
      System.out.printf(
          Locale.ROOT,
          "%s run %d: %.2f s whole, %.2f s in process%n",
          label,
          run,
          seconds,
          compared);
      if (run >= 0) {
        whole[run] = seconds;
        inProcess[run] = compared;
      }
      if (code != 0) {
        return "assay drift --model exited " + code + ": " + text;
      }
    }
    return String.format(
        Locale.ROOT,
        "whole process 'assay drift --model' against the stored %s (first run, which builds it,"
            + " and one warm-up not counted; %d runs): min %.2f s, median %.2f s %s; in process"
            + " (load profile, read current, compare, decide) median %.2f s; load average now %.1f",
        label,
        runs,
        min(whole),
        median(whole),
        Arrays.toString(whole),
        median(inProcess),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /**
   * The benchmark's class path for the AOT runs: each folder of main classes packed into a jar
   * under target/bench/aot (test classes left out: the CLI does not need them).
   */
  private static String jarClassPath(Path work) throws java.io.IOException {
    Path dir = Files.createDirectories(work.resolve("aot"));
    List<String> out = new ArrayList<>();
    int k = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path folder = Path.of(entry);
      if (!Files.isDirectory(folder)) {
        out.add(entry);
        continue;
      }
      if (folder.endsWith("test-classes")) {
        continue;
      }
      Path jar = dir.resolve("classes-" + k++ + ".jar");
      try (java.util.jar.JarOutputStream j =
              new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
          java.util.stream.Stream<Path> files = Files.walk(folder)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          j.putNextEntry(
              new java.util.jar.JarEntry(
                  folder.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
          Files.copy(f, j);
          j.closeEntry();
        }
      }
      out.add(jar.toString());
    }
    return String.join(java.io.File.pathSeparator, out);
  }

  /**
   * Where the time of one comparison against each stored profile goes, in this process (3 runs,
   * medians): reading the profile's blocks, then reading the current data and comparing.
   */
  private static List<String> inProcess(
      Path home,
      String model,
      String exactModel,
      DatasetVersion r,
      DatasetVersion c,
      List<FeatureReader.Feature> features)
      throws Exception {
    List<String> out = new ArrayList<>();
    List<String> names = features.stream().map(FeatureReader.Feature::name).toList();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "bench")) {
      for (String m : java.util.Arrays.asList(exactModel, model)) {
        if (m == null) {
          continue;
        }
        dev.assay.core.model.ModelVersion version =
            workbench.models().get(dev.assay.core.model.ModelRef.parse(m));
        Optional<dev.assay.core.driftreports.DriftProfileStore.StoredProfile> stored =
            workbench.driftProfiles().find(version, r);
        if (stored.isEmpty()) {
          continue;
        }
        double[] load = new double[3];
        double[] compare = new double[3];
        try {
          for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            ReferenceProfile profile = workbench.driftProfiles().load(stored.get(), names);
            long t1 = System.nanoTime();
            DatasetDrift.run(profile, source(workbench, c), features, DriftSettings.DEFAULTS);
            long t2 = System.nanoTime();
            load[run] = (t1 - t0) / 1e9;
            compare[run] = (t2 - t1) / 1e9;
          }
          out.add(
              String.format(
                  Locale.ROOT,
                  "in process, profile of %s (%d MB): reading the profile median %.2f s, reading"
                      + " the current data + comparing + deciding median %.2f s",
                  m,
                  stored.get().sizeBytes() >> 20,
                  median(load),
                  median(compare)));
        } catch (OutOfMemoryError e) {
          out.add("in process, profile of " + m + ": out of memory at -Xmx2g");
        }
      }
    }
    return out;
  }

  private static DatasetDrift.Source source(Workbench workbench, DatasetVersion dataset) {
    return new DatasetDrift.Source(
        workbench.datasets().columnCache(dataset), workbench.datasets().file(dataset), dataset);
  }

  private static List<FeatureSample> read(
      Workbench workbench, DatasetVersion dataset, List<FeatureReader.Feature> features) {
    Optional<ColumnCache> cache = workbench.datasets().columnCache(dataset);
    return FeatureReader.read(cache, workbench.datasets().file(dataset), dataset, features);
  }

  static void generate(Path file, long seed, boolean drifted) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    String[] small = {"a", "b", "c", "d", "e"};
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      int numeric = COLUMNS - 3;
      StringBuilder header = new StringBuilder();
      for (int k = 1; k <= numeric; k++) {
        header.append('n').append(k).append(',');
      }
      out.write(header + "c1,c2,c3\n");
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < ROWS; i++) {
        row.setLength(0);
        for (int k = 0; k < numeric; k++) {
          double g = gaussian(random);
          double v =
              switch (k % 4) {
                case 0 -> 10 * g + (drifted && k == 0 ? 1.5 : 0);
                case 1 -> Math.exp(0.5 * g + (drifted && k == 5 ? 0.1 : 0));
                case 2 -> random.nextDouble() * 100;
                default -> Math.floor(Math.abs(g) * 5);
              };
          boolean missing = k == 9 && random.nextDouble() < (drifted ? 0.05 : 0.01);
          if (!missing) {
            fixed4(row, v);
          }
          row.append(',');
        }
        double u = random.nextDouble();
        int s = drifted ? Math.min(4, (int) (u * u * 5)) : (int) (u * 5);
        row.append(small[s]).append(',');
        row.append("m").append(random.nextInt(40)).append(',');
        row.append("k").append((int) Math.floor(300 * Math.pow(random.nextDouble(), 2)));
        row.append('\n');
        out.write(row.toString());
      }
    }
  }

  /**
   * Appends {@code v} as {@code String.format(Locale.ROOT, "%.4f", v)} would (the same bytes), at a
   * fraction of its cost: 1M x 100 took about 30 min at load with String.format. Values within 1e-6
   * of a rounding tie, below 1e-4 in size (sign of zero) or above 1e11 go through String.format.
   */
  static void fixed4(StringBuilder row, double v) {
    double scaled = v * 10_000;
    double floor = Math.floor(scaled);
    double frac = scaled - floor;
    if (Math.abs(frac - 0.5) < 1e-6 || Math.abs(scaled) < 1 || Math.abs(scaled) > 1e15) {
      row.append(String.format(Locale.ROOT, "%.4f", v));
      return;
    }
    long r = (long) (frac > 0.5 ? floor + 1 : floor);
    if (r < 0) {
      row.append('-');
      r = -r;
    }
    row.append(r / 10_000).append('.');
    long f = r % 10_000;
    if (f < 1000) {
      row.append('0');
    }
    if (f < 100) {
      row.append('0');
    }
    if (f < 10) {
      row.append('0');
    }
    row.append(f);
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(double[] x) {
    return Arrays.stream(x).min().orElse(Double.NaN);
  }
}
