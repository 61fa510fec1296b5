package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CurrentSummary}: the current data summarised in parts, each written and read back ({@link
 * CurrentSummary#toBytes}), merged in another order, gives the report of the comparison that reads
 * the current samples whole ({@link ReferenceProfile#compare}): exact, except a sketched feature's
 * Wasserstein distance (distance sums added in another order), to 1e-12 relative.
 */
class CurrentSummaryTest {
  static final List<FeatureReader.Feature> FEATURES =
      List.of(
          new FeatureReader.Feature("s", FeatureReader.Kind.NUMERIC),
          new FeatureReader.Feature("e", FeatureReader.Kind.NUMERIC),
          new FeatureReader.Feature("k", FeatureReader.Kind.CATEGORICAL));

  @Test
  void partsMergedGiveTheWholeComparison() {
    DriftSettings settings = DriftSettings.DEFAULTS;
    Random random = new Random(3);
    NumericSample s = numeric("s", random, 6000, 0);
    NumericSample e = numeric("e", random, 900, 0);
    NumericSketch sketch = NumericSketch.of(s, 300, settings.bins());
    ReferenceProfile profile =
        new ReferenceProfile(
            6000,
            List.of(sketch.counts(), e, categorical(random, 6000, 0)),
            Map.of(
                "s", ThresholdCalibration.of(s, settings),
                "e", ThresholdCalibration.of(e, settings)),
            Map.of("s", sketch));

    // current rows: cells as text, numbers, missing and infinite ones
    int rows = 3000;
    String[][] cells = new String[rows][3];
    for (int r = 0; r < rows; r++) {
      cells[r][0] = r % 97 == 0 ? "" : Double.toString(random.nextGaussian() + 0.1);
      cells[r][1] = r % 50 == 0 ? "inf" : Double.toString(random.nextGaussian() * 2);
      cells[r][2] = r % 31 == 0 ? null : "c" + (random.nextInt(5) + (r % 7 == 0 ? 1 : 0));
    }
    CurrentSummary merged = null;
    List<byte[]> parts = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      CurrentSummary part = CurrentSummary.of(profile, FEATURES);
      for (int r = p * rows / 3; r < (p + 1) * rows / 3; r++) {
        part.addText(0, cells[r][0]);
        part.addNumber(1, parse(cells[r][1]));
        part.addText(2, cells[r][2]);
      }
      parts.add(part.toBytes());
    }
    for (int p = 2; p >= 0; p--) {
      CurrentSummary back = CurrentSummary.fromBytes(parts.get(p));
      merged = merged == null ? back : merged.merge(back);
    }
    DriftReport report = merged.report(profile, settings);

    List<DriftAnalysis.Compared> whole = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      whole.add(profile.compare(FEATURES.get(f).name(), current(f, cells), settings));
    }
    DriftReport expected = DriftAnalysis.decide(whole, settings);
    assertThat(report.features()).hasSize(3);
    NumericStatistics mine = (NumericStatistics) report.features().get(0).statistics();
    NumericStatistics theirs = (NumericStatistics) expected.features().get(0).statistics();
    assertThat(theirs.sketch()).isNotNull();
    assertThat(mine.wasserstein())
        .isCloseTo(theirs.wasserstein(), within(1e-12 * theirs.wasserstein()));
    assertThat(mine.ks()).isEqualTo(theirs.ks());
    assertThat(mine.contributions()).isEqualTo(theirs.contributions());
    assertThat(mine.missing()).isEqualTo(theirs.missing());
    assertThat(report.features().get(0).pAdjusted())
        .isEqualTo(expected.features().get(0).pAdjusted());
    assertThat(report.features().subList(1, 3)).isEqualTo(expected.features().subList(1, 3));
    assertThat(report.drifted()).isEqualTo(expected.drifted());
  }

  @Test
  void aFeatureNotInTheProfileOrADamagedSummaryIsRefused() {
    ReferenceProfile profile =
        ReferenceProfile.of(10, List.of(categorical(new Random(1), 10, 0)), DriftSettings.DEFAULTS);
    assertThatThrownBy(() -> CurrentSummary.of(profile, FEATURES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 's' is not in the reference profile");
    assertThatThrownBy(() -> CurrentSummary.fromBytes(new byte[] {1, 2, 3, 4}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double parse(String cell) {
    return "inf".equals(cell) ? Double.POSITIVE_INFINITY : Double.parseDouble(cell);
  }

  private static FeatureSample current(int f, String[][] cells) {
    if (f == 2) {
      CategoryCollector c = new CategoryCollector();
      for (String[] row : cells) {
        c.add(row[2]);
      }
      return c.sample("k");
    }
    NumericCollector n = new NumericCollector(cells.length);
    for (String[] row : cells) {
      n.add(f == 0 ? dev.assay.core.data.Cells.parseOrNaN(row[0]) : parse(row[1]));
    }
    return n.sample(FEATURES.get(f).name());
  }

  private static NumericSample numeric(String name, Random random, int n, double shift) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.round((random.nextGaussian() + shift) * 1000) / 1000.0;
    }
    return NumericSample.of(name, values, n, 3, 1);
  }

  private static CategoricalSample categorical(Random random, int n, int shift) {
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge("c" + (random.nextInt(5) + shift), 1L, Long::sum);
    }
    return new CategoricalSample("k", counts, 4);
  }
}
