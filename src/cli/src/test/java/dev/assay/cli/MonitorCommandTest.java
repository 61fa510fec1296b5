package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.MonitorEvents;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path home;
  private MonitorEvents events;

  @BeforeEach
  void aModelEvaluatedOnItsReference() throws Exception {
    home = dir.resolve("home");
    events = new MonitorEvents();
    assertThat(
            CliRun.run(home, "models", "import", TestModels.sample("hmda-deny-v1.onnx").toString())
                .code())
        .isZero();
    CliRun.Outcome eval =
        CliRun.run(
            home,
            "eval",
            "--model",
            "hmda-deny-v1",
            "--data",
            TestModels.repoRoot().resolve("models/data/hmda_train.csv").toString(),
            "--target",
            "deny",
            "--quiet");
    assertThat(eval.code()).as(eval.err()).isZero();
  }

  private CliRun.Outcome monitor(Path file, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "monitor",
                "--model",
                "hmda-deny-v1:1",
                "--reference",
                "hmda_train",
                "--file",
                file.toString(),
                "--until-end"));
    args.addAll(List.of(more));
    return CliRun.run(home, args.toArray(String[]::new));
  }

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.strip().split("\n")) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  @Test
  void alertRulesAreStoredAuditedAndFireWhenTheirConditionHoldsForNWindows() throws Exception {
    CliRun.Outcome bad =
        CliRun.run(
            home,
            "monitor",
            "add-rule",
            "--model",
            "hmda-deny-v1:1",
            "--name",
            "x",
            "--metric",
            "speed",
            "--when",
            ">",
            "--threshold",
            "1");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("metric 'speed' is not one of");
    CliRun.Outcome add =
        CliRun.run(
            home,
            "monitor",
            "add-rule",
            "--model",
            "hmda-deny-v1:1",
            "--name",
            "pirat-drift",
            "--metric",
            "drift:pirat",
            "--when",
            ">=",
            "--threshold",
            "1",
            "--for",
            "2");
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out()).contains("pirat-drift: drift:pirat >= 1.0 for 2 windows");
    CliRun.Outcome list = CliRun.run(home, "monitor", "rules", "--model", "hmda-deny-v1:1");
    assertThat(list.out().strip()).isEqualTo("1 pirat-drift: drift:pirat >= 1.0 for 2 windows");

    // windows 0-1 unshifted, 2-5 with pirat shifted (drifted), 6 unshifted, 7-8 shifted
    Path file = dir.resolve("alerts.jsonl");
    MonitorEvents.append(file, events.block(0, 1000, 0));
    MonitorEvents.append(file, events.block(1000, 3000, 0.5));
    CliRun.Outcome first = monitor(file, "--window", "500", "--json", "-");
    assertThat(first.code()).as(first.err()).isZero();
    MonitorEvents.append(file, events.block(3000, 3500, 0));
    MonitorEvents.append(file, events.block(3500, 4500, 0.5));
    Path prom = java.nio.file.Files.createDirectories(dir.resolve("prom"));
    CliRun.Outcome second =
        monitor(file, "--window", "500", "--json", "-", "--textfile", prom.toString());
    assertThat(second.code()).as(second.err()).isZero();
    List<JsonNode> all = lines(first.out() + "\n" + second.out());
    // the definition, from the windows themselves: fire where the run of drifted windows reaches 2
    List<Long> expected = new ArrayList<>();
    int run = 0;
    for (JsonNode w : all) {
      boolean holds = w.get("drifted").toString().contains("\"pirat\"");
      run = holds ? run + 1 : 0;
      if (run == 2) {
        expected.add(w.get("index").asLong());
      }
    }
    assertThat(all).hasSize(9);
    assertThat(expected).containsExactly(3L, 8L);
    try (Workbench wb = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      // the home's only stream is number 1
      assertThat(wb.monitors().alerts().alerts(1).stream().map(a -> a.windowIndex()))
          .containsExactlyElementsOf(expected);
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_ALERT)).isEmpty();
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_ALERT_RULE)).isEmpty();
    }
    String text = java.nio.file.Files.readString(prom.resolve("assay_monitor.prom"));
    assertThat(text)
        .contains("assay_monitor_alerts_total{model=\"hmda-deny-v1:1\",rule=\"pirat-drift\"} 2")
        .contains("assay_monitor_alert_firing{model=\"hmda-deny-v1:1\",rule=\"pirat-drift\"} 1");
  }

  @Test
  void windowsAreStoredOnceAndARestartResumesAfterTheNewestStoredWindow() throws Exception {
    Path file = dir.resolve("events.jsonl");
    MonitorEvents.append(file, events.block(0, 1200, 0));
    CliRun.Outcome first = monitor(file, "--window", "500", "--json", "-");
    assertThat(first.code()).as(first.err()).isZero();
    List<JsonNode> w = lines(first.out());
    assertThat(w).hasSize(2);
    assertThat(w.get(0).get("predictions").asLong()).isEqualTo(500);
    assertThat(w.get(0).get("drifted")).isEmpty();
    // every label follows its prediction; every 7th is wrong: 72 of 500 in window 0 (0, 7, ...,
    // 497)
    assertThat(w.get(0).get("labelled").asLong()).isEqualTo(499);
    assertThat(w.get(0).get("accuracy").asDouble()).isEqualTo((499 - 72) / 499.0);
    // predicted labels compared with the model's predictions on the reference (run found)
    assertThat(w.get(0).get("prediction").get("n").asLong()).isEqualTo(500);
    assertThat(first.err()).contains("200 predictions in open windows");

    CliRun.Outcome again = monitor(file, "--window", "500", "--json", "-");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isBlank();
    assertThat(again.err()).contains("resuming after window 2");

    MonitorEvents.append(file, events.block(1200, 1500, 0.5));
    MonitorEvents.append(
        file, List.of("not json", "{\"id\": \"p9\", \"ts\": \"2026-03-01T00:00:00Z\"}"));
    CliRun.Outcome third = monitor(file, "--window", "500", "--json", "-");
    assertThat(third.code()).as(third.err()).isZero();
    List<JsonNode> w3 = lines(third.out());
    assertThat(w3).hasSize(1);
    assertThat(w3.get(0).get("index").asLong()).isEqualTo(2);
    assertThat(w3.get(0).get("first").asLong()).isEqualTo(1000);
    assertThat(w3.get(0).get("drifted").toString()).contains("pirat");
    assertThat(third.err()).contains("events.jsonl line 3001: not a JSON object");

    try (Workbench wb = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_WINDOW)).isEmpty();
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_STREAM)).isEmpty();
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + home.resolve("db/assay") + ";AUTO_SERVER=TRUE", "assay", "");
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE monitor_window SET drifted = '' WHERE window_index = 2");
    }
    try (Workbench wb = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_WINDOW))
          .singleElement()
          .asString()
          .contains("monitor_window 3 was changed outside Assay");
    }
  }

  /**
   * Sliding and time windows hold events across stores: a run resumed from the stored segments
   * (V19) gives the windows one run over the whole file gives; the expired segments and the label
   * deltas before the newest snapshot are deleted, and the audit trail records each deletion, so it
   * still names a row deleted with SQL.
   */
  @Test
  void resumedSlidingWindowsEqualOneRunAndPrunedRowsStayAccountedFor() throws Exception {
    for (String window : List.of("300/100", "200s/50s")) {
      String tag = window.replace('/', '_');
      Path whole = dir.resolve("whole-" + tag + ".jsonl");
      Path parts = dir.resolve("parts-" + tag + ".jsonl");
      String[] options = {"--window", window, "--label-horizon", "40", "--json", "-"};
      MonitorEvents.append(whole, events.block(0, 900, 0));
      MonitorEvents.append(whole, events.block(900, 1400, 0.5));
      CliRun.Outcome one = monitor(whole, options);
      assertThat(one.code()).as(one.err()).isZero();
      List<JsonNode> got = new ArrayList<>();
      int[] cuts = {0, 250, 530, 900, 1160, 1400};
      for (int k = 0; k + 1 < cuts.length; k++) {
        MonitorEvents.append(parts, events.block(cuts[k], cuts[k + 1], cuts[k] >= 900 ? 0.5 : 0));
        CliRun.Outcome run = monitor(parts, options);
        assertThat(run.code()).as(run.err()).isZero();
        got.addAll(lines(run.out()));
      }
      assertThat(got).as(window).isEqualTo(lines(one.out()));
      assertThat(got).as(window).hasSizeGreaterThan(5);
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:h2:file:" + home.resolve("db/assay") + ";AUTO_SERVER=TRUE", "assay", "");
          Statement s = c.createStatement()) {
        var rs =
            s.executeQuery(
                "SELECT (SELECT COUNT(*) FROM monitor_pending p WHERE p.stream_id = m.id),"
                    + " (SELECT COUNT(*) FROM monitor_label_delta d WHERE d.stream_id = m.id)"
                    + " FROM monitor_stream m WHERE m.source = '"
                    + parts.toAbsolutePath().normalize()
                    + "'");
        assertThat(rs.next()).isTrue();
        // five stores; what is left: the segments the open windows need, one book's snapshot
        assertThat(rs.getLong(1)).as(window).isBetween(1L, 3L);
        assertThat(rs.getLong(2)).as(window).isBetween(1L, 2L);
      }
    }
    try (Workbench wb = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_PENDING)).isEmpty();
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_LABEL_DELTA)).isEmpty();
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_STREAM)).isEmpty();
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + home.resolve("db/assay") + ";AUTO_SERVER=TRUE", "assay", "");
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "DELETE FROM monitor_pending WHERE id = (SELECT MAX(id) FROM monitor_pending)");
    }
    try (Workbench wb = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_PENDING))
          .singleElement()
          .asString()
          .contains("was deleted outside Assay");
    }
  }

  @Test
  void csvEventsGiveTheSameWindowsAsTheirJsonLines() throws Exception {
    Path jsonl = dir.resolve("same.jsonl");
    Path csv = dir.resolve("same.csv");
    List<String> rows = new ArrayList<>(List.of(events.csvHeader()));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      rows.add(events.predictionCsv(i, i >= 300 ? 0.3 : 0));
      lines.add(events.prediction(i, i >= 300 ? 0.3 : 0));
    }
    MonitorEvents.append(jsonl, lines);
    MonitorEvents.append(csv, rows);
    CliRun.Outcome a = monitor(jsonl, "--window", "300", "--json", "-");
    CliRun.Outcome b = monitor(csv, "--window", "300", "--json", "-");
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(lines(b.out()).toString()).isEqualTo(lines(a.out()).toString());
    assertThat(lines(a.out()).get(1).get("drifted").toString()).contains("pirat");
  }

  @Test
  void timeWindowsCountLateEventsBeyondTheAllowedLateness() throws Exception {
    Path file = dir.resolve("late.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      lines.add(events.prediction(i, 0));
    }
    lines.add(events.prediction(5, 0).replace("\"p5\"", "\"late5\""));
    for (int i = 400; i < 700; i++) {
      lines.add(events.prediction(i, 0));
    }
    MonitorEvents.append(file, lines);
    CliRun.Outcome out = monitor(file, "--window", "5m", "--lateness", "30s", "--json", "-");
    assertThat(out.code()).as(out.err()).isZero();
    List<JsonNode> w = lines(out.out());
    // [0,300) closes at the event of 330 s, [300,600) at 630 s; the event of 5 s that arrives
    // after 399 s is late (watermark 369 s) and is reported with the next window to close
    assertThat(w).hasSize(2);
    assertThat(w.get(0).get("predictions").asLong()).isEqualTo(300);
    assertThat(w.get(0).get("start").asText()).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(w.get(0).get("late").asLong()).isZero();
    assertThat(w.get(1).get("predictions").asLong()).isEqualTo(300);
    assertThat(w.get(1).get("late").asLong()).isEqualTo(1);
    CliRun.Outcome more = monitor(file, "--window", "5m", "--lateness", "30s", "--json", "-");
    assertThat(more.out()).isBlank();
    MonitorEvents.append(file, List.of(events.prediction(1000, 0)));
    List<JsonNode> w2 =
        lines(monitor(file, "--window", "5m", "--lateness", "30s", "--json", "-").out());
    assertThat(w2).hasSize(1);
    assertThat(w2.get(0).get("start").asText()).isEqualTo("2026-03-01T00:10:00Z");
    assertThat(w2.get(0).get("predictions").asLong()).isEqualTo(100);
  }

  @Test
  void badInputIsRefusedOnOneLine() throws Exception {
    Path file = dir.resolve("e.jsonl");
    MonitorEvents.append(file, events.block(0, 10, 0));
    CliRun.Outcome window = monitor(file, "--window", "0");
    assertThat(window.code()).isEqualTo(2);
    assertThat(window.err().strip())
        .startsWith("assay: --window/--lateness:")
        .doesNotContain("\n")
        .doesNotContain("Exception");
    CliRun.Outcome missing = monitor(dir.resolve("none.jsonl"));
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no events file");
    CliRun.Outcome horizon = monitor(file, "--label-horizon", "0");
    assertThat(horizon.code()).isEqualTo(2);
    assertThat(monitor(file, "--window", "500").code()).isZero();
    CliRun.Outcome changed = monitor(file, "--window", "400");
    assertThat(changed.code()).isEqualTo(1);
    assertThat(changed.err()).contains("is monitored for this model with other settings");
  }

  /**
   * Odd predictions go to the challenger, whose labels are wrong every 3rd (the champion's 7th).
   */
  private List<String> rollout(long from, long to) {
    List<String> lines = new ArrayList<>();
    for (long i = from; i < to; i++) {
      boolean challenger = i % 2 == 1;
      String p = events.prediction(i, 0);
      // a probability for the positive class: 0.8 where the prediction is 1, else 0.3
      double q = p.endsWith("\"prediction\": 1}") ? 0.8 : 0.3;
      p = p.substring(0, p.length() - 1) + ", \"probabilities\": {\"1\": " + q + "}}";
      lines.add(challenger ? p.replace("\"champion\"", "\"challenger\"") : p);
      lines.add(events.label(i, challenger ? i % 3 == 0 : i % 7 == 0));
    }
    return lines;
  }

  @Test
  void anAbRolloutStopsWhenTheChallengerIsWorseAndItsCountsSurviveARestart() throws Exception {
    Path file = dir.resolve("rollout.jsonl");
    MonitorEvents.append(file, rollout(0, 3000));
    CliRun.Outcome first = monitor(file, "--window", "500", "--json", "-");
    assertThat(first.code()).as(first.err()).isZero();
    MonitorEvents.append(file, rollout(3000, 6000));
    Path prom = java.nio.file.Files.createDirectories(dir.resolve("prom"));
    CliRun.Outcome second =
        monitor(file, "--window", "500", "--json", "-", "--textfile", prom.toString());
    assertThat(second.code()).as(second.err()).isZero();
    List<JsonNode> all = lines(first.out() + "\n" + second.out());
    assertThat(all).hasSize(12);
    JsonNode last = all.getLast().get("ab");
    // every label but the newest prediction's was joined by the last close, across the restart
    long champion = last.at("/accuracy/n_champion").asLong();
    long challenger = last.at("/accuracy/n_challenger").asLong();
    assertThat(champion + challenger).isEqualTo(5999);
    assertThat(last.at("/champion/predictions").asLong()).isEqualTo(250);
    assertThat(last.get("verdict").asText()).isEqualTo("stop: challenger worse");
    assertThat(last.at("/accuracy/upper").asDouble()).isNegative();
    assertThat(last.at("/test/name").asText()).isEqualTo("msprt-normal-mixture");
    long decided = last.get("decided_at").asLong();
    // before the stop the verdict was continue, the p-value above alpha
    for (JsonNode w : all) {
      boolean before = w.get("index").asLong() < decided;
      assertThat(w.at("/ab/verdict").asText())
          .isEqualTo(before ? "continue" : "stop: challenger worse");
      assertThat(w.at("/ab/accuracy/p_value").asDouble() > 0.05).isEqualTo(before);
    }
    try (Workbench wb = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      var stored = wb.monitors().windows(1);
      assertThat(stored.getLast().result().ab().verdict()).isEqualTo("stop: challenger worse");
      assertThat(wb.auditedRecordProblems(CoveredTable.MONITOR_WINDOW)).isEmpty();
    }
    String text = java.nio.file.Files.readString(prom.resolve("assay_monitor.prom"));
    assertThat(text)
        .contains(
            "assay_monitor_ab_verdict{model=\"hmda-deny-v1:1\",verdict=\"stop: challenger"
                + " worse\"} 1")
        .contains("assay_monitor_ab_labelled{model=\"hmda-deny-v1:1\",variant=\"challenger\"}");
    assertThat(second.out()).doesNotContain("A/B"); // --json - prints JSON only
    // CBPE per window, fitted on the reference run: every event carries class 1's probability
    assertThat(all).allSatisfy(w -> assertThat(w.at("/estimated/scored").asLong()).isEqualTo(500));
    assertThat(all.getFirst().at("/estimated/positive").asText()).isEqualTo("1");
    assertThat(text).contains("assay_monitor_window_estimated_accuracy{model=\"hmda-deny-v1:1\"}");
    assertThat(second.err()).contains("estimated performance CBPE on class 1");
    CliRun.Outcome bad = monitor(file, "--window", "500", "--ab-alpha", "0.7");
    assertThat(bad.code()).isEqualTo(2);
  }
}
