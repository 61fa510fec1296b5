package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.testing.MonitorEvents;
import dev.assay.testing.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout plan's fairness gate over the windows the real {@code assay monitor --until-end}
 * stored: demographic parity difference between the groups of the HMDA feature {@code single}
 * (marital status, a protected basis under ECOA). Each variant's predictions are its rows' own
 * {@code deny} values: over the champion's 1,500 (the even rows) the selection rates are 0.0939
 * (single = 0, 937 predictions) and 0.1314 (single = 1, 563), a difference of 0.0375; over the
 * unbiased challenger's (odd rows) 0.1128 (913) and 0.1652 (587), 0.0524: both fair against 0.1.
 * The biased challenger also denies every third single applicant it sees: 0.1128 and 0.4429, 0.3301
 * (figures counted from hmda_test.csv independently, with Python).
 */
class RolloutFairnessGateTest {
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

  /** Predictions 0..2999 with labels (every 7th wrong); odd ones the challenger's. */
  private Path stream(boolean biased) throws Exception {
    List<String> lines = new ArrayList<>();
    for (long i = 0; i < 3000; i++) {
      boolean challenger = i % 2 == 1;
      String p = events.prediction(i, 0);
      if (challenger) {
        p = p.replace("\"champion\"", "\"challenger\"");
        if (biased && p.contains("\"single\": 1.0") && (i / 2) % 3 == 0) {
          p = p.replaceAll("\"prediction\": [01]}$", "\"prediction\": 1}");
        }
      }
      lines.add(p);
      lines.add(events.label(i, i % 7 == 0));
    }
    Path file = dir.resolve(biased ? "biased.jsonl" : "unbiased.jsonl");
    MonitorEvents.append(file, lines);
    return file;
  }

  private long plan() throws Exception {
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
            "5,100",
            "--min-events",
            "1000",
            "--max-drop",
            "0.5",
            "--fairness-column",
            "single",
            "--json");
    assertThat(create.code()).as(create.err()).isZero();
    JsonNode fairness = create.json().at("/plan/fairness");
    assertThat(fairness.get("column").asText()).isEqualTo("single");
    assertThat(fairness.get("metric").asText()).isEqualTo("demographic_parity_difference");
    // assay fairness's limit and smallest judged group
    assertThat(fairness.get("threshold").asDouble()).isEqualTo(0.1);
    assertThat(fairness.get("min_group_size").asInt()).isEqualTo(20);
    return create.json().get("id").asLong();
  }

  private JsonNode monitorAndStatus(long plan, Path file) throws Exception {
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
            "500");
    assertThat(m.code()).as(m.err()).isZero();
    assertThat(m.err()).contains("counting the groups of single per variant");
    CliRun.Outcome status = run("rollout", "status", Long.toString(plan), "--json");
    assertThat(status.code()).as(status.err()).isZero();
    return status.json();
  }

  @Test
  void aChallengerBiasedAgainstSingleApplicantsIsRolledBackForFairness() throws Exception {
    long plan = plan();
    JsonNode s = monitorAndStatus(plan, stream(true));
    assertThat(s.get("verdict").asText()).as(s.toString()).isEqualTo("roll back");
    JsonNode f = s.at("/gate/fairness");
    assertThat(f.get("windows").asLong()).isEqualTo(6);
    assertThat(f.get("verdict").asText()).isEqualTo("turns unfair");
    assertThat(f.at("/champion/value").asDouble()).isCloseTo(0.0375, within(5e-4));
    assertThat(f.at("/champion/verdict").asText()).isEqualTo("fair");
    assertThat(f.at("/challenger/value").asDouble()).isCloseTo(0.3301, within(5e-4));
    assertThat(f.at("/challenger/verdict").asText()).isEqualTo("unfair");
    assertThat(f.at("/challenger/groups").toString())
        .contains("\"group\":\"1\",\"n\":587")
        .contains("\"group\":\"0\",\"n\":913");
    assertThat(s.at("/gate/reasons").toString())
        .contains(
            "fairness: the challenger's demographic_parity_difference between the groups of"
                + " 'single' is 0.3301, above 0.1, while the champion's is 0.0375");
    CliRun.Outcome text = run("rollout", "status", Long.toString(plan));
    assertThat(text.out())
        .contains("fairness: demographic_parity_difference between the groups of 'single'")
        .contains("challenger 0.3301 (unfair); turns unfair");
    CliRun.Outcome back =
        run("rollout", "decide", "" + plan, "--rollback", "--by", "alice", "--reason", "bias");
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(run("audit", "verify").code()).isZero();
  }

  @Test
  void anUnbiasedChallengerPassesTheFairnessGate() throws Exception {
    long plan = plan();
    JsonNode s = monitorAndStatus(plan, stream(false));
    JsonNode f = s.at("/gate/fairness");
    assertThat(f.get("verdict").asText()).isEqualTo("fair");
    assertThat(f.at("/champion/value").asDouble()).isCloseTo(0.0375, within(5e-4));
    assertThat(f.at("/challenger/value").asDouble()).isCloseTo(0.0524, within(5e-4));
    assertThat(s.get("verdict").asText()).as(s.toString()).isEqualTo("promote");
    assertThat(s.at("/gate/reasons/0").asText())
        .contains("demographic_parity_difference fair (single)");
  }

  @Test
  void aFairnessGateWithNoCountedGroupsContinuesAndBadFairnessOptionsAreRefused() throws Exception {
    Path file = stream(false);
    // the monitor ran before the plan existed: its windows are not the stage's and counted no
    // groups
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
    CliRun.Outcome create =
        run(
            "rollout",
            "plan",
            "create",
            "--challenger",
            "hmda-deny-v2:1",
            "--champion",
            "hmda-deny-v1:1",
            "--fairness-column",
            "single",
            "--fairness-metric",
            "equal_opportunity_difference",
            "--fairness-threshold",
            "0.05",
            "--json");
    assertThat(create.code()).as(create.err()).isZero();
    assertThat(create.json().at("/plan/fairness/threshold").asDouble()).isEqualTo(0.05);
    CliRun.Outcome status = run("rollout", "status", create.json().get("id").asText(), "--json");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.json().get("verdict").asText()).isEqualTo("continue");
    assertThat(status.json().at("/gate/fairness/verdict").asText()).isEqualTo("not judged");
    assertThat(status.json().at("/gate/reasons").toString())
        .contains("equal_opportunity_difference between the groups of 'single' cannot be judged");
    String[] base = {
      "rollout", "plan", "create", "--challenger", "hmda-deny-v2:1", "--champion", "hmda-deny-v1:1"
    };
    oneLine(
        run(concat(base, "--fairness-column", "single", "--fairness-metric", "theil_index")),
        "--fairness-metric: the fairness gate judges one of");
    oneLine(
        run(concat(base, "--fairness-threshold", "0.2")),
        "--fairness-threshold and --fairness-min-group need --fairness-column");
    oneLine(
        run(concat(base, "--fairness-column", "single", "--fairness-threshold", "2")),
        "--fairness-threshold 2.0 is out of range");
  }

  private static void oneLine(CliRun.Outcome outcome, String text) {
    assertThat(outcome.code()).as(outcome.err()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .startsWith("assay: ")
        .contains(text)
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
