package dev.assay.ui;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.live.MonitorStore;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.monitor.AlertRule;
import dev.assay.core.monitor.AlertTracker;
import dev.assay.core.monitor.WindowResult;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A monitored stream in a real workbench, stored as {@code assay monitor} stores it, for the
 * Monitoring screen's tests: window 0 clean (accuracy 0.9), window 1 with {@code pirat} drifted and
 * the rule {@code acc} fired (accuracy 0.6), window 2 clean without labels.
 */
public final class StoredMonitor {
  private StoredMonitor() {}

  /** The stream's id and the workbench's model version. */
  public record Stream(long id, ModelVersion model, MonitorStore store, AlertRule rule) {}

  /** Imports the HMDA sample model and train data and stores the first {@code windows} windows. */
  public static Stream stream(Workbench w, Path temp, int windows) throws Exception {
    Path copy =
        Files.copy(TestModels.sample("hmda-deny-v1.onnx"), temp.resolve("hmda-deny-v1.onnx"));
    ModelVersion model =
        w.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE).model();
    DatasetVersion train =
        w.datasets()
            .importDataset(
                TestModels.sample("data/hmda_train.csv"), null, Progress.NONE, Cancellation.NONE)
            .dataset();
    MonitorStore store = w.monitors();
    long id = store.open(model.id(), train.id(), "events.jsonl", "{\"window\":100}").id();
    AlertRule rule =
        store.alerts().add(model.id(), new AlertRule(0, "acc", "accuracy", "<", 0.7, 1));
    Stream stream = new Stream(id, model, store, rule);
    add(stream, 0, windows);
    return stream;
  }

  /** Stores windows {@code from} (until {@code to}, exclusive) of the pattern above. */
  public static void add(Stream stream, int from, int to) {
    MonitorStore store = stream.store();
    long position = from * 100L;
    for (int i = from; i < to; i++) {
      boolean drift = i % 3 == 1;
      Double accuracy = i % 3 == 2 ? null : drift ? 0.6 : 0.9;
      WindowResult r =
          new WindowResult(
              i,
              i * 100L,
              i * 100L + 99,
              Instant.parse("2026-03-01T00:00:00Z").plusSeconds(100L * i),
              Instant.parse("2026-03-01T00:01:39Z").plusSeconds(100L * i),
              100,
              accuracy == null ? 0 : 100,
              accuracy,
              0,
              0,
              0,
              accuracy == null ? 0 : 100,
              0,
              List.of(feature("pirat", drift), feature("hirat", false)),
              drift ? List.of("pirat") : List.of(),
              null,
              List.of());
      List<AlertTracker.Fired> fired =
          drift ? List.of(new AlertTracker.Fired(stream.rule(), i, 0.6)) : List.of();
      store.saveWindows(stream.id(), position, List.of(r), "{}", position + 100, fired);
      position += 100;
    }
  }

  private static WindowResult.FeatureWindow feature(String name, boolean drift) {
    return new WindowResult.FeatureWindow(
        name,
        "numeric",
        100,
        drift ? 1e-6 : 0.5,
        drift ? 2e-6 : 0.5,
        drift ? 0.3 : 0.05,
        0.1,
        null,
        null,
        drift,
        0);
  }
}
