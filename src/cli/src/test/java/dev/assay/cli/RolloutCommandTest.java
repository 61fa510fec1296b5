package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Rollout gates over the windows the real {@code assay monitor --until-end} stored from a JSONL
 * stream of champion and challenger predictions with their labels.
 */
class RolloutCommandTest {
  @TempDir Path dir;
  private Path home;
  private MonitorEvents events;

  @BeforeEach
  void twoVersionsAndAReferenceRun() throws Exception {
    home = dir.resolve("home");
    events = new MonitorEvents();
    for (String model : List.of("hmda-deny-v1.onnx", "hmda-deny-v2.onnx")) {
      assertThat(run("models", "import", TestModels.sample(model).toString()).code()).isZero();
    }
    CliRun.Outcome eval =
        run(
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

  private CliRun.Outcome run(String... args) {
    return CliRun.run(home, args);
  }

  private CliRun.Outcome monitor(Path file) {
    CliRun.Outcome m =
        run(
            "monitor",
            "--model",
            "hmda-deny-v1:1",
            "--reference",
            "hmda_train",
            "--file",
            file.toString(),
            "--until-end",
            "--window",
            "500",
            "--quiet");
    assertThat(m.code()).as(m.err()).isZero();
    return m;
  }

  /**
   * Predictions {@code from..to-1} with their labels: odd ones are the challenger's, wrong every
   * {@code challengerWrong}-th; the champion's wrong every 7th.
   */
  private List<String> stream(long from, long to, int challengerWrong) {
    return stream(from, to, challengerWrong, 0);
  }

  /** As above, with {@code shift} added to the feature pirat (a planted drift). */
  private List<String> stream(long from, long to, int challengerWrong, double shift) {
    List<String> lines = new ArrayList<>();
    for (long i = from; i < to; i++) {
      boolean challenger = i % 2 == 1;
      String p = events.prediction(i, shift);
      lines.add(challenger ? p.replace("\"champion\"", "\"challenger\"") : p);
      lines.add(events.label(i, challenger ? i % challengerWrong == 0 : i % 7 == 0));
    }
    return lines;
  }

  private long createPlan(String maxDrop) throws Exception {
    CliRun.Outcome create =
        run(
            "rollout",
            "plan",
            "create",
            "--challenger",
            "hmda-deny-v2:1",
            "--champion",
            "hmda-deny-v1:1",
            "--stages",
            "5,25,50,100",
            "--min-events",
            "1000",
            "--max-drop",
            maxDrop,
            "--json");
    assertThat(create.code()).as(create.err()).isZero();
    JsonNode plan = create.json();
    assertThat(plan.get("challenger").asText()).isEqualTo("hmda-deny-v2:1");
    assertThat(plan.at("/plan/stages").toString()).isEqualTo("[5,25,50,100]");
    return plan.get("id").asLong();
  }

  private JsonNode status(long plan) throws Exception {
    CliRun.Outcome status = run("rollout", "status", Long.toString(plan), "--json");
    assertThat(status.code()).as(status.err()).isZero();
    return status.json();
  }

  private static void oneLine(CliRun.Outcome outcome, int code, String text) {
    assertThat(outcome.code()).as(outcome.err()).isEqualTo(code);
    assertThat(outcome.err().strip())
        .startsWith("assay: ")
        .contains(text)
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void aClearlyWorseChallengerIsRolledBackAndAPromoteNeedsAnOverride() throws Exception {
    long plan = createPlan("0.01");
    Path file = dir.resolve("worse.jsonl");
    MonitorEvents.append(file, stream(0, 3000, 3));
    monitor(file);
    JsonNode s = status(plan);
    assertThat(s.get("state").asText()).isEqualTo("stage 1 of 4");
    assertThat(s.get("share").asInt()).isEqualTo(5);
    assertThat(s.get("verdict").asText()).isEqualTo("roll back");
    JsonNode gate = s.get("gate");
    assertThat(gate.get("windows").asLong()).isEqualTo(6);
    assertThat(gate.get("champion").asLong()).isEqualTo(1500);
    assertThat(gate.get("challenger").asLong()).isEqualTo(1500);
    // the champion is right 6 of 7, the challenger 2 of 3: the confidence sequence is below -0.01
    assertThat(gate.at("/accuracy/difference").asDouble()).isBetween(-0.21, -0.17);
    assertThat(gate.at("/accuracy/upper").asDouble()).isLessThan(-0.01);
    assertThat(gate.get("reasons").get(0).asText())
        .startsWith("challenger accuracy worse by more than 0.01");
    CliRun.Outcome text = run("rollout", "status", Long.toString(plan));
    assertThat(text.out()).contains("gate: roll back").contains("sequential test: stop:");

    oneLine(
        run("rollout", "decide", "" + plan, "--promote", "--by", "alice", "--reason", "looks ok"),
        1,
        "the gate says roll back");
    CliRun.Outcome back =
        run("rollout", "decide", "" + plan, "--rollback", "--by", "alice", "--reason", "worse");
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(back.out()).contains("stage 1 rollback by alice (gate said roll back): worse");
    assertThat(status(plan).get("state").asText()).isEqualTo("rolled back");
    oneLine(
        run("rollout", "decide", "" + plan, "--promote", "--by", "bob", "--reason", "x"),
        1,
        "rollout plan " + plan + " is already rolled back");
  }

  @Test
  void noDifferenceAfterEnoughEventsIsPromotedAndTheNextStageStartsAfresh() throws Exception {
    long plan = createPlan("0.05");
    long strict = createPlan("0.01");
    Path file = dir.resolve("same.jsonl");
    MonitorEvents.append(file, stream(0, 1000, 7));
    monitor(file);
    JsonNode early = status(plan);
    assertThat(early.get("verdict").asText()).isEqualTo("continue");
    assertThat(early.at("/gate/challenger").asLong()).isEqualTo(500);
    assertThat(early.at("/gate/reasons/0").asText()).contains("the stage needs 1000 each");
    MonitorEvents.append(file, stream(1000, 3000, 7));
    monitor(file);
    JsonNode s = status(plan);
    assertThat(s.get("verdict").asText()).as(s.toString()).isEqualTo("promote");
    assertThat(s.at("/gate/drift")).isEmpty();
    assertThat(s.at("/gate/alerts")).isEmpty();
    assertThat(s.at("/gate/accuracy/lower").asDouble()).isGreaterThanOrEqualTo(-0.05);
    // the same windows do not yet rule out a drop of more than 0.01: the strict plan continues
    JsonNode s2 = status(strict);
    assertThat(s2.get("verdict").asText()).isEqualTo("continue");
    assertThat(s2.at("/gate/accuracy/lower").asDouble()).isLessThan(-0.01);
    assertThat(s2.at("/gate/reasons/0").asText()).contains("does not yet exclude a drop");
    CliRun.Outcome promote =
        run(
            "rollout",
            "decide",
            "" + plan,
            "--promote",
            "--by",
            "alice",
            "--reason",
            "gate ok",
            "--json");
    assertThat(promote.code()).as(promote.err()).isZero();
    assertThat(promote.json().get("gate_verdict").asText()).isEqualTo("promote");
    assertThat(promote.json().get("decided_by").asText()).isEqualTo("alice");
    // stage 2 counts only the windows stored after the promote: none yet
    JsonNode next = status(plan);
    assertThat(next.get("state").asText()).isEqualTo("stage 2 of 4");
    assertThat(next.get("share").asInt()).isEqualTo(25);
    assertThat(next.get("verdict").asText()).isEqualTo("continue");
    assertThat(next.at("/gate/windows").asLong()).isZero();
    assertThat(next.at("/decisions/0/reason").asText()).isEqualTo("gate ok");
    // the workbook's Monitoring sheet (the champion's run) lists the plans and the decision
    Path xlsx = dir.resolve("r.xlsx");
    CliRun.Outcome report =
        run("report", "xlsx", "--run", "1", "--out", xlsx.toString(), "--quiet");
    assertThat(report.code()).as(report.err()).isZero();
    StringBuilder cells = new StringBuilder();
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(xlsx.toFile())) {
      for (var row : book.getSheet("Monitoring")) {
        for (var cell : row) {
          cells.append(cell).append('|');
        }
      }
    }
    assertThat(cells.toString())
        .contains("Rollouts")
        .contains("hmda-deny-v2:1 vs hmda-deny-v1:1|stage 1 (5 %): promote|")
        .contains("|alice|gate ok|")
        .contains("stage 2 of 4");

    CliRun.Outcome verify = run("audit", "verify");
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    try (Workbench wb = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      assertThat(wb.auditedRecordProblems(CoveredTable.ROLLOUT_PLAN)).isEmpty();
      assertThat(wb.auditedRecordProblems(CoveredTable.ROLLOUT_DECISION)).isEmpty();
      assertThat(wb.auditEntries())
          .anySatisfy(e -> assertThat(e.action()).isEqualTo("rollout.promote"));
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:h2:file:" + home.resolve("db/assay") + ";AUTO_SERVER=TRUE", "assay", "");
        Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE rollout_decision SET decided_by = 'mallory'");
      st.executeUpdate("UPDATE rollout_plan SET max_drop = 0.5 WHERE id = " + plan);
    }
    try (Workbench wb = Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "tester")) {
      assertThat(wb.auditedRecordProblems(CoveredTable.ROLLOUT_DECISION))
          .singleElement()
          .asString()
          .contains("rollout_decision 1 was changed outside Assay");
      assertThat(wb.auditedRecordProblems(CoveredTable.ROLLOUT_PLAN))
          .singleElement()
          .asString()
          .contains("rollout_plan 1 was changed outside Assay");
    }
    assertThat(run("audit", "verify").code()).isEqualTo(1);
  }

  @Test
  void driftOrAFiredAlertInTheStagesWindowsRollsBack() throws Exception {
    CliRun.Outcome rule =
        run(
            "monitor",
            "add-rule",
            "--model",
            "hmda-deny-v1:1",
            "--name",
            "late-events",
            "--metric",
            "late",
            "--when",
            ">=",
            "--threshold",
            "0",
            "--for",
            "2");
    assertThat(rule.code()).as(rule.err()).isZero();
    long plan = createPlan("0.05");
    Path file = dir.resolve("drift.jsonl");
    MonitorEvents.append(file, stream(0, 3000, 7, 0.5));
    monitor(file);
    JsonNode s = status(plan);
    assertThat(s.get("verdict").asText()).isEqualTo("roll back");
    // the same accuracy as the promoted stream: only drift and the alerts stop it
    assertThat(s.at("/gate/accuracy/lower").asDouble()).isGreaterThanOrEqualTo(-0.05);
    assertThat(s.at("/gate/drift/0").asText()).startsWith("window 0 drifted: ").contains("pirat");
    // the rule holds from the first window and fires (once) at the second
    assertThat(s.at("/gate/alerts")).hasSize(1);
    assertThat(s.at("/gate/alerts/0/window_index").asLong()).isEqualTo(1);
    assertThat(s.at("/gate/alerts/0/rule").asText()).isEqualTo("late-events");
    assertThat(s.at("/gate/reasons").toString())
        .contains("drift in the stage's windows")
        .contains("alert rules fired in the stage's windows (1)");
  }

  @Test
  void badOptionsAreRefusedOnOneLine() throws Exception {
    String[] base = {
      "rollout", "plan", "create", "--challenger", "hmda-deny-v2:1", "--champion", "hmda-deny-v1:1"
    };
    oneLine(run(concat(base, "--stages", "5,150")), 2, "--stages 150 is out of range");
    oneLine(run(concat(base, "--stages", "50,25")), 2, "--stages: traffic shares must increase");
    oneLine(run(concat(base, "--max-drop", "2")), 2, "--max-drop 2.0 is out of range");
    oneLine(run(concat(base, "--min-events", "0")), 2, "--min-events 0 is out of range");
    oneLine(run(concat(base, "--stages", "x")), 2, "--stages");
    oneLine(
        run(
            "rollout",
            "plan",
            "create",
            "--challenger",
            "hmda-deny-v1:1",
            "--champion",
            "hmda-deny-v1:1"),
        1,
        "the challenger and the champion are the same model version");
    oneLine(
        run("rollout", "plan", "create", "--challenger", "nope:1", "--champion", "hmda-deny-v1:1"),
        1,
        "nope");
    oneLine(run("rollout", "status", "abc"), 2, "rollout plan's id");
    oneLine(run("rollout", "status"), 2, "PLAN");
    oneLine(run("rollout", "status", "99"), 1, "no rollout plan 99");
    long plan = createPlan("0.01");
    oneLine(run("rollout", "decide", "" + plan, "--by", "a", "--reason", "r"), 2, "--promote");
    oneLine(
        run(
            "rollout",
            "decide",
            "" + plan,
            "--promote",
            "--rollback",
            "--by",
            "a",
            "--reason",
            "r"),
        2,
        "mutually exclusive");
    oneLine(run("rollout", "decide", "" + plan, "--promote", "--reason", "r"), 2, "--by");
    oneLine(
        run("rollout", "decide", "" + plan, "--promote", "--by", " ", "--reason", "r"),
        1,
        "a decision needs who made it");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
