package dev.assay.ui.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ListDetail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Explanations screen: the stored explanations ({@code assay explain} writes them) and, for the
 * one selected, its settings, efficiency check, global importance (mean |φ|) and the reason codes
 * of the explained rows. {@link #list()} and {@link #detail(long)} read without a window.
 */
public final class ExplanationsViewModel implements Activatable {
  /** What the screen says when there is no explanation yet. */
  public static final String EMPTY =
      "No explanations yet. Open \u201cNew explanation\u201d below, or run `assay explain --model"
          + " NAME:VERSION --data D --rows 10 --reasons` for every option.";

  /** The efficiency error a row may show on float32 outputs (as on the workbook's sheet). */
  static final double EFFICIENCY_TOLERANCE = 1e-6;

  /**
   * One feature's global importance.
   *
   * @param feature the column
   * @param meanAbs mean |φ| over the explained rows
   * @param share its share of the total mean |φ| (0 to 1)
   */
  public record Importance(String feature, double meanAbs, double share) {}

  /**
   * The reason codes of one explained row.
   *
   * @param row the 0-based data row
   * @param reasons the reasons, strongest first, as {@code feature = value (+contribution)}
   */
  public record RowReasons(long row, String reasons) {}

  /**
   * An explanation as the screen shows it.
   *
   * @param heading e.g. {@code Explanation #2: hmda-deny:2 on hmda_test:1}
   * @param method the method, algorithm and output space
   * @param baseValue the base value line
   * @param efficiency the efficiency check with a mark (✓ or ✗)
   * @param efficiencyHolds whether every row is within the tolerance
   * @param importance global importance, largest first
   * @param reasons reason codes per explained row, empty when none were asked for
   * @param ale the ALE curves, empty when none were asked for
   * @param recourse the counterfactuals, nearest first per row, empty when none were asked for
   * @param recourseSettings the recourse decision and distance, "" without recourse
   * @param outputSpace the output space the effects are in (probability, logit, value)
   * @param pdp the partial dependence curves (with ICE when stored), empty when none were asked for
   * @param groups the group view, null when none was asked for
   * @param decisions the adverse-action statements, proxy check and stability of the top reasons
   * @param rows the explained rows (f(x), φ, values) for the waterfall and beeswarm
   */
  public record Detail(
      String heading,
      String method,
      String baseValue,
      String efficiency,
      boolean efficiencyHolds,
      List<Importance> importance,
      List<RowReasons> reasons,
      List<ExplanationPlots.AleCurve> ale,
      List<ExplanationPlots.Counterfactual> recourse,
      String recourseSettings,
      String outputSpace,
      List<ExplanationPlots.PdpCurve> pdp,
      ExplanationGroups.Groups groups,
      ExplanationDecisions.Decisions decisions,
      ExplainedRows rows) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExplanationStore store;
  private final ObservableList<Importance> importance = FXCollections.observableArrayList();
  private final ObservableList<RowReasons> reasons = FXCollections.observableArrayList();
  private final ObservableList<ExplanationPlots.AleCurve> ale = FXCollections.observableArrayList();
  private final ObservableList<ExplanationPlots.Counterfactual> recourse =
      FXCollections.observableArrayList();
  private final ObservableList<ExplanationPlots.PdpCurve> pdp = FXCollections.observableArrayList();
  private final ObservableList<ExplanationGroups.Group> groups =
      FXCollections.observableArrayList();
  private final ObservableList<ExplanationDecisions.Statement> statements =
      FXCollections.observableArrayList();
  private final ObservableList<ExplanationDecisions.Proxy> proxies =
      FXCollections.observableArrayList();
  private final ObservableList<ExplanationDecisions.Agreement> agreement =
      FXCollections.observableArrayList();
  private final ListDetail<ExplanationStore.Summary, Detail> state;

  public ExplanationsViewModel(ExplanationStore store, BackgroundTasks tasks) {
    this.store = store;
    this.state =
        new ListDetail<>(
                tasks,
                "the explanations",
                "explanation",
                this::list,
                ExplanationStore.Summary::id,
                this::detail)
            .onDetail(
                d -> {
                  importance.setAll(d == null ? List.of() : d.importance());
                  reasons.setAll(d == null ? List.of() : d.reasons());
                  ale.setAll(d == null ? List.of() : d.ale());
                  recourse.setAll(d == null ? List.of() : d.recourse());
                  pdp.setAll(d == null ? List.of() : d.pdp());
                  groups.setAll(d == null || d.groups() == null ? List.of() : d.groups().groups());
                  statements.setAll(d == null ? List.of() : d.decisions().statements());
                  proxies.setAll(d == null ? List.of() : d.decisions().proxies());
                  agreement.setAll(d == null ? List.of() : d.decisions().agreement());
                });
  }

  /** The list, the selection and its detail. */
  public ListDetail<ExplanationStore.Summary, Detail> state() {
    return state;
  }

  @Override
  public void onActivate() {
    refresh();
  }

  /** The stored explanations, newest first. */
  public List<ExplanationStore.Summary> list() {
    return store.list(null);
  }

  /** A stored explanation as the screen shows it. */
  public Detail detail(long id) {
    ExplanationStore.Stored stored = store.get(id);
    try {
      return detail(stored.summary(), JSON.readTree(stored.json()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored explanation " + id + " is unreadable", e);
    }
  }

  static Detail detail(ExplanationStore.Summary s, JsonNode doc) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    doc.path("global").path("mean_abs").fields().forEachRemaining(entries::add);
    double total = entries.stream().mapToDouble(e -> Math.abs(e.getValue().asDouble())).sum();
    List<Importance> importance =
        entries.stream()
            .map(
                e ->
                    new Importance(
                        e.getKey(),
                        e.getValue().asDouble(),
                        total > 0 ? Math.abs(e.getValue().asDouble()) / total : 0))
            .sorted(Comparator.comparingDouble(Importance::meanAbs).reversed())
            .toList();
    int over = 0;
    for (JsonNode row : doc.path("rows")) {
      if (row.path("efficiency_error").asDouble() > EFFICIENCY_TOLERANCE) {
        over++;
      }
    }
    String efficiency =
        String.format(
            Locale.ROOT,
            "%s efficiency |Σφ − (f(x) − base)|: largest %.1e over %d rows%s",
            over == 0 ? "✓" : "✗",
            s.maxEfficiencyError(),
            s.rows(),
            over == 0
                ? " (all within " + EFFICIENCY_TOLERANCE + ")"
                : "; " + over + " rows exceed " + EFFICIENCY_TOLERANCE);
    JsonNode cls = doc.path("class");
    String method =
        String.format(
            Locale.ROOT,
            "method %s (%s), output %s%s; background %d rows, seed %d",
            s.method(),
            doc.path("algorithm").asText("?"),
            s.output(),
            cls.isMissingNode() || cls.isNull() ? "" : " of class " + cls.asText(),
            doc.path("background").path("rows").asLong(),
            doc.path("seed").asLong());
    String base =
        String.format(
            Locale.ROOT,
            "base value (mean f over the background) %.6f",
            doc.path("base_value").asDouble());
    List<RowReasons> reasons = new ArrayList<>();
    for (JsonNode row : doc.path("reasons").path("rows")) {
      List<String> parts = new ArrayList<>();
      for (JsonNode r : row.path("reasons")) {
        parts.add(
            String.format(
                Locale.ROOT,
                "%s = %s (%+.4f)",
                r.path("feature").asText(),
                r.path("value").isNumber()
                    ? value(r.path("value").asDouble())
                    : r.path("value").asText(),
                r.path("contribution").asDouble()));
      }
      reasons.add(
          new RowReasons(
              row.path("row").asLong(), parts.isEmpty() ? "–" : String.join("; ", parts)));
    }
    String heading =
        "Explanation #"
            + s.id()
            + ": "
            + s.model()
            + " on "
            + s.dataset()
            + ", "
            + s.rows()
            + " rows";
    return new Detail(
        heading,
        method,
        base,
        efficiency,
        over == 0,
        importance,
        List.copyOf(reasons),
        ExplanationPlots.ale(doc),
        ExplanationPlots.recourse(doc),
        ExplanationPlots.recourseSettings(doc),
        s.output(),
        ExplanationPlots.pdp(doc),
        ExplanationGroups.of(doc, s.output()),
        ExplanationDecisions.of(doc),
        ExplainedRows.of(doc));
  }

  /** A feature value, short: whole numbers without decimals, others to 4 significant digits. */
  static String value(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  /** Reads the list in the background and keeps the selection when it is still there. */
  public void refresh() {
    state.refresh();
  }

  public ObservableList<ExplanationStore.Summary> explanations() {
    return state.items();
  }

  public ObjectProperty<ExplanationStore.Summary> selectedProperty() {
    return state.selectedProperty();
  }

  public ObjectProperty<Detail> detailProperty() {
    return state.detailProperty();
  }

  /** The selected explanation's global importance, largest first. */
  public ObservableList<Importance> importance() {
    return importance;
  }

  /** The selected explanation's reason codes per row. */
  public ObservableList<RowReasons> reasons() {
    return reasons;
  }

  /** The selected explanation's ALE curves, one per feature asked for. */
  public ObservableList<ExplanationPlots.AleCurve> ale() {
    return ale;
  }

  /** The selected explanation's counterfactuals, a table row each. */
  public ObservableList<ExplanationPlots.Counterfactual> recourse() {
    return recourse;
  }

  /** The selected explanation's partial dependence curves, one per feature asked for. */
  public ObservableList<ExplanationPlots.PdpCurve> pdp() {
    return pdp;
  }

  /** The selected explanation's groups ({@code --group-by}), empty without. */
  public ObservableList<ExplanationGroups.Group> groups() {
    return groups;
  }

  /** The selected explanation's adverse-action statements, denied rows in order. */
  public ObservableList<ExplanationDecisions.Statement> statements() {
    return statements;
  }

  /** The selected explanation's proxy check, strongest association first. */
  public ObservableList<ExplanationDecisions.Proxy> proxies() {
    return proxies;
  }

  /** The selected explanation's stability comparisons (seed reruns, second background). */
  public ObservableList<ExplanationDecisions.Agreement> agreement() {
    return agreement;
  }

  public ReadOnlyStringProperty errorProperty() {
    return state.errorProperty();
  }
}
