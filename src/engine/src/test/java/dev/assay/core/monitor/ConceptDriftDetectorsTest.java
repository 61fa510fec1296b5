package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DDM and Page-Hinkley against goldens computed from the published definitions with explicit sums
 * ({@code golden/monitor/make_monitor_golden.py}); ADWIN against its definition's bookkeeping, a
 * planted change and a stationary stream.
 */
class ConceptDriftDetectorsTest {
  private static JsonNode golden;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in =
        ConceptDriftDetectorsTest.class.getResourceAsStream(
            "/golden/monitor/monitor_golden.json")) {
      golden = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void ddmSignalsEqualTheDefinitionsElementByElement() {
    Ddm ddm = new Ddm(Ddm.STANDARD);
    List<String> signals = new ArrayList<>();
    for (JsonNode e : golden.at("/ddm/errors")) {
      signals.add(ddm.add(e.asDouble()).name().toLowerCase(Locale.ROOT));
    }
    List<String> expected = new ArrayList<>();
    golden.at("/ddm/signals").forEach(s -> expected.add(s.asText()));
    assertThat(signals).isEqualTo(expected);
    assertThat(expected).contains("drift").contains("warning");
  }

  @Test
  void pageHinkleySignalsEqualTheDefinitionsAndFindTheShiftWithin30() {
    PageHinkley ph = new PageHinkley(PageHinkley.STANDARD);
    List<String> signals = new ArrayList<>();
    JsonNode statistics = golden.at("/page_hinkley/statistics");
    int i = 0;
    for (JsonNode x : golden.at("/page_hinkley/xs")) {
      signals.add(ph.add(x.asDouble()).name().toLowerCase(Locale.ROOT));
      assertThat(ph.statistic())
          .as("m_T - M_T at " + i)
          .isCloseTo(statistics.get(i++).asDouble(), within(1e-9));
    }
    List<String> expected = new ArrayList<>();
    golden.at("/page_hinkley/signals").forEach(s -> expected.add(s.asText()));
    assertThat(signals).isEqualTo(expected);
    int first = signals.indexOf("drift");
    assertThat(first).as("change planted at 200").isBetween(200, 230);
  }

  @Test
  void adwinKeepsTheWindowsExactCountMeanAndVarianceWhileNothingChanges() {
    Adwin adwin = new Adwin(Adwin.STANDARD);
    SplittableRandom random = new SplittableRandom(3);
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      double x = random.nextDouble() < 0.3 ? 1 : 0;
      xs.add(x);
      assertThat(adwin.add(x)).isEqualTo(DetectorSignal.NONE);
    }
    double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double var = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / xs.size();
    assertThat(adwin.width()).isEqualTo(1000);
    assertThat(adwin.mean()).isCloseTo(mean, within(1e-12));
    assertThat(adwin.windowVariance()).isCloseTo(var, within(1e-9));
    int buckets = adwin.state().rows().stream().mapToInt(List::size).sum();
    assertThat(buckets).as("O(M log n) buckets").isLessThanOrEqualTo(5 * 10 + 1);
  }

  @Test
  void adwinFindsAnErrorRateJumpWithin200AndShrinksToTheNewRegime() {
    int detected = 0;
    for (int seed = 0; seed < 10; seed++) {
      Adwin adwin = new Adwin(Adwin.STANDARD);
      SplittableRandom random = new SplittableRandom(seed);
      int firstDrift = -1;
      List<Double> xs = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        double rate = i < 2000 ? 0.2 : 0.6;
        double x = random.nextDouble() < rate ? 1 : 0;
        xs.add(x);
        if (adwin.add(x) == DetectorSignal.DRIFT && firstDrift < 0 && i >= 2000) {
          firstDrift = i;
        }
      }
      if (firstDrift >= 2000 && firstDrift < 2200) {
        detected++;
      }
      assertThat(adwin.mean())
          .as("after the change the window holds the new rate")
          .isGreaterThan(0.45);
      assertThat(adwin.width()).isLessThan(1500);
      // after cuts, the kept totals and variance are those of the newest width() elements
      List<Double> kept = xs.subList(xs.size() - (int) adwin.width(), xs.size());
      double mean = kept.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double var = kept.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / kept.size();
      assertThat(adwin.mean()).isCloseTo(mean, within(1e-9));
      assertThat(adwin.windowVariance()).isCloseTo(var, within(1e-9));
    }
    assertThat(detected).isEqualTo(10);
  }

  @Test
  void stationaryStreamsRaiseAtMostOneFalseAlarmIn20x5000ElementsPerDetector() {
    int adwinAlarms = 0;
    int phAlarms = 0;
    for (int seed = 0; seed < 20; seed++) {
      Adwin adwin = new Adwin(Adwin.STANDARD);
      PageHinkley ph = new PageHinkley(PageHinkley.STANDARD);
      SplittableRandom random = new SplittableRandom(100 + seed);
      for (int i = 0; i < 5000; i++) {
        double x = random.nextDouble() < 0.2 ? 1 : 0;
        adwinAlarms += adwin.add(x) == DetectorSignal.DRIFT ? 1 : 0;
        phAlarms += ph.add(x) == DetectorSignal.DRIFT ? 1 : 0;
      }
    }
    assertThat(adwinAlarms).isLessThanOrEqualTo(1);
    assertThat(phAlarms).isLessThanOrEqualTo(1);
  }

  @Test
  void restoredDetectorsContinueExactlyAsTheOriginals() throws Exception {
    ObjectMapper json = Json.newMapper();
    SplittableRandom random = new SplittableRandom(9);
    Adwin adwin = new Adwin(Adwin.STANDARD);
    Ddm ddm = new Ddm(Ddm.STANDARD);
    PageHinkley ph = new PageHinkley(PageHinkley.STANDARD);
    for (int i = 0; i < 777; i++) {
      double x = random.nextDouble() < 0.25 ? 1 : 0;
      adwin.add(x);
      ddm.add(x);
      ph.add(x);
    }
    Adwin a2 =
        Adwin.restore(
            Adwin.STANDARD,
            json.readValue(json.writeValueAsString(adwin.state()), Adwin.State.class));
    Ddm d2 =
        Ddm.restore(
            Ddm.STANDARD, json.readValue(json.writeValueAsString(ddm.state()), Ddm.State.class));
    PageHinkley p2 =
        PageHinkley.restore(
            PageHinkley.STANDARD,
            json.readValue(json.writeValueAsString(ph.state()), PageHinkley.State.class));
    for (int i = 0; i < 2000; i++) {
      double x = random.nextDouble() < (i < 1000 ? 0.25 : 0.7) ? 1 : 0;
      assertThat(a2.add(x)).isEqualTo(adwin.add(x));
      assertThat(d2.add(x)).isEqualTo(ddm.add(x));
      assertThat(p2.add(x)).isEqualTo(ph.add(x));
    }
    assertThat(a2.mean()).isEqualTo(adwin.mean());
  }
}
