package dev.assay.ui.drift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ListDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Drift screen: the stored drift reports ({@code assay drift} writes them) and, for the one
 * selected, its per-feature verdicts, its domain classifier (AUC, p-value, ranked columns), what is
 * approximate when the reference was a sketch, and the model's estimated performance per chunk
 * ({@link EstimatedPerformance}). {@link #list()} and {@link #detail(long)} read without a window;
 * {@link #refresh()} and selecting a report read in the background.
 */
public final class DriftViewModel implements Activatable {
  /** What the screen says when there is no report yet. */
  public static final String EMPTY =
      "No drift reports yet. Run `assay drift --model NAME:VERSION --reference D --current D2`"
          + " to compare today's data with the data a version was signed off on.";

  /**
   * One feature's verdict.
   *
   * @param feature the column
   * @param kind numeric, categorical or empty
   * @param test the test and its variant, e.g. {@code KS (exact)} or {@code chi² (dof 3)}
   * @param statistic the test statistic, NaN when none
   * @param pAdjusted the multiplicity-adjusted p-value, NaN when none
   * @param effect the effect size, NaN when none
   * @param effectMeasure what the effect measures ({@code ks} distance or {@code linf})
   * @param threshold the effect threshold calibrated on the reference, NaN when none
   * @param drift whether the feature drifted (distribution, missing or non-finite rate)
   * @param why what drifted when it is not the distribution alone, else empty
   */
  public record FeatureRow(
      String feature,
      String kind,
      String test,
      double statistic,
      double pAdjusted,
      double effect,
      String effectMeasure,
      double threshold,
      boolean drift,
      String why) {
    /** The verdict with a mark, so it reads without colour. */
    public String verdict() {
      return drift ? "✗ drift" + (why.isEmpty() ? "" : " (" + why + ")") : "✓ no drift";
    }
  }

  /**
   * A column the domain classifier found separating the two datasets.
   *
   * @param rank 1 for the most separating
   * @param column the column
   * @param kind numeric or categorical (one-hot)
   * @param weight the size of its coefficients in the classifier
   * @param shift its change: the standardised mean shift, or the largest change of a category's
   *     share
   */
  public record SeparatingRow(int rank, String column, String kind, double weight, String shift) {}

  /**
   * A report as the screen shows it.
   *
   * @param heading e.g. {@code Drift report #3 of hmda-deny:2}
   * @param datasets the reference and current datasets with their row counts
   * @param verdict the overall verdict with a mark
   * @param drift whether any feature drifted
   * @param settings alpha and correction
   * @param features one row per feature, in the report's order
   * @param domainClassifier the domain classifier's summary line, empty when it did not run
   * @param separating the columns it ranked, most separating first
   * @param sketchNote what is approximate when the reference was a sketch, else empty
   * @param estimated the model's estimated performance (CBPE or DLE) per chunk, with its bands and
   *     the realised values where there are labels; an empty summary when the report has none
   */
  public record Detail(
      String heading,
      String datasets,
      String verdict,
      boolean drift,
      String settings,
      List<FeatureRow> features,
      String domainClassifier,
      List<SeparatingRow> separating,
      String sketchNote,
      EstimatedPerformance.View estimated) {}

  private final DriftReportStore store;
  private final ObservableList<FeatureRow> features = FXCollections.observableArrayList();
  private final ObservableList<SeparatingRow> separating = FXCollections.observableArrayList();
  private final ObservableList<EstimatedPerformance.Row> estimated =
      FXCollections.observableArrayList();
  private final ListDetail<DriftReportStore.Summary, Detail> state;

  public DriftViewModel(DriftReportStore store, BackgroundTasks tasks) {
    this.store = store;
    this.state =
        new ListDetail<>(
                tasks,
                "the drift reports",
                "drift report",
                this::list,
                DriftReportStore.Summary::id,
                this::detail)
            .onDetail(
                d -> {
                  features.setAll(d == null ? List.of() : d.features());
                  separating.setAll(d == null ? List.of() : d.separating());
                  estimated.setAll(d == null ? List.of() : d.estimated().rows());
                });
  }

  /** The list, the selection and its detail. */
  public ListDetail<DriftReportStore.Summary, Detail> state() {
    return state;
  }

  private Runnable alsoOnActivate = () -> {};

  @Override
  public void onActivate() {
    refresh();
    alsoOnActivate.run();
  }

  /** Something else the screen rereads when shown (the Contracts tab's lists). */
  public void alsoOnActivate(Runnable work) {
    this.alsoOnActivate = work;
  }

  /** The stored reports, newest first. */
  public List<DriftReportStore.Summary> list() {
    return store.list(null);
  }

  /** A stored report as the screen shows it. */
  public Detail detail(long id) {
    return detail(store.get(id));
  }

  static Detail detail(DriftReportStore.Stored stored) {
    DriftReportStore.Summary s = stored.summary();
    JsonNode doc = stored.document();
    List<FeatureRow> rows = new ArrayList<>();
    for (JsonNode f : doc.path("features")) {
      rows.add(row(f));
    }
    long drifted = rows.stream().filter(FeatureRow::drift).count();
    boolean drift = doc.path("drift").asBoolean("drift".equals(s.verdict()));
    String verdict =
        drift
            ? String.format(Locale.ROOT, "✗ DRIFT: %d of %d features drifted", drifted, rows.size())
            : String.format(Locale.ROOT, "✓ NO DRIFT in %d features", rows.size());
    if (doc.has("chunks") && drift && drifted == 0) {
      verdict = "✗ DRIFT in chunks (see `assay drift show " + s.id() + "`)";
    }
    String datasets =
        "reference "
            + dataset(doc.path("reference"), s.reference())
            + "  →  current "
            + dataset(doc.path("current"), s.current());
    JsonNode settings = doc.path("settings");
    String settingsText =
        String.format(
            Locale.ROOT,
            "α = %s, %s correction, created %s by %s",
            settings.path("alpha").asText("?"),
            settings.path("correction").asText("?"),
            s.createdAt().toString().replace('T', ' ').replaceAll("\\.\\d+", ""),
            s.createdBy());
    String heading =
        "Drift report #" + s.id() + (s.model() == null ? "" : " of model " + s.model());
    return new Detail(
        heading,
        datasets,
        verdict,
        drift,
        settingsText,
        List.copyOf(rows),
        DriftReportParts.domainSummary(doc),
        DriftReportParts.separating(doc),
        DriftReportParts.sketchNote(doc),
        EstimatedPerformance.of(doc));
  }

  private static String dataset(JsonNode d, String fallback) {
    String name = d.path("dataset").asText(fallback);
    return d.has("rows") ? name + " (" + d.path("rows").asLong() + " rows)" : name;
  }

  private static FeatureRow row(JsonNode f) {
    JsonNode tests = f.path("tests");
    String test;
    double statistic;
    if (f.hasNonNull("stattest")) {
      test = "Evidently " + f.path("stattest").asText();
      statistic = number(f.path("score"));
    } else if (tests.has("ks")) {
      test = DriftReportParts.ksTest(tests.path("ks"));
      statistic = number(tests.path("ks").path("statistic"));
    } else if (tests.has("chi2")) {
      test = "chi² (dof " + tests.path("chi2").path("dof").asText("?") + ")";
      statistic = number(tests.path("chi2").path("statistic"));
    } else {
      test = "none (no values)";
      statistic = Double.NaN;
    }
    List<String> why = new ArrayList<>();
    if (f.path("missing_rate").path("drift").asBoolean(false)) {
      why.add("missing rate");
    }
    if (f.path("non_finite_rate").path("drift").asBoolean(false)) {
      why.add("non-finite rate");
    }
    return new FeatureRow(
        f.path("name").asText(),
        f.path("kind").asText(),
        test,
        statistic,
        number(f.path("p_adjusted")),
        number(f.path("effect")),
        f.path("effect_measure").asText(""),
        number(f.path("threshold")),
        f.path("drift").asBoolean(false),
        String.join(", ", why));
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  /** Reads the list of reports in the background and keeps the selection when it is still there. */
  public void refresh() {
    state.refresh();
  }

  public ObservableList<DriftReportStore.Summary> reports() {
    return state.items();
  }

  public ObjectProperty<DriftReportStore.Summary> selectedProperty() {
    return state.selectedProperty();
  }

  public ObjectProperty<Detail> detailProperty() {
    return state.detailProperty();
  }

  /** The selected report's feature rows. */
  public ObservableList<FeatureRow> features() {
    return features;
  }

  /** The selected report's domain-classifier columns, most separating first. */
  public ObservableList<SeparatingRow> separating() {
    return separating;
  }

  /** The selected report's estimated performance, one row per metric and chunk. */
  public ObservableList<EstimatedPerformance.Row> estimated() {
    return estimated;
  }

  public ReadOnlyStringProperty errorProperty() {
    return state.errorProperty();
  }
}
