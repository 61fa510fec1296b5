package dev.assay.ui.overview;

import dev.assay.core.compare.ComparisonStore;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunStore;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.core.fairness.FairnessStore;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.review.ReviewService;
import dev.assay.core.review.SignOff;
import dev.assay.core.security.SecurityReports;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Overview board: per model version what is known about it (evaluated? compared? fairness?
 * security? drift? explained? signed off, and is the sign-off stale?). It reads the stores it is
 * given; {@link #states()} computes the board without a window, {@link #refresh()} does it in the
 * background.
 */
public final class OverviewViewModel implements Activatable {
  /** Metrics shown as an evaluation's key figure, the first one the run has. */
  static final List<String> KEY_METRICS =
      List.of("roc_auc", "roc_auc_ovr_macro", "accuracy", "r2", "rmse", "mae");

  private final ModelRegistry models;
  private final RunStore runs;
  private final ComparisonStore comparisons;
  private final FairnessStore fairness;
  private final SecurityReports security;
  private final ReviewService reviews;
  private final BackgroundTasks tasks;
  private final ObservableList<VersionState> all = FXCollections.observableArrayList();
  private final FilteredList<VersionState> shown = new FilteredList<>(all);
  private final StringProperty filter = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
  private DriftReportStore driftReports;
  private ExplanationStore explanations;

  public OverviewViewModel(
      ModelRegistry models,
      RunStore runs,
      ComparisonStore comparisons,
      FairnessStore fairness,
      SecurityReports security,
      ReviewService reviews,
      BackgroundTasks tasks) {
    this.models = models;
    this.runs = runs;
    this.comparisons = comparisons;
    this.fairness = fairness;
    this.security = security;
    this.reviews = reviews;
    this.tasks = tasks;
    filter.addListener((obs, old, now) -> shown.setPredicate(matches(now)));
  }

  /**
   * Also reads the drift reports and explanations for the "drift" and "explained" chips (without
   * them the chips say "not recorded"); returns this board.
   */
  public OverviewViewModel withAnalyses(
      DriftReportStore driftReports, ExplanationStore explanations) {
    this.driftReports = driftReports;
    this.explanations = explanations;
    return this;
  }

  /** The rows shown (filtered by {@link #filterProperty()}). */
  public ObservableList<VersionState> rows() {
    return shown;
  }

  /**
   * Words a row must contain to be shown, in its model name or any chip (e.g. {@code stale}, {@code
   * unfair}, {@code not scanned}); blank shows all.
   */
  public StringProperty filterProperty() {
    return filter;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** Recomputes the board each time the screen is shown. */
  @Override
  public void onActivate() {
    refresh();
  }

  /** Recomputes the board in the background; must be called on the FX thread. */
  public void refresh() {
    tasks.run("Reading what is known about each model version", this::states, this::show, fail());
  }

  /** Replaces the board's rows (on the FX thread). */
  void show(List<VersionState> states) {
    error.set(null);
    all.setAll(states);
  }

  private Consumer<Throwable> fail() {
    return e -> error.set("Cannot read the overview: " + e.getMessage());
  }

  /** The board, computed now on the calling thread: one row per version, newest first. */
  public List<VersionState> states() {
    Set<Long> comparedRuns = new HashSet<>();
    for (ComparisonStore.Summary c : comparisons.list()) {
      Arrays.stream(c.runIds().split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(s -> comparedRuns.add(Long.parseLong(s)));
    }
    List<VersionState> states = new ArrayList<>();
    for (ModelVersion model : models.list()) {
      List<RunSummary> completed =
          runs.list(model.id()).stream().filter(r -> r.status() == RunStatus.COMPLETED).toList();
      states.add(
          new VersionState(
              model.ref(),
              evaluation(completed),
              comparison(completed, comparedRuns),
              fairness(model),
              security(model),
              AnalysisChips.drift(driftReports, model),
              AnalysisChips.explained(explanations, model),
              signOff(model)));
    }
    return states;
  }

  private Chip evaluation(List<RunSummary> completed) {
    Optional<RunSummary> newest = completed.stream().max((a, b) -> Long.compare(a.id(), b.id()));
    if (newest.isEmpty()) {
      return Chip.missing("not evaluated").withDetail("Run it on Evaluations.");
    }
    RunSummary run = newest.get();
    EvaluationResult result = runs.result(run.id());
    for (String key : KEY_METRICS) {
      if (result.metrics().get(key) instanceof Number n) {
        // short, on one line; which run, on what, and the metric's full name in the tooltip
        return Chip.good(String.format(Locale.ROOT, "%s %.4f", shortName(key), n.doubleValue()))
            .withDetail(
                String.format(
                    Locale.ROOT,
                    "run %d on %s: %s %.4f (%s)",
                    run.id(),
                    run.dataset(),
                    dev.assay.ui.common.MetricNames.display(key),
                    n.doubleValue(),
                    key));
      }
    }
    return Chip.good("run " + run.id()).withDetail("run " + run.id() + " on " + run.dataset());
  }

  /** A key metric's name short enough for a chip: AUC, accuracy, R², RMSE, MAE. */
  static String shortName(String key) {
    return switch (key) {
      case "roc_auc" -> "AUC";
      case "roc_auc_ovr_macro" -> "AUC macro";
      case "r2" -> "R²";
      case "rmse", "mae" -> key.toUpperCase(Locale.ROOT);
      default -> key;
    };
  }

  private static Chip comparison(List<RunSummary> completed, Set<Long> comparedRuns) {
    List<Long> ids = completed.stream().map(RunSummary::id).filter(comparedRuns::contains).toList();
    if (ids.isEmpty()) {
      return Chip.missing("not compared").withDetail("Compare it with another run on Compare.");
    }
    return Chip.good("compared")
        .withDetail("run " + ids.getLast() + " is in a comparison; see Compare.");
  }

  private Chip fairness(ModelVersion model) {
    Optional<StoredFairnessReport> latest = fairness.latestForModelVersion(model.id());
    if (latest.isEmpty()) {
      return Chip.missing("no fairness report").withDetail("Check it on Fairness.");
    }
    String verdict = latest.get().report().verdict();
    String text = verdict.replace('_', ' ');
    String detail = "fairness report " + latest.get().id() + ": " + text;
    return switch (verdict) {
      case "fair" -> Chip.good(text).withDetail(detail);
      case "unfair" -> Chip.bad(text).withDetail(detail);
      default -> Chip.warning(text).withDetail(detail);
    };
  }

  private Chip security(ModelVersion model) {
    List<SecurityReports.StoredReport> reports = security.forModel(model.id());
    Optional<SecurityReports.StoredReport> scan =
        reports.stream().filter(r -> r.kind().equals("scan")).findFirst();
    Optional<SecurityReports.StoredReport> robustness =
        reports.stream().filter(r -> r.kind().equals("robustness")).findFirst();
    if (scan.isEmpty() && robustness.isEmpty()) {
      return Chip.missing("not scanned").withDetail("Scan it on Security.");
    }
    // the chip says the scan's outcome in two words; the reports are in the tooltip
    List<String> parts = new ArrayList<>();
    boolean blocking = false;
    String text;
    if (scan.isPresent()) {
      SecurityReports.StoredReport s = scan.get();
      blocking = s.highestSeverity().blocks();
      text = s.findingCount() == 0 ? "nothing found" : "highest " + s.highestSeverity().label();
      parts.add("scan report " + s.id() + ": " + text);
    } else {
      text = "not scanned";
      parts.add("not scanned: scan it on Security");
    }
    robustness.ifPresent(
        r -> parts.add("robustness report " + r.id() + ": highest " + r.highestSeverity().label()));
    String detail = String.join("\n", parts);
    if (blocking) {
      return Chip.bad(text).withDetail(detail);
    }
    return (scan.isPresent() ? Chip.good(text) : Chip.warning(text)).withDetail(detail);
  }

  private Chip signOff(ModelVersion model) {
    Optional<SignOff> current = reviews.current(model);
    if (current.isEmpty()) {
      return Chip.missing("not signed off");
    }
    SignOff s = current.get();
    String decision = s.decision().id().replace('_', ' ');
    String shortDecision =
        switch (s.decision()) {
          case APPROVED_WITH_CONDITIONS -> "conditional";
          default -> decision;
        };
    String who = decision + " by " + s.reviewer();
    if (s.stale()) {
      return Chip.warning("stale: " + shortDecision)
          .withDetail("stale: " + who + "\n" + String.join("\n", s.staleReasons()));
    }
    return Chip.good(shortDecision).withDetail("current: " + who);
  }

  private static java.util.function.Predicate<VersionState> matches(String words) {
    if (words == null || words.isBlank()) {
      return s -> true;
    }
    String needle = words.strip().toLowerCase(Locale.ROOT);
    return s ->
        String.join(
                " ",
                s.model(),
                s.evaluation().tooltip(),
                s.comparison().tooltip(),
                s.fairness().tooltip(),
                s.security().tooltip(),
                s.drift().tooltip(),
                s.explained().tooltip(),
                s.signOff().tooltip())
            .toLowerCase(Locale.ROOT)
            .contains(needle);
  }
}
