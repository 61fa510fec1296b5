package dev.assay.core.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * The monitoring of one stream: events in, closed windows' results out. Predictions of the
 * monitored model go to the {@link Windower} and the {@link LabelBook}; each joined label feeds its
 * error (1 wrong, 0 right) to DDM, ADWIN and Page-Hinkley, whose signals are reported with the next
 * window that closes. The whole {@link State} is a plain value: stored with a window's results and
 * the stream position after it, it lets a restarted process continue without losing or counting an
 * event twice.
 */
public final class MonitorPipeline {
  /**
   * @param model the monitored {@code NAME:VERSION}; predictions naming another are skipped (those
   *     naming none are taken)
   * @param labelHorizon ids remembered for joining labels
   * @param ab the champion/challenger test's settings
   * @param sensitive feature columns whose groups each A/B window counts per variant ({@link
   *     SensitiveGroups}), for rollouts' fairness gates; may be empty
   */
  public record Settings(
      String model,
      WindowSpec window,
      int labelHorizon,
      AbTest.Settings ab,
      List<String> sensitive) {
    public Settings {
      sensitive = sensitive == null ? List.of() : List.copyOf(sensitive);
    }

    public Settings(String model, WindowSpec window, int labelHorizon, AbTest.Settings ab) {
      this(model, window, labelHorizon, ab, List.of());
    }

    public Settings(String model, WindowSpec window, int labelHorizon) {
      this(model, window, labelHorizon, AbTest.Settings.DEFAULTS);
    }
  }

  /** Everything the pipeline holds between events. */
  public record State(
      long windows,
      long matches,
      long late,
      long invalid,
      long otherModel,
      long labels,
      long unmatchedLabels,
      Windower.State windower,
      LabelBook.State book,
      Ddm.State ddm,
      Adwin.State adwin,
      PageHinkley.State pageHinkley,
      List<WindowResult.Alarm> alarms,
      AbTest.State ab) {}

  private final Settings settings;
  private final WindowEvaluator evaluator;
  private final Windower windower;
  private final LabelBook book;
  private final Ddm ddm;
  private final Adwin adwin;
  private final PageHinkley pageHinkley;
  private final AbTest ab;
  private final List<WindowResult.Alarm> alarms = new ArrayList<>();
  private long windows;
  private long matches;
  private long late;
  private long invalid;
  private long otherModel;
  private long labels;
  private long unmatchedLabels;

  /** A pipeline at the start of a stream. */
  public MonitorPipeline(Settings settings, MonitorReference reference) {
    this(
        settings,
        reference,
        new Windower(settings.window()),
        new LabelBook(settings.labelHorizon()),
        new Ddm(Ddm.STANDARD),
        new Adwin(Adwin.STANDARD),
        new PageHinkley(PageHinkley.STANDARD),
        new AbTest(settings.ab()));
  }

  private MonitorPipeline(
      Settings settings,
      MonitorReference reference,
      Windower windower,
      LabelBook book,
      Ddm ddm,
      Adwin adwin,
      PageHinkley pageHinkley,
      AbTest ab) {
    this.settings = settings;
    this.ab = ab;
    this.evaluator = new WindowEvaluator(reference);
    this.windower = windower;
    this.book = book;
    this.ddm = ddm;
    this.adwin = adwin;
    this.pageHinkley = pageHinkley;
  }

  /** A pipeline that continues from a stored state. */
  public static MonitorPipeline restore(
      Settings settings, MonitorReference reference, State state) {
    return restore(
        settings, reference, state, LabelBook.restore(settings.labelHorizon(), state.book()));
  }

  private static MonitorPipeline restore(
      Settings settings, MonitorReference reference, State state, LabelBook book) {
    return restore(
        settings, reference, state, book, Windower.restore(settings.window(), state.windower()));
  }

  private static MonitorPipeline restore(
      Settings settings,
      MonitorReference reference,
      State state,
      LabelBook book,
      Windower windower) {
    MonitorPipeline p =
        new MonitorPipeline(
            settings,
            reference,
            windower,
            book,
            Ddm.restore(Ddm.STANDARD, state.ddm()),
            Adwin.restore(Adwin.STANDARD, state.adwin()),
            PageHinkley.restore(PageHinkley.STANDARD, state.pageHinkley()),
            AbTest.restore(settings.ab(), state.ab()));
    p.windows = state.windows();
    p.matches = state.matches();
    p.late = state.late();
    p.invalid = state.invalid();
    p.otherModel = state.otherModel();
    p.labels = state.labels();
    p.unmatchedLabels = state.unmatchedLabels();
    p.alarms.addAll(state.alarms());
    return p;
  }

  /**
   * A pipeline that continues from a stored state whose label book was stored as deltas ({@code
   * state.book()} null): the book is replayed from {@code book}. A state that holds its book
   * restores it from there.
   */
  public static MonitorPipeline restore(
      Settings settings, MonitorReference reference, State state, List<LabelBook.Delta> book) {
    if (state.book() != null) {
      return restore(settings, reference, state);
    }
    return restore(settings, reference, state, LabelBook.replay(settings.labelHorizon(), book));
  }

  /**
   * As {@link #restore(Settings, MonitorReference, State, List)}, the open windows' events replayed
   * from the stored pending segments, oldest first (see {@link Windower.Pending}).
   */
  public static MonitorPipeline restore(
      Settings settings,
      MonitorReference reference,
      State state,
      List<LabelBook.Delta> book,
      List<Windower.Pending> pending) {
    LabelBook labels =
        state.book() != null
            ? LabelBook.restore(settings.labelHorizon(), state.book())
            : LabelBook.replay(settings.labelHorizon(), book);
    return restore(
        settings,
        reference,
        state,
        labels,
        Windower.restore(settings.window(), state.windower(), pending));
  }

  /**
   * Starts journaling the label book and the open windows' events (what {@link #journaled()} hands
   * out); a monitor calls it on a new stream before the first event.
   */
  public void journal() {
    book.journal();
    windower.journal();
  }

  /**
   * The state without its label book, and the book's changes since the previous call (the first
   * call: a snapshot): what a store writes incrementally. Restore with {@link #restore(Settings,
   * MonitorReference, State, List)} and the stored deltas from the newest snapshot on.
   */
  public Journaled journaled() {
    book.journal();
    windower.journal();
    State full = state(null);
    return new Journaled(full, book.drain(), windower.drainPending(), windower.retainFrom());
  }

  /**
   * A state without its label book and its open windows' events; the book's delta; the predictions
   * that entered open windows since the previous call, and from which {@code expires} on stored
   * pending segments are still needed ({@link Windower#retainFrom()}).
   */
  public record Journaled(
      State state, LabelBook.Delta book, Windower.Pending pending, long retainFrom) {}

  /** The state after the last event accepted. */
  public State state() {
    return state(book.state());
  }

  private State state(LabelBook.State bookState) {
    return new State(
        windows,
        matches,
        late,
        invalid,
        otherModel,
        labels,
        unmatchedLabels,
        windower.state(),
        bookState,
        ddm.state(),
        adwin.state(),
        pageHinkley.state(),
        List.copyOf(alarms),
        ab.state());
  }

  /** Windows closed so far. */
  public long windows() {
    return windows;
  }

  /** Predictions waiting in open windows. */
  public int pending() {
    return windower.pending();
  }

  /** Counts a line that was not a valid event. */
  public void invalid() {
    invalid++;
  }

  /** Takes one event; returns the results of the windows it closed, oldest first. */
  public List<WindowResult> accept(MonitorEvent event) {
    switch (event) {
      case MonitorEvent.Label l -> {
        labels++;
        LabelBook.Match m = book.label(l.id(), l.label());
        if (m == null) {
          unmatchedLabels++;
        } else {
          detect(m);
        }
        return List.of();
      }
      case MonitorEvent.Prediction p -> {
        if (p.model() != null && !p.model().equals(settings.model())) {
          otherModel++;
          return List.of();
        }
        ab.prediction(p.variant(), p.prediction());
        LabelBook.Match m = book.prediction(p.id(), p.variant(), p.prediction());
        if (m != null) {
          detect(m);
        }
        List<Windower.Window> closed = windower.add(p);
        late += windower.takeLate();
        if (closed.isEmpty()) {
          return List.of();
        }
        List<WindowResult> results = new ArrayList<>();
        for (Windower.Window w : closed) {
          WindowResult r =
              evaluator.evaluate(
                  w,
                  book,
                  new WindowEvaluator.StreamCounts(
                      late, invalid, otherModel, labels, unmatchedLabels),
                  alarms);
          AbWindow abWindow = ab.close(w.index(), w.events(), book);
          if (abWindow != null && !settings.sensitive().isEmpty()) {
            abWindow =
                abWindow.withGroups(
                    SensitiveGroups.count(
                        settings.sensitive(), w.events(), book, settings.ab().positive()));
          }
          results.add(r.withAb(abWindow));
          windows++;
          late = 0;
          invalid = 0;
          otherModel = 0;
          labels = 0;
          unmatchedLabels = 0;
          alarms.clear();
        }
        return results;
      }
    }
  }

  private void detect(LabelBook.Match m) {
    matches++;
    double error = m.error();
    ab.labelled(m.variant(), error == 0);
    signal("ddm", ddm.add(error), m);
    signal("adwin", adwin.add(error), m);
    signal("page_hinkley", pageHinkley.add(error), m);
  }

  private void signal(String detector, DetectorSignal s, LabelBook.Match m) {
    if (s == DetectorSignal.DRIFT || s == DetectorSignal.WARNING) {
      if (s == DetectorSignal.WARNING
          && !alarms.isEmpty()
          && alarms.get(alarms.size() - 1).detector().equals(detector)
          && alarms.get(alarms.size() - 1).signal().equals("warning")) {
        return;
      }
      alarms.add(
          new WindowResult.Alarm(
              detector, s.name().toLowerCase(java.util.Locale.ROOT), matches, m.id()));
    }
  }
}
