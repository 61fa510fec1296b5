package dev.assay.ui;

import static dev.assay.ui.ScreenSession.onFx;
import static dev.assay.ui.ScreenSession.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.Chunking;
import dev.assay.core.drift.Dle;
import dev.assay.core.drift.DleChunks;
import dev.assay.core.driftreports.DleReportPart;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.ui.common.ScreenKind;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The Drift screen, headless, on a stored report of a regression model: the DLE estimate per chunk
 * that the engine ({@link Dle}, {@link DleChunks}) computes on a planted shift, with a numeric and
 * a categorical feature and the last chunk unlabelled, is what the estimated-performance table and
 * chart show: each estimate, band (± 1.96 SE), realised value and error, to the four decimals
 * shown.
 */
class DriftEstimatedPerformanceScreenTest {
  private static final int N = 1200;
  private static final int CHUNK = 300;

  @TempDir Path temp;

  private final FxRobot robot = new FxRobot();
  private ScreenSession session;
  private Workbench workbench;
  private MainWindow window;

  @BeforeAll
  static void startToolkit() throws Exception {
    ScreenSession.startToolkit();
  }

  @AfterEach
  void closeEverything() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  /** Rows of x ~ N(shift, 1), a region with a harder "west", p = 2 x, y = p + noise. */
  private record Side(double[][] x, String[][] region, double[] p, double[] y) {
    static Side of(Random random, double shift, double west, boolean lastChunkUnlabelled) {
      double[] x = new double[N];
      String[] region = new String[N];
      double[] p = new double[N];
      double[] y = new double[N];
      for (int i = 0; i < N; i++) {
        x[i] = shift + random.nextGaussian();
        double u = random.nextDouble();
        region[i] = u < west ? "west" : u < 0.02 + west ? null : "north";
        p[i] = 2 * x[i];
        double sd = 0.3 + 0.5 * Math.abs(x[i]) + ("west".equals(region[i]) ? 1.0 : 0);
        y[i] =
            lastChunkUnlabelled && i >= N - CHUNK ? Double.NaN : p[i] + sd * random.nextGaussian();
      }
      return new Side(new double[][] {x}, new String[][] {region}, p, y);
    }
  }

  @Test
  void theScreenShowsTheEnginesDleEstimatePerChunkWithBandsAndRealisedValues() throws Exception {
    session = ScreenSession.open(temp.resolve("home"));
    workbench = session.workbench();
    window = session.window();
    Random random = new Random(18);
    Side ref = Side.of(random, 0, 0.1, false);
    Side cur = Side.of(random, 0.6, 0.4, true);
    Dle.Fitted fitted = Dle.fit(ref.x(), ref.region(), ref.p(), ref.y(), Dle.MAX_FIT_ROWS);
    Dle.Estimate whole = fitted.estimate(cur.x(), cur.region(), cur.p());
    int[] all = new int[N];
    for (int i = 0; i < N; i++) {
      all[i] = i;
    }
    Dle.Realised realised = DleChunks.realised(cur.p(), cur.y(), all);
    List<DleChunks.Chunk> chunks =
        DleChunks.of(fitted, cur.x(), cur.region(), cur.p(), cur.y(), new Chunking.Rows(CHUNK));
    assertThat(chunks).hasSize(4);
    assertThat(chunks.getLast().realised()).isNull();
    assertThat(fitted.levels()).containsExactly(List.of("north", "west", "(missing)"));

    DatasetVersion d = workbench.datasets().list().getFirst();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("reference", Map.of("dataset", d.ref(), "rows", N));
    doc.put("current", Map.of("dataset", d.ref(), "rows", N));
    doc.put("settings", Map.of("alpha", 0.05, "correction", "holm"));
    doc.put("features", List.of());
    doc.put(
        "estimated_performance",
        DleReportPart.of(fitted, List.of("x"), List.of("region"), N, whole, realised, chunks));
    doc.put("drift", false);
    workbench
        .driftReports()
        .save(
            new DriftReportStore.NewReport(
                null, null, d.id(), d.id(), false, List.of(), doc.get("settings"), doc),
            null,
            d.ref(),
            d.ref());

    robot.interact(() -> window.show(ScreenKind.DRIFT));
    robot.clickOn("#drift-refresh");
    ListView<?> reports = robot.lookup("#drift-reports").queryListView();
    waitUntil(() -> reports.getItems().size() == 1);
    TableView<?> table = robot.lookup("#drift-estimated-table").queryTableView();
    waitUntil(() -> table.getItems().size() == 10);

    List<String> expected = new ArrayList<>();
    for (String metric : List.of("MAE", "RMSE")) {
      expected.add(row("all current rows", metric, whole, realised));
      for (DleChunks.Chunk c : chunks) {
        expected.add(row(c.label(), metric, c.estimate(), c.realised()));
      }
    }
    List<String> shown =
        onFx(
            () ->
                table.getItems().stream()
                    .map(
                        r -> {
                          List<String> cells = new ArrayList<>();
                          for (int k = 0; k < 8; k++) {
                            cells.add(cell(table, r, k));
                          }
                          return String.join("|", cells);
                        })
                    .toList());
    assertThat(shown).containsExactlyElementsOf(expected);
    assertThat(shown.get(4)).endsWith("|–|–|no labels");

    Label summary = robot.lookup("#drift-estimated").queryAs(Label.class);
    assertThat(onFx(summary::getText))
        .startsWith(
            String.format(
                Locale.ROOT,
                "Estimated performance without labels (DLE: ridge loss models on 1 numeric and 1"
                    + " categorical features, fitted on 1,200 labelled reference rows with MAE"
                    + " %.4f, RMSE %.4f)",
                fitted.reference().mae(),
                fitted.reference().rmse()));
    @SuppressWarnings("unchecked")
    LineChart<String, Number> chart =
        robot.lookup("#drift-estimated-chart").queryAs(LineChart.class);
    assertThat(onFx(chart::isVisible)).isTrue();
    List<String> plotted =
        onFx(
            () ->
                chart.getData().stream()
                    .map(
                        s ->
                            s.getName()
                                + ":"
                                + s.getData().stream()
                                    .map(p -> p.getXValue() + "=" + p.getYValue())
                                    .toList())
                    .toList());
    assertThat(plotted.getFirst())
        .isEqualTo(
            "estimated MAE:"
                + chunks.stream().map(c -> c.label() + "=" + c.estimate().mae()).toList());
    assertThat(plotted.getLast())
        .isEqualTo(
            "realised MAE:"
                + chunks.subList(0, 3).stream()
                    .map(c -> c.label() + "=" + c.realised().mae())
                    .toList());
    assertThat(onFx(() -> NothingCutOffTest.truncated(window))).as("cut-off labels").isEmpty();
  }

  /** The table row the screen should show, from the engine's numbers. */
  private static String row(String chunk, String metric, Dle.Estimate e, Dle.Realised r) {
    boolean mae = metric.equals("MAE");
    double est = mae ? e.mae() : e.rmse();
    double se = mae ? e.maeStandardError() : e.rmseStandardError();
    double lo = est - 1.96 * se;
    double hi = est + 1.96 * se;
    String realised = r == null ? "–" : f(mae ? r.mae() : r.rmse());
    String error = r == null ? "–" : f(est - (mae ? r.mae() : r.rmse()));
    double v = r == null ? Double.NaN : mae ? r.mae() : r.rmse();
    String backTest = r == null ? "no labels" : v >= lo && v <= hi ? "✓ in band" : "✗ outside band";
    return String.join(
        "|",
        chunk,
        Long.toString(e.rows()),
        metric,
        f(est),
        f(lo) + " – " + f(hi),
        realised,
        error,
        backTest);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String cell(TableView<?> table, Object row, int column) {
    @SuppressWarnings("unchecked")
    TableView<Object> t = (TableView<Object>) table;
    Object value = t.getColumns().get(column).getCellObservableValue(row).getValue();
    return String.valueOf(value);
  }
}
