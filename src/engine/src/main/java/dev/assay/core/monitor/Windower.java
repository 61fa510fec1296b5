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

  private final WindowSpec spec;
  private long arrived;
  private Long maxTs;
  private long late;
  private final ArrayDeque<MonitorEvent.Prediction> buffer = new ArrayDeque<>();
  private final TreeMap<Long, List<MonitorEvent.Prediction>> open = new TreeMap<>();

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

  /** The state to store: after it, a restored windower behaves as this one. */
  public State state() {
    Map<Long, List<MonitorEvent.Prediction>> copy = new TreeMap<>();
    if (spec.kind() == WindowSpec.Kind.COUNT) {
      if (!buffer.isEmpty()) {
        copy.put(arrived - buffer.size(), List.copyOf(buffer));
      }
    } else {
      open.forEach((start, events) -> copy.put(start, List.copyOf(events)));
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
