package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.testing.AssayProcess;
import dev.assay.testing.MonitorEvents;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay monitor} killed with kill -9 twice while it works through an events file, then run
 * to the end: its stored windows equal, one for one, those of an uninterrupted run over a copy of
 * the file. No window is missing or stored twice, and no event is lost or counted twice (the
 * windows' predictions, labels, accuracy and detector alarms all match).
 */
@Tag("multiprocess")
class MonitorKillTest {
  private static final int PREDICTIONS = 12_000;
  private static final int WINDOW = 400;

  @TempDir Path dir;

  @Test
  void killedTwiceTheMonitorResumesWithoutLosingOrDoubleCountingAnEvent() throws Exception {
    Path home = dir.resolve("home");
    MonitorEvents events = new MonitorEvents();
    assertThat(
            CliRun.run(home, "models", "import", TestModels.sample("hmda-deny-v1.onnx").toString())
                .code())
        .isZero();
    assertThat(
            CliRun.run(
                    home,
                    "eval",
                    "--model",
                    "hmda-deny-v1",
                    "--data",
                    TestModels.repoRoot().resolve("models/data/hmda_train.csv").toString(),
                    "--target",
                    "deny",
                    "--quiet")
                .code())
        .isZero();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < PREDICTIONS; i++) {
      lines.add(events.prediction(i, i >= PREDICTIONS / 2 ? 0.2 : 0));
      // labels arrive three predictions late; errors rise in the second half
      if (i >= 3) {
        long j = i - 3;
        lines.add(events.label(j, j < PREDICTIONS / 2 ? j % 9 == 0 : j % 2 == 0));
      }
    }
    Path killed = dir.resolve("killed.jsonl");
    Path whole = dir.resolve("whole.jsonl");
    MonitorEvents.append(whole, lines);

    // The first two runs follow the file as it grows (a third of the events, then two thirds), so
    // each is still running, mid-stream or waiting for more, when it is killed at a window count,
    // however fast the machine is; the last run reads the whole file to its end.
    String[] follow = {
      "monitor",
      "--model",
      "hmda-deny-v1:1",
      "--reference",
      "hmda_train",
      "--window",
      String.valueOf(WINDOW),
      "--file",
      killed.toString()
    };
    String[] args =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(follow), java.util.stream.Stream.of("--until-end"))
            .toArray(String[]::new);
    Path logs = dir.resolve("logs");
    Path tmp = dir.resolve("systmp");
    int third = lines.size() / 3;
    // Each run is killed once it has reported (one line on stdout per stored window) the window
    // count of its stage. The test reads the database only while no monitor runs, so the monitor
    // owns the file as a user's would, and what it reported must have survived kill -9.
    int[][] stages = {{0, third, 3}, {third, 2 * third, 12}};
    long reported = 0;
    for (int[] stage : stages) {
      MonitorEvents.append(killed, lines.subList(stage[0], stage[1]));
      AssayProcess p = AssayProcess.start(home, logs, tmp, follow);
      long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
      long target = stage[2] - reported;
      while (p.linesSoFar("window ") < target
          && p.process().isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (!p.process().isAlive()) {
        // say why it stopped: its exit code and what it printed
        assertThat(p.await(Duration.ofSeconds(5)).toString())
            .isEqualTo("still working when killed");
      }
      p.kill();
      long thisRun = p.linesSoFar("window ");
      assertThat(thisRun)
          .as("windows reported by a monitor run in 240 s: %s", p.outSoFar())
          .isGreaterThanOrEqualTo(target);
      reported += thisRun;
      assertThat(windows(home, killed))
          .as("windows stored after kill -9, against the %d the runs reported", reported)
          .isGreaterThanOrEqualTo(reported);
    }
    MonitorEvents.append(killed, lines.subList(2 * third, lines.size()));
    long beforeLastRun = windows(home, killed);
    assertThat(beforeLastRun).isBetween(12L, (long) PREDICTIONS / WINDOW - 1);
    AssayProcess.Result rest =
        AssayProcess.start(home, logs, tmp, args).await(Duration.ofSeconds(300));
    assertThat(rest.code()).as(rest.toString()).isZero();
    assertThat(rest.err()).contains("resuming after window " + beforeLastRun);

    CliRun.Outcome reference =
        CliRun.run(
            home,
            "monitor",
            "--model",
            "hmda-deny-v1:1",
            "--reference",
            "hmda_train",
            "--window",
            String.valueOf(WINDOW),
            "--until-end",
            "--file",
            whole.toString(),
            "--quiet");
    assertThat(reference.code()).as(reference.err()).isZero();

    List<String> a = results(home, killed);
    List<String> b = results(home, whole);
    assertThat(a).hasSize(PREDICTIONS / WINDOW);
    assertThat(a).isEqualTo(b);
    assertThat(String.join("\n", a)).contains("\"detector\":\"adwin\"");
  }

  private static Connection connect(Path home) throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:"
            + home.resolve("db/assay")
            + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=0;WRITE_DELAY=0",
        "assay",
        "");
  }

  private static long windows(Path home, Path file) throws Exception {
    if (!Files.exists(home.resolve("db"))) {
      return 0;
    }
    try (Connection c = connect(home);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT COUNT(*) FROM monitor_window w JOIN monitor_stream s ON s.id = w.stream_id WHERE s.source = ?")) {
      q.setString(1, file.toAbsolutePath().normalize().toString());
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      return 0; // the schema is not there yet
    }
  }

  /** The stored windows' results in index order, each with its index. */
  private static List<String> results(Path home, Path file) throws Exception {
    List<String> list = new ArrayList<>();
    try (Connection c = connect(home);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT w.window_index, w.result_json FROM monitor_window w JOIN monitor_stream s"
                    + " ON s.id = w.stream_id WHERE s.source = ? ORDER BY w.window_index")) {
      q.setString(1, file.toAbsolutePath().normalize().toString());
      try (ResultSet rs = q.executeQuery()) {
        long expected = 0;
        while (rs.next()) {
          assertThat(rs.getLong(1)).isEqualTo(expected++);
          list.add(rs.getString(2));
        }
      }
    }
    return list;
  }
}
