package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private static MonitorEvent.Prediction at(String id, long seconds) {
    return new MonitorEvent.Prediction(
        id, null, null, T0.plusSeconds(seconds), Map.of(), "1", Map.of());
  }

  private static List<List<String>> feed(Windower w, List<MonitorEvent.Prediction> events) {
    List<List<String>> out = new ArrayList<>();
    for (MonitorEvent.Prediction e : events) {
      for (Windower.Window win : w.add(e)) {
        out.add(win.events().stream().map(MonitorEvent.Prediction::id).toList());
      }
    }
    return out;
  }

  private static List<MonitorEvent.Prediction> numbered(int n) {
    List<MonitorEvent.Prediction> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(at("e" + i, i));
    }
    return events;
  }

  @Test
  void countTumblingWindowsHoldConsecutiveBlocksAndLeaveTheRestPending() {
    Windower w = new Windower(WindowSpec.parse("3", Duration.ZERO));
    assertThat(feed(w, numbered(8)))
        .containsExactly(List.of("e0", "e1", "e2"), List.of("e3", "e4", "e5"));
    assertThat(w.pending()).isEqualTo(2);
  }

  @Test
  void countSlidingWindowsAdvanceBySlide() {
    Windower w = new Windower(WindowSpec.parse("4/2", Duration.ZERO));
    List<List<String>> windows = feed(w, numbered(9));
    assertThat(windows)
        .containsExactly(
            List.of("e0", "e1", "e2", "e3"),
            List.of("e2", "e3", "e4", "e5"),
            List.of("e4", "e5", "e6", "e7"));
    assertThat(w.pending()).isEqualTo(1);
  }

  @Test
  void timeTumblingWindowsCloseWhenTheWatermarkPassesAndDropLateEvents() {
    // 10 s windows, 5 s lateness: [0,10) closes once an event at >= 15 s arrives.
    Windower w = new Windower(WindowSpec.parse("10s", Duration.ofSeconds(5)));
    List<MonitorEvent.Prediction> events =
        List.of(
            at("a", 1),
            at("b", 9),
            at("c", 12),
            at("d", 7), // out of order, within lateness: still in [0,10)
            at("e", 15), // watermark 10: [0,10) closes
            at("f", 8), // late: [0,10) is closed
            at("g", 26)); // watermark 21: [10,20) closes
    List<List<String>> windows = new ArrayList<>();
    long late = 0;
    List<Windower.Window> closed = new ArrayList<>();
    for (MonitorEvent.Prediction e : events) {
      List<Windower.Window> now = w.add(e);
      closed.addAll(now);
      now.forEach(x -> windows.add(x.events().stream().map(MonitorEvent.Prediction::id).toList()));
      late += w.takeLate();
    }
    assertThat(windows).containsExactly(List.of("a", "b", "d"), List.of("c", "e"));
    assertThat(late).isEqualTo(1);
    assertThat(closed.get(1).start()).isEqualTo(T0.plusSeconds(10));
    assertThat(closed.get(1).end()).isEqualTo(T0.plusSeconds(20));
    assertThat(w.pending()).isEqualTo(1);
  }

  @Test
  void timeSlidingWindowsPutAnEventInEverySpanThatCoversIt() {
    Windower w = new Windower(WindowSpec.parse("10s/5s", Duration.ZERO));
    List<List<String>> windows = feed(w, List.of(at("a", 1), at("b", 6), at("c", 11), at("d", 40)));
    // [-5,5): a; [0,10): a b; [5,15): b c; [10,20): c
    assertThat(windows)
        .containsExactly(List.of("a"), List.of("a", "b"), List.of("b", "c"), List.of("c"));
  }

  @Test
  void aRestoredWindowerEmitsWhatTheOriginalWouldHave() throws Exception {
    ObjectMapper json = Json.newMapper();
    for (String spec : List.of("5", "5/2", "10s/5s")) {
      WindowSpec s = WindowSpec.parse(spec, Duration.ofSeconds(3));
      Windower whole = new Windower(s);
      List<MonitorEvent.Prediction> events = numbered(23);
      List<List<String>> expected = feed(whole, events);
      Windower first = new Windower(s);
      List<List<String>> got = new ArrayList<>(feed(first, events.subList(0, 11)));
      Windower.State state =
          json.readValue(json.writeValueAsString(first.state()), Windower.State.class);
      got.addAll(feed(Windower.restore(s, state), events.subList(11, 23)));
      assertThat(got).as(spec).isEqualTo(expected);
    }
  }

  /**
   * A store every few events keeps only the new events (each event written once) and the segments
   * still needed; a windower restored at any store from its state and the kept segments emits what
   * an uninterrupted one does, for count and time windows, tumbling and sliding, out-of-order
   * times.
   */
  @Test
  void aJournaledWindowerStoresEachEventOnceAndRestoresFromTheKeptSegments() throws Exception {
    ObjectMapper json = Json.newMapper();
    List<MonitorEvent.Prediction> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      events.add(at("e" + i, i + (i % 4 == 1 ? -3 : 0) + (i % 7 == 3 ? -9 : 0)));
    }
    for (String spec : List.of("5", "5/2", "10s", "10s/5s", "12s/4s")) {
      WindowSpec s = WindowSpec.parse(spec, Duration.ofSeconds(4));
      List<List<String>> expected = feed(new Windower(s), events);
      for (int every : new int[] {1, 3, 7, -5}) {
        // every < 0: journaling starts at the first store, as after a state stored before V19
        boolean late = every < 0;
        every = Math.abs(every);
        for (int cut = every; cut < events.size(); cut += 11) {
          Windower w = new Windower(s);
          if (!late) {
            w.journal();
          }
          List<Windower.Pending> kept = new ArrayList<>();
          List<List<String>> got = new ArrayList<>();
          long written = 0;
          Windower.State state = null;
          for (int i = 0; i < cut; i++) {
            got.addAll(feed(w, events.subList(i, i + 1)));
            if ((i + 1) % every == 0 || i + 1 == cut) {
              w.journal();
              Windower.Pending p = w.drainPending();
              written += p.events().size();
              long from = w.retainFrom();
              kept.removeIf(k -> k.expires() < from);
              if (!p.events().isEmpty() && p.expires() >= from) {
                kept.add(json.readValue(json.writeValueAsString(p), Windower.Pending.class));
              }
              state = json.readValue(json.writeValueAsString(w.state()), Windower.State.class);
              assertThat(state.open().values()).allMatch(List::isEmpty);
              long needed = kept.stream().mapToLong(k -> k.events().size()).sum();
              assertThat(needed).as(spec).isLessThanOrEqualTo(w.pending() + 2L * every + 12);
            }
          }
          assertThat(written).as(spec).isLessThanOrEqualTo(cut);
          Windower restored = Windower.restore(s, state, kept);
          assertThat(restored.pending()).as(spec + " cut " + cut).isEqualTo(w.pending());
          got.addAll(feed(restored, events.subList(cut, events.size())));
          assertThat(late ? sorted(got) : got)
              .as(spec + " every " + every + " cut " + cut + (late ? " late" : ""))
              .isEqualTo(late ? sorted(expected) : expected);
        }
      }
    }
  }

  private static List<List<String>> sorted(List<List<String>> windows) {
    return windows.stream().map(w -> w.stream().sorted().toList()).toList();
  }

  @Test
  void windowTextsAreParsedOrRefusedWithAReason() {
    assertThat(WindowSpec.parse("1000", Duration.ZERO))
        .isEqualTo(new WindowSpec(WindowSpec.Kind.COUNT, 1000, 1000, 0));
    assertThat(WindowSpec.parse("5m/1m", Duration.ofSeconds(30)))
        .isEqualTo(new WindowSpec(WindowSpec.Kind.TIME, 300_000, 60_000, 30_000));
    assertThat(WindowSpec.parse("PT1H", Duration.ZERO).size()).isEqualTo(3_600_000);
    assertThatThrownBy(() -> WindowSpec.parse("10/20", Duration.ZERO))
        .hasMessageContaining("slide in [1, size]");
    assertThatThrownBy(() -> WindowSpec.parse("5x", Duration.ZERO))
        .hasMessageContaining("not a count or a duration");
  }
}
