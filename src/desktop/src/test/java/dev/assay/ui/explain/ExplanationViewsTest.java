package dev.assay.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.Attribution;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.ui.StoredAnalyses;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waterfall and beeswarm models against figures recomputed here from a real stored explanation
 * (the report's φ and predictions, the data file's values read as text) and from hand-made
 * documents: each bar starts where the last ended and the last ends at base + Σφ, the stored f(x)
 * within the efficiency error; ordering by |φ| and mean |φ|; folding; colour ranks counted.
 */
class ExplanationViewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void aStoredExplanationsWaterfallsAndBeeswarmMatchTheReportAndTheData() throws Exception {
    try (Workbench w =
            Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "rita");
        BackgroundTasks tasks = new BackgroundTasks()) {
      Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), temp.resolve("m.onnx"));
      ModelVersion model =
          w.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE).model();
      Path csv = TestModels.sample("data/hmda_test.csv");
      DatasetVersion data =
          w.datasets().importDataset(csv, null, Progress.NONE, Cancellation.NONE).dataset();
      StoredAnalyses.Explained stored = StoredAnalyses.explanation(w, model, data, temp);
      ExplanationReport report = stored.report();
      ExplainedRows rows =
          new ExplanationsViewModel(w.explanations(), tasks).detail(stored.id()).rows();
      List<String> features = report.features();
      int m = features.size();
      assertThat(m).isEqualTo(13);
      assertThat(rows.space()).isEqualTo("log-odds of class 1");
      List<String> lines = Files.readAllLines(csv);
      List<String> header = Arrays.asList(lines.getFirst().split(","));

      for (int r = 0; r < report.rows().size(); r++) {
        Attribution a = report.rows().get(r).attribution();
        String[] cells = lines.get(1 + report.rows().get(r).row()).split(",");
        Waterfall wf = Waterfall.of(rows, r, Waterfall.TOP);
        // 13 features: the ten largest |phi| one by one, the three smallest folded into one bar
        assertThat(wf.bars()).hasSize(11);
        Integer[] byAbs = new Integer[m];
        for (int i = 0; i < m; i++) {
          byAbs[i] = i;
        }
        Arrays.sort(byAbs, (x, y) -> Double.compare(Math.abs(a.phi()[y]), Math.abs(a.phi()[x])));
        double sum = 0;
        for (int i = 0; i < m; i++) {
          sum += a.phi()[i];
        }
        double folded = a.phi()[byAbs[10]] + a.phi()[byAbs[11]] + a.phi()[byAbs[12]];
        assertThat(wf.bars().getFirst().start()).isEqualTo(report.baseValue());
        for (int k = 0; k < 10; k++) {
          Waterfall.Bar b = wf.bars().get(k);
          int i = features.indexOf(b.label());
          assertThat(Math.abs(b.phi())).isEqualTo(Math.abs(a.phi()[byAbs[k]]));
          assertThat(b.phi()).isEqualTo(a.phi()[i]);
          assertThat(b.end() - b.start()).isCloseTo(b.phi(), within(1e-12));
          if (k > 0) {
            assertThat(b.start()).isEqualTo(wf.bars().get(k - 1).end());
          }
          // the value beside the name is the data file's
          double csvValue = Double.parseDouble(cells[header.indexOf(b.label())]);
          assertThat(rows.rows().get(r).values()[i]).isCloseTo(csvValue, within(1e-6));
          assertThat(Waterfall.name(b)).startsWith(b.label() + " = ");
        }
        Waterfall.Bar rest = wf.bars().getLast();
        assertThat(rest.label()).isEqualTo("3 other features");
        assertThat(rest.folded()).isEqualTo(3);
        assertThat(rest.phi()).isCloseTo(folded, within(1e-12));
        assertThat(rest.start()).isEqualTo(wf.bars().get(9).end());
        assertThat(rest.end()).isEqualTo(wf.end());
        assertThat(wf.end()).isCloseTo(report.baseValue() + sum, within(1e-12));
        assertThat(Math.abs(wf.end() - a.prediction()))
            .isLessThanOrEqualTo(a.efficiencyError() + 1e-12);
        assertThat(wf.prediction()).isEqualTo(a.prediction());
        assertThat(wf.axis().low()).isLessThanOrEqualTo(Math.min(wf.base(), wf.end()));
        assertThat(wf.axis().high()).isGreaterThanOrEqualTo(Math.max(wf.base(), wf.end()));
        for (Waterfall.Bar b : wf.bars()) {
          assertThat(b.left()).isGreaterThanOrEqualTo(wf.axis().low());
          assertThat(b.right()).isLessThanOrEqualTo(wf.axis().high());
        }
      }

      // the beeswarm: lines by mean |phi| recomputed, colours by the values' ranks counted
      Beeswarm bees = Beeswarm.of(rows);
      assertThat(bees.lines()).hasSize(m);
      int n = report.rows().size();
      double[] meanAbs = new double[m];
      for (int i = 0; i < m; i++) {
        for (var row : report.rows()) {
          meanAbs[i] += Math.abs(row.attribution().phi()[i]) / n;
        }
      }
      for (int k = 0; k < m; k++) {
        Beeswarm.Line line = bees.lines().get(k);
        int i = features.indexOf(line.feature());
        assertThat(line.meanAbs()).isCloseTo(meanAbs[i], within(1e-12));
        if (k > 0) {
          assertThat(bees.lines().get(k - 1).meanAbs()).isGreaterThanOrEqualTo(line.meanAbs());
        }
        double[] values = new double[n];
        for (int r = 0; r < n; r++) {
          values[r] =
              Double.parseDouble(
                  lines.get(1 + report.rows().get(r).row())
                      .split(",")[header.indexOf(line.feature())]);
        }
        for (int r = 0; r < n; r++) {
          Beeswarm.Dot d = line.dots().get(r);
          assertThat(d.row()).isEqualTo(report.rows().get(r).row());
          assertThat(d.phi()).isEqualTo(report.rows().get(r).attribution().phi()[i]);
          assertThat(d.colour())
              .as("%s row %d", line.feature(), r)
              .isCloseTo(rank(values, r), within(1e-12));
          assertThat(d.phi()).isBetween(bees.axis().low(), bees.axis().high());
        }
        assertStacked(line, bees.axis(), Beeswarm.BINS);
      }
      assertThat(Beeswarm.of(rows)).usingRecursiveComparison().isEqualTo(bees);

      // the dependence plot: each row's (value from the CSV, phi from the report), by value
      assertThat(ShapDependence.order(rows))
          .containsExactlyElementsOf(bees.lines().stream().map(Beeswarm.Line::feature).toList());
      for (String f : features) {
        int i = features.indexOf(f);
        ShapDependence dep = ShapDependence.of(rows, f);
        assertThat(dep.left()).isZero();
        List<double[]> expected = new java.util.ArrayList<>();
        for (var row : report.rows()) {
          String cell = lines.get(1 + row.row()).split(",")[header.indexOf(f)];
          expected.add(new double[] {Double.parseDouble(cell), row.attribution().phi()[i]});
        }
        expected.sort(java.util.Comparator.comparingDouble(p -> p[0]));
        assertThat(dep.values()).hasSize(n);
        for (int k = 0; k < n; k++) {
          assertThat(dep.values()[k]).as(f).isCloseTo(expected.get(k)[0], within(1e-6));
          if (k > 0) {
            assertThat(dep.values()[k]).isGreaterThanOrEqualTo(dep.values()[k - 1]);
          }
        }
        // the same multiset of (value, phi) pairs: sums of phi over equal values agree
        java.util.Map<Double, Double> got = new java.util.TreeMap<>();
        java.util.Map<Double, Double> want = new java.util.TreeMap<>();
        for (int k = 0; k < n; k++) {
          got.merge(Math.rint(dep.values()[k] * 1e4) / 1e4, dep.phi()[k], Double::sum);
          want.merge(Math.rint(expected.get(k)[0] * 1e4) / 1e4, expected.get(k)[1], Double::sum);
        }
        assertThat(got.keySet()).isEqualTo(want.keySet());
        for (Double v : want.keySet()) {
          assertThat(got.get(v)).as(f + " = " + v).isCloseTo(want.get(v), within(1e-12));
        }
      }
      assertThat(ShapDependence.of(rows, "no such feature")).isNull();
    }
  }

  @Test
  void manyFeaturesFoldAndValuesThatAreNotNumbersAreNeutral() throws Exception {
    // 25 features, 6 rows: phi_i = (i + 1) * (r - 2.5) / 10, value = r (ties for r >= 4: 4),
    // except feature f0: text, and f1 missing in row 0
    ObjectNode doc = JSON.createObjectNode();
    doc.put("output", "probability");
    doc.put("class", "1");
    doc.put("base_value", 0.25);
    ArrayNode names = doc.putArray("features");
    int m = 25;
    for (int i = 0; i < m; i++) {
      names.add("f" + i);
    }
    ArrayNode rowsNode = doc.putArray("rows");
    double[][] phi = new double[6][m];
    for (int r = 0; r < 6; r++) {
      ObjectNode row = rowsNode.addObject();
      row.put("row", 100 + r);
      ObjectNode att = row.putObject("attributions");
      ObjectNode values = row.putObject("values");
      double sum = 0;
      for (int i = 0; i < m; i++) {
        phi[r][i] = (i + 1) * (r - 2.5) / 10;
        att.put("f" + i, phi[r][i]);
        sum += phi[r][i];
        if (i == 0) {
          values.put("f0", "text");
        } else if (!(i == 1 && r == 0)) {
          values.put("f" + i, Math.min(r, 4));
        }
      }
      row.put("prediction", 0.25 + sum);
      row.put("efficiency_error", 0.0);
    }
    ExplainedRows rows = ExplainedRows.of(doc);
    assertThat(rows.space()).isEqualTo("probability of class 1");

    Beeswarm bees = Beeswarm.of(rows);
    // 20 lines one feature each, largest first (f24 .. f5), then "5 other features" (f4 .. f0)
    assertThat(bees.lines()).hasSize(21);
    assertThat(bees.lines().getFirst().feature()).isEqualTo("f24");
    assertThat(bees.lines().get(19).feature()).isEqualTo("f5");
    Beeswarm.Line rest = bees.lines().getLast();
    assertThat(rest.feature()).isEqualTo("5 other features");
    for (int r = 0; r < 6; r++) {
      double expected = 0;
      for (int i = 0; i < 5; i++) {
        expected += phi[r][i];
      }
      assertThat(rest.dots().get(r).phi()).isCloseTo(expected, within(1e-12));
      assertThat(rest.dots().get(r).colour()).isNaN();
    }
    // ties share their place: values 0,1,2,3,4,4 -> 0, 1/4, 2/4, 3/4, 1, 1
    assertThat(bees.lines().getFirst().dots())
        .extracting(Beeswarm.Dot::colour)
        .containsExactly(0.0, 0.25, 0.5, 0.75, 1.0, 1.0);
    assertThat(Beeswarm.ranks(new double[] {0, 0, 0, 1, 0}))
        .containsExactly(0.0, 0.0, 0.0, 1.0, 0.0);
    // the dependence plot leaves out and counts the rows without a numeric value
    assertThat(ShapDependence.of(rows, "f0").values()).isEmpty();
    assertThat(ShapDependence.of(rows, "f0").left()).isEqualTo(6);
    ShapDependence f1 = ShapDependence.of(rows, "f1");
    assertThat(f1.left()).isEqualTo(1);
    assertThat(f1.values()).containsExactly(1.0, 2.0, 3.0, 4.0, 4.0);
    assertThat(f1.phi()).containsExactly(-0.3, -0.1, 0.1, 0.3, 0.5);
    for (Beeswarm.Line line : bees.lines()) {
      assertStacked(line, bees.axis(), Beeswarm.BINS);
    }
    // text values and missing ones are neutral; the rest rank among the numbers only
    assertThat(Beeswarm.ranks(new double[] {Double.NaN, 3, 1, 2}))
        .containsExactly(Double.NaN, 1.0, 0.0, 0.5);
    assertThat(Beeswarm.ranks(new double[] {7, 7, 7})).containsExactly(0.5, 0.5, 0.5);
    assertThat(Beeswarm.rgb(Double.NaN)).isEqualTo(Beeswarm.NEUTRAL);
    assertThat(Beeswarm.rgb(0)).isEqualTo(0x008BFB);
    assertThat(Beeswarm.rgb(1)).isEqualTo(0xFF0052);
    assertThat(Beeswarm.rgb(0.5)).isEqualTo(0x8046A7);
    assertThat(rows.rows().getFirst().shown()[0]).isEqualTo("text");
    assertThat(rows.rows().getFirst().shown()[1]).isEqualTo("?");

    // the waterfall of row 0: ten bars, then the 15 smallest folded; ends at base + sum(phi)
    Waterfall wf = Waterfall.of(rows, 0, Waterfall.TOP);
    assertThat(wf.bars()).hasSize(11);
    assertThat(wf.bars().getFirst().label()).isEqualTo("f24");
    assertThat(Waterfall.name(wf.bars().getFirst())).isEqualTo("f24 = 0");
    assertThat(wf.bars().getLast().label()).isEqualTo("15 other features");
    double sum = 0;
    for (int i = 0; i < m; i++) {
      sum += phi[0][i];
    }
    assertThat(wf.end()).isCloseTo(0.25 + sum, within(1e-12));
    assertThat(wf.caption()).contains("the 15 smallest of 25 features folded into one bar");
    // one feature beyond the top ten is shown rather than folded alone
    assertThat(Waterfall.of(rows, 0, 24).bars()).hasSize(25);
    assertThat(Waterfall.of(rows, 0, 23).bars())
        .hasSize(24)
        .last()
        .extracting(Waterfall.Bar::folded)
        .isEqualTo(2);
  }

  @Test
  void theAxisHoldsItsRangeInRoundSteps() {
    AxisScale axis = AxisScale.of(-1.23, 1.47);
    assertThat(axis.step()).isEqualTo(0.5);
    assertThat(axis.low()).isEqualTo(-1.5);
    assertThat(axis.high()).isEqualTo(1.5);
    assertThat(axis.ticks()).containsExactly(-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5);
    assertThat(axis.px(-1.5, 10, 200)).isEqualTo(10);
    assertThat(axis.px(1.5, 10, 200)).isEqualTo(210);
    assertThat(WaterfallChart.tick(-0.5, 0.5)).isEqualTo("-0.5");
  }

  /** Dots in the same slice of the axis are stacked 0, +1, -1, +2, ... in row order. */
  private static void assertStacked(Beeswarm.Line line, AxisScale axis, int bins) {
    Map<Long, Integer> seen = new HashMap<>();
    for (Beeswarm.Dot d : line.dots()) {
      long bin = Math.round(bins * (d.phi() - axis.low()) / (axis.high() - axis.low()));
      int j = seen.merge(bin, 1, Integer::sum) - 1;
      int expected = j == 0 ? 0 : (j % 2 == 1 ? (j + 1) / 2 : -(j / 2));
      assertThat(d.layer()).as("%s row %d", line.feature(), d.row()).isEqualTo(expected);
    }
  }

  /** Value r's place among the distinct values, counted, scaled to 0..1 (all equal: 0.5). */
  private static double rank(double[] values, int r) {
    java.util.Set<Double> below = new java.util.HashSet<>();
    java.util.Set<Double> all = new java.util.HashSet<>();
    for (double v : values) {
      all.add(v);
      if (v < values[r]) {
        below.add(v);
      }
    }
    return all.size() == 1 ? 0.5 : below.size() / (double) (all.size() - 1);
  }
}
