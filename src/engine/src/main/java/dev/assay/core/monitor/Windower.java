package dev.assay.core.monitor;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups predictions into windows as {@link WindowSpec} defines and hands out each window once,
 * when it closes. Its {@link State} is a plain value: a restored windower continues exactly where
 * the saved one stopped.
 */
public final class Windower {
  /**
   * A closed window.
   *
   * @param index the window's number: {@code k} of {@code [k·slide, k·slide + size)}
   * @param first the first prediction's arrival number (count windows), else -1
   * @param last the last prediction's arrival number (count windows), else -1
   * @param start the window's start (time windows) or its earliest event time (count windows)
   * @param end the window's end, exclusive (time windows), or its latest event time (count)
   * @param events the predictions, in arrival order
   */
  public record Window(
      long index,
      long first,
      long last,
      Instant start,
      Instant end,
      List<MonitorEvent.Prediction> events) {
    public Window {
      events = List.copyOf(events);
    }
  }

  /**
   * What a windower holds between events.
   *
   * @param arrived predictions accepted so far (count windows) or seen so far (time windows)
   * @param maxTs the largest event time seen, epoch milliseconds (time windows), or null
   * @param late late predictions not yet reported
   * @param open open windows by start (time) or, for count windows, one entry keyed by the first
   *     buffered prediction's arrival number
   */
  public record State(
      long arrived, Long maxTs, long late, Map<Long, List<MonitorEvent.Prediction>> open) {}

  /**
   * The predictions that entered open windows since the previous {@link #drainPending()} and are
   * still in one (the first drain after {@link #journal()}: every prediction an open window holds),
   * stored apart from the state so that a store writes only new events. While journaling, {@link
   * #state()} holds the open windows without their events (empty lists) and {@link
   * #restore(WindowSpec, State, List)} refills them from the stored segments.
   *
   * @param firstArrival the arrival number of the first event (count windows: the events are
   *     consecutive); -1 for time windows
   * @param expires the segment is needed while {@code expires >= } {@link #retainFrom()}: the last
   *     event's arrival number (count windows) or the latest end of an event's windows (time)
   */
  public record Pending(long firstArrival, long expires, List<MonitorEvent.Prediction> events) {}

  private final WindowSpec spec;
  private long arrived;
  private Long maxTs;
  private long late;
  private final ArrayDeque<MonitorEvent.Prediction> buffer = new ArrayDeque<>();
  private final TreeMap<Long, List<MonitorEvent.Prediction>> open = new TreeMap<>();
  private boolean journaling;
  private boolean snapshotDue;
  private final List<MonitorEvent.Prediction> journal = new ArrayList<>();
  private long journalFirst;

  public Windower(WindowSpec spec) {
    this.spec = spec;
  }

  /** A windower that continues from {@code state}. */
  public static Windower restore(WindowSpec spec, State state) {
    Windower w = new Windower(spec);
    w.arrived = state.arrived();
    w.maxTs = state.maxTs();
    w.late = state.late();
    if (spec.kind() == WindowSpec.Kind.COUNT) {
      state.open().values().forEach(w.buffer::addAll);
    } else {
      state.open().forEach((start, events) -> w.open.put(start, new ArrayList<>(events)));
    }
    return w;
  }

  /**
   * A windower that continues from a state stored while journaling (open windows without events),
   * its events replayed from the stored {@link Pending} segments, oldest first (segments no longer
   * needed may be among them). A state whose windows hold their events restores as {@link
   * #restore(WindowSpec, State)}. The restored windower is journaling, nothing pending to drain.
   */
  public static Windower restore(WindowSpec spec, State state, List<Pending> segments) {
    boolean inline = state.open().values().stream().anyMatch(l -> !l.isEmpty());
    Windower w = restore(spec, state);
    if (!inline) {
      if (spec.kind() == WindowSpec.Kind.COUNT) {
        long from = state.open().isEmpty() ? w.arrived : state.open().keySet().iterator().next();
        for (Pending seg : segments) {
          for (int i = 0; i < seg.events().size(); i++) {
            if (seg.firstArrival() + i >= from) {
              w.buffer.addLast(seg.events().get(i));
            }
          }
        }
        if (w.buffer.size() != w.arrived - from) {
          throw new IllegalStateException(
              "the stored pending events do not cover the open window ("
                  + w.buffer.size()
                  + " of "
                  + (w.arrived - from)
                  + ")");
        }
      } else {
        for (Pending seg : segments) {
          for (MonitorEvent.Prediction e : seg.events()) {
            long t = e.ts().toEpochMilli();
            for (Map.Entry<Long, List<MonitorEvent.Prediction>> o : w.open.entrySet()) {
              if (o.getKey() <= t && t < o.getKey() + spec.size()) {
                o.getValue().add(e);
              }
            }
          }
        }
      }
    }
    w.journaling = true;
    w.snapshotDue = inline;
    w.journalFirst = w.arrived;
    return w;
  }

  /**
   * Starts journaling: the first {@link #drainPending()} holds every pending prediction (in arrival
   * order when journaling started before any was pending, as a monitor does; a time window's events
   * may otherwise come in another order, which no window result depends on).
   */
  public void journal() {
    if (!journaling) {
      journaling = true;
      snapshotDue = !buffer.isEmpty() || !open.isEmpty();
      journalFirst = arrived;
    }
  }

  /** The predictions that entered windows since the previous drain (see {@link Pending}). */
  public Pending drainPending() {
    if (!journaling) {
      throw new IllegalStateException("the windower is not journaling");
    }
    Pending p;
    if (snapshotDue) {
      snapshotDue = false;
      if (spec.kind() == WindowSpec.Kind.COUNT) {
        p = new Pending(arrived - buffer.size(), arrived - 1, List.copyOf(buffer));
      } else {
        // an open window holds every prediction of its span (see restore), so each is taken
        // once, from the earliest open window whose span holds it (restored windows hold copies)
        List<MonitorEvent.Prediction> all = new ArrayList<>();
        long expires = Long.MIN_VALUE;
        for (Map.Entry<Long, List<MonitorEvent.Prediction>> o : open.entrySet()) {
          for (MonitorEvent.Prediction e : o.getValue()) {
            long t = e.ts().toEpochMilli();
            if (open.ceilingKey(t - spec.size() + 1).equals(o.getKey())) {
              all.add(e);
              expires = Math.max(expires, lastEnd(t));
            }
          }
        }
        p = new Pending(-1, expires, all);
      }
    } else if (spec.kind() == WindowSpec.Kind.COUNT) {
      // only what is still buffered: events a closed window consumed are never needed again
      long from = Math.max(journalFirst, retainFrom());
      p =
          new Pending(
              from,
              arrived - 1,
              List.copyOf(journal.subList((int) (from - journalFirst), journal.size())));
    } else {
      long from = retainFrom();
      List<MonitorEvent.Prediction> kept = new ArrayList<>();
      long expires = Long.MIN_VALUE;
      for (MonitorEvent.Prediction e : journal) {
        long end = lastEnd(e.ts().toEpochMilli());
        if (end >= from) {
          kept.add(e);
          expires = Math.max(expires, end);
        }
      }
      p = new Pending(-1, expires, kept);
    }
    journal.clear();
    journalFirst = arrived;
    return p;
  }

  /**
   * Stored {@link Pending} segments whose {@code expires} is below this hold no event an open
   * window needs.
   */
  public long retainFrom() {
    if (spec.kind() == WindowSpec.Kind.COUNT) {
      return arrived - buffer.size();
    }
    return maxTs == null ? Long.MIN_VALUE : maxTs - spec.lateness() + 1;
  }

  private long lastEnd(long t) {
    return Math.floorDiv(t, spec.slide()) * spec.slide() + spec.size();
  }

  /** The state to store: after it, a restored windower behaves as this one. */
  public State state() {
    Map<Long, List<MonitorEvent.Prediction>> copy = new TreeMap<>();
    if (spec.kind() == WindowSpec.Kind.COUNT) {
      if (!buffer.isEmpty()) {
        copy.put(arrived - buffer.size(), journaling ? List.of() : List.copyOf(buffer));
      }
    } else {
      open.forEach(
          (start, events) -> copy.put(start, journaling ? List.of() : List.copyOf(events)));
    }
    return new State(arrived, maxTs, late, copy);
  }

  /** Late predictions since the last call, and resets the count. */
  public long takeLate() {
    long n = late;
    late = 0;
    return n;
  }

  /** Predictions held in open windows. */
  public int pending() {
    if (spec.kind() == WindowSpec.Kind.COUNT) {
      return (int) (arrived < spec.size() ? arrived : (arrived - spec.size()) % spec.slide());
    }
    return open.values().stream().mapToInt(List::size).sum();
  }

  /** Adds a prediction; returns the windows it closed, oldest first (often none). */
  public List<Window> add(MonitorEvent.Prediction event) {
    return spec.kind() == WindowSpec.Kind.COUNT ? addCounted(event) : addTimed(event);
  }

  private List<Window> addCounted(MonitorEvent.Prediction event) {
    arrived++;
    buffer.addLast(event);
    if (journaling && !snapshotDue) {
      journal.add(event);
    }
    while (buffer.size() > spec.size()) {
      buffer.removeFirst();
    }
    if (arrived < spec.size() || (arrived - spec.size()) % spec.slide() != 0) {
      return List.of();
    }
    long first = arrived - spec.size();
    List<MonitorEvent.Prediction> events = List.copyOf(buffer);
    long keep = spec.size() - spec.slide();
    while (buffer.size() > keep) {
      buffer.removeFirst();
    }
    Instant min = events.get(0).ts();
    Instant max = min;
    for (MonitorEvent.Prediction e : events) {
      min = e.ts().isBefore(min) ? e.ts() : min;
      max = e.ts().isAfter(max) ? e.ts() : max;
    }
    return List.of(new Window(first / spec.slide(), first, arrived - 1, min, max, events));
  }

  private List<Window> addTimed(MonitorEvent.Prediction event) {
    arrived++;
    long t = event.ts().toEpochMilli();
    long watermark = maxTs == null ? Long.MIN_VALUE : maxTs - spec.lateness();
    long lastK = Math.floorDiv(t, spec.slide());
    long firstK = Math.floorDiv(t - spec.size(), spec.slide()) + 1;
    boolean used = false;
    for (long k = firstK; k <= lastK; k++) {
      long start = k * spec.slide();
      if (start + spec.size() > watermark) {
        open.computeIfAbsent(start, s -> new ArrayList<>()).add(event);
        used = true;
      }
    }
    if (!used) {
      late++;
    } else if (journaling && !snapshotDue) {
      journal.add(event);
    }
    maxTs = maxTs == null ? t : Math.max(maxTs, t);
    long mark = maxTs - spec.lateness();
    List<Window> closed = new ArrayList<>();
    while (!open.isEmpty() && open.firstKey() + spec.size() <= mark) {
      Map.Entry<Long, List<MonitorEvent.Prediction>> e = open.pollFirstEntry();
      long start = e.getKey();
      closed.add(
          new Window(
              Math.floorDiv(start, spec.slide()),
              -1,
              -1,
              Instant.ofEpochMilli(start),
              Instant.ofEpochMilli(start + spec.size()),
              e.getValue()));
    }
    return closed;
  }
}
