package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.AssayException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.DatasetDrift;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.DriftReportJson;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureDrift;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.drift.NumericStatistics;
import dev.assay.core.drift.ProfileCodec;
import dev.assay.core.drift.ReferenceProfile;
import dev.assay.testing.TestWorkbench;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay drift --engine spark}'s job on {@code local[2]} (the current CSV cut into about 50
 * partitions) gives the report a local comparison with the same stored profile gives: every figure
 * and verdict exactly, except the Wasserstein distance of a sketched feature (its distance sums are
 * doubles added partition by partition, then merged), which agrees to 1e-12 relative. The reference
 * has 120,000 rows, so {@code x} and {@code y} are stored as sketches; {@code z} (6% present) keeps
 * its values and is compared exactly, {@code k} is categorical.
 */
class SparkDriftLocalTest {
  static final double SKETCHED_WASSERSTEIN = 1e-12;
  static final List<FeatureReader.Feature> FEATURES =
      List.of(
          new FeatureReader.Feature("x", FeatureReader.Kind.NUMERIC),
          new FeatureReader.Feature("y", FeatureReader.Kind.NUMERIC),
          new FeatureReader.Feature("z", FeatureReader.Kind.NUMERIC),
          new FeatureReader.Feature("k", FeatureReader.Kind.CATEGORICAL));

  @TempDir static Path dir;
  static TestWorkbench bench;
  static SparkSession spark;
  static Path profileFile;
  static ReferenceProfile profile;
  static Path currentCsv;
  static DatasetVersion current;

  @BeforeAll
  static void start() throws IOException {
    bench = TestWorkbench.open(dir);
    spark = LocalSpark.start("local[2]");
    Path referenceCsv = write("reference.csv", 120_000, 0.0, new Random(1));
    currentCsv = write("current.csv", 40_000, 0.04, new Random(2));
    DatasetVersion reference = bench.importCsv(referenceCsv);
    current = bench.importCsv(currentCsv);
    // as assay drift --model builds and stores it, and later reads it back
    profileFile = dir.resolve("reference.profile");
    ProfileCodec.write(
        ReferenceProfile.build(source(reference), FEATURES, DriftSettings.DEFAULTS), profileFile);
    profile = ProfileCodec.read(profileFile, null);
    assertThat(profile.sketches()).containsOnlyKeys("x", "y");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    bench.close();
  }

  @Test
  void theJobsReportIsTheLocalOne() throws IOException {
    DriftReport local =
        DatasetDrift.run(profile, source(current), FEATURES, DriftSettings.DEFAULTS);
    DriftJob.Outcome outcome = DriftJob.run(spark, spec(List.of(currentCsv.toString()), "csv"));
    DriftReport job = outcome.report();

    assertThat((Integer) outcome.provenance().get("partitions")).isGreaterThan(10);
    assertSame(job, local);
    assertThat(job.drifted()).isNotEmpty().isEqualTo(local.drifted());
    // what assay drift reads back from the job's result file
    assertThat(DriftReportJson.fromTree(DriftReportJson.toTree(job))).isEqualTo(job);
  }

  @Test
  void parquetWithTypedColumnsGivesTheSameReport() throws IOException {
    Path parquet = dir.resolve("current.parquet");
    var frame = spark.read().option("header", "true").csv(currentCsv.toString());
    for (String c : List.of("x", "y", "z")) {
      frame = frame.withColumn(c, frame.col(c).cast("double"));
    }
    frame.repartition(3).write().parquet(parquet.toString());
    DriftReport local =
        DatasetDrift.run(profile, source(current), FEATURES, DriftSettings.DEFAULTS);

    assertSame(DriftJob.run(spark, spec(List.of(parquet.toString()), "parquet")).report(), local);
  }

  @Test
  void aMissingColumnOrAChangedProfileIsOneClearLine() throws IOException {
    Path noK = dir.resolve("no-k.csv");
    Files.write(noK, List.of("x,y,z", "1,2,3"));
    assertThatThrownBy(() -> DriftJob.run(spark, spec(List.of(noK.toString()), "csv")))
        .isInstanceOf(AssayException.class)
        .hasMessage("column 'k' is not in dataset " + current.ref());

    DriftJob.Spec s = spec(List.of(currentCsv.toString()), "csv");
    DriftJob.Spec changed =
        new DriftJob.Spec(
            s.job(),
            s.profile(),
            "0".repeat(64),
            s.data(),
            s.format(),
            s.delimiter(),
            s.features(),
            s.settings(),
            s.modelRef(),
            s.datasetRef());
    assertThatThrownBy(() -> DriftJob.run(spark, changed))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("was changed outside Assay");
  }

  /** Equal feature by feature; a sketched feature's Wasserstein distance to 1e-12 relative. */
  static void assertSame(DriftReport job, DriftReport local) {
    assertThat(job.settings()).isEqualTo(local.settings());
    assertThat(job.features()).hasSameSizeAs(local.features());
    for (int i = 0; i < local.features().size(); i++) {
      FeatureDrift j = job.features().get(i);
      FeatureDrift l = local.features().get(i);
      if (j.statistics() instanceof NumericStatistics n
          && l.statistics() instanceof NumericStatistics m
          && m.sketch() != null) {
        assertThat(n.wasserstein())
            .as(n.name())
            .isCloseTo(m.wasserstein(), within(SKETCHED_WASSERSTEIN * m.wasserstein()));
        assertThat(n.wassersteinNormed())
            .isCloseTo(m.wassersteinNormed(), within(SKETCHED_WASSERSTEIN * m.wassersteinNormed()));
        j =
            new FeatureDrift(
                new NumericStatistics(
                    n.name(),
                    n.nReference(),
                    n.nCurrent(),
                    n.ks(),
                    m.wasserstein(),
                    m.wassersteinNormed(),
                    n.psi(),
                    n.jensenShannon(),
                    n.hellinger(),
                    n.linf(),
                    n.contributions(),
                    n.missing(),
                    n.nonFinite(),
                    n.sketch()),
                j.pAdjusted(),
                j.threshold(),
                j.distributionDrift(),
                j.missing(),
                j.nonFinite());
      }
      assertThat(j).as(l.name()).isEqualTo(l);
    }
  }

  static DriftJob.Spec spec(List<String> data, String format) {
    return new DriftJob.Spec(
        DriftJob.JOB,
        profileFile.toString(),
        null,
        data,
        format,
        ",",
        FEATURES,
        DriftSettings.DEFAULTS,
        "m:1",
        current.ref());
  }

  static DatasetDrift.Source source(DatasetVersion dataset) {
    return new DatasetDrift.Source(
        bench.workbench().datasets().columnCache(dataset),
        bench.workbench().datasets().file(dataset),
        dataset);
  }

  /** x normal, y uniform with 2% missing, z present in 6% of rows, k one of four categories. */
  static Path write(String name, int rows, double shift, Random random) throws IOException {
    Path file = dir.resolve(name);
    String[] categories = {"red", "green", "blue", "grey"};
    try (Writer out = Files.newBufferedWriter(file)) {
      out.write("x,y,z,k\n");
      for (int r = 0; r < rows; r++) {
        double x = random.nextGaussian() + shift;
        double y = random.nextDouble();
        double z = random.nextGaussian() * 2 + 10 * shift;
        double u = random.nextDouble();
        int k = u < 0.4 + shift ? 0 : u < 0.7 ? 1 : u < 0.95 ? 2 : 3;
        out.write(
            String.format(Locale.ROOT, "%.5f", x)
                + ","
                + (random.nextDouble() < 0.02 ? "" : String.format(Locale.ROOT, "%.4f", y))
                + ","
                + (random.nextDouble() < 0.06 ? String.format(Locale.ROOT, "%.3f", z) : "")
                + ","
                + (random.nextDouble() < 0.01 ? "" : categories[k])
                + "\n");
      }
    }
    return file;
  }
}
