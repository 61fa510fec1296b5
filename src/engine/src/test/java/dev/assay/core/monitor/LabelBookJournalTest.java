package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A label book stored as deltas: replaying the newest snapshot and the deltas after it gives the
 * book a restart would have had from the whole-book state (same entries, same oldest-first order,
 * so the same forgetting and the same joins afterwards).
 */
class LabelBookJournalTest {
  private static List<List<String>> flat(LabelBook.State s) {
    List<List<String>> out = new ArrayList<>();
    s.predicted().forEach(p -> out.add(List.of("p", p[0], p[1])));
    s.labels().forEach(l -> out.add(List.of("l", l[0], l[1])));
    return out;
  }

  @Test
  void replayOfTheNewestSnapshotAndLaterDeltasEqualsTheBookAtEveryStore() {
    int horizon = 50;
    LabelBook book = new LabelBook(horizon);
    book.journal();
    List<LabelBook.Delta> stored = new ArrayList<>();
    Random random = new Random(7);
    int snapshots = 0;
    for (int store = 0; store < 200; store++) {
      int n = random.nextInt(120);
      for (int i = 0; i < n; i++) {
        String id = "r" + random.nextInt(400); // repeats move an id to the newest place
        if (random.nextBoolean()) {
          book.prediction(id, String.valueOf(random.nextInt(2)));
        } else {
          book.label(id, String.valueOf(random.nextInt(2)));
        }
      }
      LabelBook.Delta d = book.drain();
      if (d.snapshot()) {
        stored.clear(); // what MonitorStore.labelBook reads: from the newest snapshot on
        snapshots++;
      }
      stored.add(d);
      LabelBook replayed = LabelBook.replay(horizon, stored);
      assertThat(flat(replayed.state())).as("store " + store).isEqualTo(flat(book.state()));
    }
    assertThat(stored.getFirst().snapshot()).isTrue();
    assertThat(snapshots).as("compacted now and then").isBetween(3, 100);
  }

  @Test
  void aBookRestoredFromAWholeStateSnapshotsItFirst() {
    LabelBook book = new LabelBook(10);
    book.prediction("a", "1");
    book.label("b", "0");
    LabelBook restored = LabelBook.restore(10, book.state());
    restored.journal();
    restored.prediction("c", "0");
    LabelBook.Delta d = restored.drain();
    assertThat(d.snapshot()).isTrue();
    assertThat(flat(LabelBook.replay(10, List.of(d)).state()))
        .containsExactly(List.of("p", "a", "1"), List.of("p", "c", "0"), List.of("l", "b", "0"));
    restored.label("a", "1");
    LabelBook.Delta next = restored.drain();
    assertThat(next.snapshot()).isFalse();
    assertThat(next.ops()).hasSize(1);
    assertThat(LabelBook.replay(10, List.of(d, next)).labelOf("a")).isEqualTo("1");
  }
}
