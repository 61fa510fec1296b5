package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.data.DatasetVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading features from a CSV when there is no column cache (the cached path runs in the CLI
 * tests).
 */
class FeatureReaderTest {
  @TempDir Path dir;

  private static DatasetVersion dataset(Path file, long rows) {
    return new DatasetVersion(
        1,
        "d",
        1,
        "0".repeat(64),
        0,
        rows,
        file.getFileName().toString(),
        Instant.EPOCH,
        "t",
        file.toString(),
        null);
  }

  @Test
  void csvValuesAreSplitIntoFiniteMissingAndInfiniteAndCategoriesAreCountedAsWritten()
      throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "x,c\n3,a\n1,b\n,a\ninf,NA\nabc,b\n2,a\n");
    List<FeatureSample> samples =
        FeatureReader.read(
            Optional.empty(),
            csv,
            dataset(csv, 6),
            List.of(
                new FeatureReader.Feature("x", FeatureReader.Kind.NUMERIC),
                new FeatureReader.Feature("c", FeatureReader.Kind.CATEGORICAL)));
    NumericSample x = (NumericSample) samples.get(0);
    assertThat(x.count()).isEqualTo(3);
    assertThat(java.util.Arrays.copyOf(x.sorted(), 3)).containsExactly(1.0, 2.0, 3.0);
    assertThat(x.missing()).isEqualTo(2);
    assertThat(x.nonFinite()).isEqualTo(1);
    assertThat(x.rows()).isEqualTo(6);
    CategoricalSample c = (CategoricalSample) samples.get(1);
    assertThat(c.counts()).isEqualTo(Map.of("a", 3L, "b", 2L));
    assertThat(c.missing()).isEqualTo(1);
  }

  @Test
  void aColumnNotInTheDatasetIsRefusedByName() throws Exception {
    Path csv = dir.resolve("d.csv");
    Files.writeString(csv, "x\n1\n");
    assertThatThrownBy(
            () ->
                FeatureReader.read(
                    Optional.empty(),
                    csv,
                    dataset(csv, 1),
                    List.of(new FeatureReader.Feature("y", FeatureReader.Kind.NUMERIC))))
        .isInstanceOf(AssayException.class)
        .hasMessage("column 'y' is not in dataset d:1");
  }
}
