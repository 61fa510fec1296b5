package dev.assay.ui.monitor;

import dev.assay.core.live.AlertStore;
import dev.assay.core.live.MonitorReads;
import dev.assay.core.live.RolloutStore;
import dev.assay.core.monitor.WindowResult;
import dev.assay.ui.common.Activatable;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.ListDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Monitoring screen: the monitored streams ({@code assay monitor} stores them) and, for the one
 * selected, a row per stored window with its accuracy, drift and alert state. While the screen is
 * shown it polls the store ({@link #poll()}, every {@link #POLL_MILLIS} ms through the {@link
 * Poller}): each poll is one short read of the streams and of the selected stream's windows stored
 * since the last poll, off the FX thread, and is skipped while the previous one still runs.
 */
public final class MonitorViewModel implements Activatable {
  /** What the screen says when no stream is monitored yet. */
  public static final String EMPTY =
      "No monitored streams yet. Run `assay monitor --model NAME:VERSION --reference DATASET"
          + " --file EVENTS` to follow a deployed version's predictions; its windows appear here"
          + " while it runs.";

  /** How often a shown screen reads what a running monitor stored. */
  public static final long POLL_MILLIS = 2_000;

  /** Runs a task repeatedly on the FX thread until the returned handle is closed. */
  public interface Poller {
    AutoCloseable every(long millis, Runnable task);
  }

  /**
   * One window.
   *
   * @param accuracy share of the labelled predictions predicted right, NaN without labels
   * @param drifted the drifted features' names
   * @param driftShare share of the window's features that drifted
   * @param predictionDrift whether the predicted labels drifted
   * @param alarms concept-drift signals raised with the window
   * @param alerts names of the alert rules that fired on the window
   * @param estimated label-free estimated accuracy (CBPE), NaN without an estimate
   */
  public record WindowRow(
      long index,
      long predictions,
      long labelled,
      double accuracy,
      List<String> drifted,
      double driftShare,
      boolean predictionDrift,
      int alarms,
      List<String> alerts,
      double estimated) {
    public WindowRow(
        long index,
        long predictions,
        long labelled,
        double accuracy,
        List<String> drifted,
        double driftShare,
        boolean predictionDrift,
        int alarms,
        List<String> alerts) {
      this(
          index,
          predictions,
          labelled,
          accuracy,
          drifted,
          driftShare,
          predictionDrift,
          alarms,
          alerts,
          Double.NaN);
    }

    /** The window's state with a mark, so it reads without colour. */
    public String state() {
      if (!alerts.isEmpty()) {
        return "✗ alert: " + String.join(", ", alerts);
      }
      if (!drifted.isEmpty() || predictionDrift) {
        List<String> what = new ArrayList<>(drifted);
        if (predictionDrift) {
          what.add("prediction");
        }
        return "✗ drift: " + String.join(", ", what);
      }
      return alarms > 0
          ? "! " + alarms + " concept-drift signal" + (alarms == 1 ? "" : "s")
          : "✓ ok";
    }

    /** Whether the window needs a look (an alert, drift or a concept-drift signal). */
    public boolean flagged() {
      return !state().startsWith("✓");
    }
  }

  /**
   * A stream as the screen shows it.
   *
   * @param heading e.g. {@code hmda-deny-v1:1 on events.jsonl}
   * @param summary reference, windows, flagged windows and alerts
   * @param windows one row per stored window, oldest first
   * @param ab the champion/challenger test as of the newest window, or empty without one
   */
  public record Detail(
      long streamId, String heading, String summary, List<WindowRow> windows, String ab) {
    public Detail(long streamId, String heading, String summary, List<WindowRow> windows) {
      this(streamId, heading, summary, windows, "");
    }
  }

  private final MonitorReads reads;
  private final AlertStore alerts;
  private final BackgroundTasks tasks;
  private final Poller poller;
  private final ListDetail<MonitorReads.StreamSummary, Detail> state;
  private final ObservableList<WindowRow> windows = FXCollections.observableArrayList();
  private final Map<Long, Loaded> loaded = new ConcurrentHashMap<>();
  private final AtomicBoolean polling = new AtomicBoolean();
  private AutoCloseable poll;
  private volatile RolloutStore rollouts;

  /** A stream's windows read so far, and the row id of the last. */
  private record Loaded(long lastId, List<WindowResult> results) {}

  public MonitorViewModel(
      MonitorReads reads, AlertStore alerts, BackgroundTasks tasks, Poller poller) {
    this.reads = reads;
    this.alerts = alerts;
    this.tasks = tasks;
    this.poller = poller;
    this.state =
        new ListDetail<>(
                tasks,
                "the monitored streams",
                "monitored stream",
                this::list,
                MonitorReads.StreamSummary::id,
                this::detail)
            .onDetail(d -> windows.setAll(d == null ? List.of() : d.windows()));
  }

  public ListDetail<MonitorReads.StreamSummary, Detail> state() {
    return state;
  }

  @Override
  public void onActivate() {
    state.refresh();
    if (poll == null && poller != null) {
      poll = poller.every(POLL_MILLIS, this::poll);
    }
  }

  @Override
  public void onDeactivate() {
    if (poll != null) {
      try {
        poll.close();
      } catch (Exception e) {
        // a stopped timer
      }
      poll = null;
    }
  }

  /**
   * Reads, in the background, the streams and the selected stream's windows stored since the last
   * read; shows them when anything changed. Does nothing while the previous poll still runs.
   */
  public void poll() {
    if (!polling.compareAndSet(false, true)) {
      return;
    }
    MonitorReads.StreamSummary selected = state.selectedProperty().get();
    tasks.run(
        "Reading the monitored streams",
        () -> new Polled(list(), selected == null ? null : detail(selected.id())),
        p -> {
          polling.set(false);
          state.show(p.streams());
          MonitorReads.StreamSummary now = state.selectedProperty().get();
          if (p.detail() != null
              && now != null
              && now.id() == p.detail().streamId()
              && !p.detail().equals(state.detailProperty().get())) {
            state.detailProperty().set(p.detail());
            windows.setAll(p.detail().windows());
          }
        },
        e -> polling.set(false));
  }

  private record Polled(List<MonitorReads.StreamSummary> streams, Detail detail) {}

  /** The monitored streams, newest first. */
  public List<MonitorReads.StreamSummary> list() {
    return reads.streams(null);
  }

  /** A stream as the screen shows it: only windows stored since the last read are read. */
  public Detail detail(long streamId) {
    Loaded before = loaded.getOrDefault(streamId, new Loaded(0, List.of()));
    List<MonitorReads.Window> added = reads.windows(streamId, before.lastId());
    Loaded now = before;
    if (!added.isEmpty()) {
      List<WindowResult> results = new ArrayList<>(before.results());
      added.forEach(w -> results.add(w.result()));
      now = new Loaded(added.getLast().id(), List.copyOf(results));
      loaded.put(streamId, now);
    }
    MonitorReads.StreamSummary stream =
        list().stream().filter(s -> s.id() == streamId).findFirst().orElse(null);
    Detail detail = detail(stream, streamId, now.results(), alerts.alerts(streamId));
    String plans =
        rollouts == null || stream == null
            ? ""
            : RolloutPanel.describe(rollouts, stream.modelVersionId());
    if (plans.isEmpty()) {
      return detail;
    }
    String ab = detail.ab().isEmpty() ? plans : detail.ab() + "\n" + plans;
    return new Detail(streamId, detail.heading(), detail.summary(), detail.windows(), ab);
  }

  /** Shows the rollout plans of the selected stream's version (read-only) under the A/B test. */
  public MonitorViewModel withRollouts(RolloutStore store) {
    this.rollouts = store;
    return this;
  }

  static Detail detail(
      MonitorReads.StreamSummary stream,
      long streamId,
      List<WindowResult> results,
      List<AlertStore.StoredAlert> fired) {
    List<WindowRow> rows = new ArrayList<>();
    for (WindowResult r : results) {
      List<String> names =
          fired.stream().filter(a -> a.windowIndex() == r.index()).map(a -> a.rule()).toList();
      rows.add(row(r, names));
    }
    long flagged = rows.stream().filter(WindowRow::flagged).count();
    String heading =
        stream == null ? "Stream #" + streamId : stream.model() + " on " + stream.source();
    String summary =
        String.format(
            Locale.ROOT,
            "reference %s; %d window%s stored, %d flagged; %d alert%s fired",
            stream == null ? "?" : stream.reference(),
            rows.size(),
            rows.size() == 1 ? "" : "s",
            flagged,
            fired.size(),
            fired.size() == 1 ? "" : "s");
    String ab = "";
    for (WindowResult r : results) {
      ab = r.ab() == null ? ab : AbText.describe(r.index(), r.ab());
    }
    return new Detail(streamId, heading, summary, List.copyOf(rows), ab);
  }

  static WindowRow row(WindowResult r, List<String> alertNames) {
    int features = r.features().size();
    return new WindowRow(
        r.index(),
        r.predictions(),
        r.labelled(),
        r.accuracy() == null ? Double.NaN : r.accuracy(),
        List.copyOf(r.drifted()),
        features == 0 ? 0 : (double) r.drifted().size() / features,
        r.prediction() != null && r.prediction().drift(),
        r.alarms().size(),
        List.copyOf(alertNames),
        r.estimated() == null ? Double.NaN : r.estimated().accuracy());
  }

  public ObservableList<MonitorReads.StreamSummary> streams() {
    return state.items();
  }

  public ObjectProperty<MonitorReads.StreamSummary> selectedProperty() {
    return state.selectedProperty();
  }

  public ObjectProperty<Detail> detailProperty() {
    return state.detailProperty();
  }

  /** The selected stream's windows, oldest first. */
  public ObservableList<WindowRow> windows() {
    return windows;
  }

  public ReadOnlyStringProperty errorProperty() {
    return state.errorProperty();
  }
}
