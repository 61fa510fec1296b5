package dev.assay.core.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.monitor.RolloutGate;
import dev.assay.core.monitor.RolloutPlan;
import dev.assay.core.monitor.WindowResult;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Rollout plans ({@code rollout_plan}) and the decisions taken on their stages ({@code
 * rollout_decision}), each written with an audit entry that covers its row. Neither is ever
 * updated: a plan's current stage and state follow from its decisions, and its gate is evaluated
 * over the monitor windows stored since the stage began ({@link RolloutGate}).
 */
public final class RolloutStore {
  public static final String PROMOTE = "promote";
  public static final String ROLLBACK = "rollback";

  /** A stored plan with its model versions as {@code NAME:VERSION}. */
  public record StoredPlan(
      long id,
      long challengerVersionId,
      String challenger,
      long championVersionId,
      String champion,
      RolloutPlan plan,
      long startWindowId,
      OffsetDateTime createdAt,
      String createdBy) {}

  /** A decision on a stage: {@code promote} or {@code rollback}, by whom and why. */
  public record Decision(
      long id,
      long planId,
      int stageIndex,
      String action,
      String gateVerdict,
      boolean overridden,
      String decidedBy,
      String reason,
      long afterWindowId,
      OffsetDateTime createdAt,
      String createdBy) {}

  /**
   * Where a plan stands.
   *
   * @param state {@code stage N of M}, {@code complete} or {@code rolled back}
   * @param stageIndex the current stage (0-based; the number of stages when complete)
   * @param streamId the monitored stream the gate reads (the newest of either version's), or null
   * @param gate the current stage's gate, or null when the plan is finished
   */
  public record Status(
      StoredPlan plan,
      List<Decision> decisions,
      String state,
      int stageIndex,
      Long streamId,
      RolloutGate.Evaluation gate) {
    public boolean finished() {
      return gate == null;
    }
  }

  private static final String PLAN =
      "SELECT p.id, p.challenger_version_id, c.name || ':' || c.version, p.champion_version_id,"
          + " h.name || ':' || h.version, p.stages, p.min_events, p.max_drop, p.start_window_id,"
          + " p.created_at, p.created_by, p.fairness_column, p.fairness_metric,"
          + " p.fairness_threshold, p.fairness_min_group FROM rollout_plan p"
          + " JOIN model_version c ON c.id = p.challenger_version_id"
          + " JOIN model_version h ON h.id = p.champion_version_id";

  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ObjectMapper json;
  private final MonitorReads reads;
  private final AlertStore alerts;

  public RolloutStore(
      Database database,
      AuditLog audit,
      Clock clock,
      String osUser,
      ObjectMapper json,
      AlertStore alerts) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.json = json;
    this.reads = new MonitorReads(database, json);
    this.alerts = alerts;
  }

  /** Stores a plan of {@code challengerVersionId} against {@code championVersionId}. */
  public StoredPlan create(long challengerVersionId, long championVersionId, RolloutPlan plan) {
    if (challengerVersionId == championVersionId) {
      throw new AssayException("the challenger and the champion are the same model version");
    }
    RolloutPlan.FairnessGate fair = plan.fairness();
    long id =
        database.inTransaction(
            connection -> {
              long key =
                  Rows.insert(
                      connection,
                      "INSERT INTO rollout_plan (challenger_version_id, champion_version_id,"
                          + " stages, min_events, max_drop, start_window_id, created_at,"
                          + " created_by, fairness_column, fairness_metric, fairness_threshold,"
                          + " fairness_min_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      challengerVersionId,
                      championVersionId,
                      plan.stagesText(),
                      plan.minEvents(),
                      plan.maxDrop(),
                      newestWindow(connection),
                      now(),
                      osUser,
                      fair == null ? null : fair.column(),
                      fair == null ? null : fair.metric(),
                      fair == null ? null : fair.threshold(),
                      fair == null ? null : fair.minGroupSize());
              audit.append(
                  connection,
                  "rollout.plan",
                  "rollout-plan:" + key,
                  "challenger="
                      + challengerVersionId
                      + " champion="
                      + championVersionId
                      + " stages="
                      + plan.stagesText()
                      + " min_events="
                      + plan.minEvents()
                      + " max_drop="
                      + plan.maxDrop()
                      + (fair == null
                          ? ""
                          : " fairness="
                              + fair.metric()
                              + " column="
                              + fair.column()
                              + " threshold="
                              + fair.threshold()
                              + " min_group="
                              + fair.minGroupSize()),
                  CoveredTable.ROLLOUT_PLAN,
                  key);
              return key;
            });
    return plan(id);
  }

  /** The plan with id {@code id}; refused when there is none. */
  public StoredPlan plan(long id) {
    return database
        .read(connection -> Rows.first(connection, PLAN + " WHERE p.id = ?", this::plan, id))
        .orElseThrow(() -> new AssayException("no rollout plan " + id));
  }

  /** Every plan, newest first. */
  public List<StoredPlan> plans() {
    return database.read(
        connection -> Rows.list(connection, PLAN + " ORDER BY p.id DESC", this::plan));
  }

  private StoredPlan plan(java.sql.ResultSet rs) throws SQLException {
    return new StoredPlan(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getString(5),
        new RolloutPlan(
            RolloutPlan.parseStages(rs.getString(6)),
            rs.getLong(7),
            rs.getDouble(8),
            rs.getString(12) == null
                ? null
                : new RolloutPlan.FairnessGate(
                    rs.getString(12), rs.getString(13), rs.getDouble(14), rs.getInt(15))),
        rs.getLong(9),
        rs.getObject(10, OffsetDateTime.class),
        rs.getString(11));
  }

  /** The plan's decisions, oldest first. */
  public List<Decision> decisions(long planId) {
    return database.read(connection -> decisions(connection, planId));
  }

  private static List<Decision> decisions(Connection connection, long planId) throws SQLException {
    return Rows.list(
        connection,
        "SELECT id, plan_id, stage_index, action, gate_verdict, overridden, decided_by, reason,"
            + " after_window_id, created_at, created_by FROM rollout_decision WHERE plan_id = ?"
            + " ORDER BY id",
        rs ->
            new Decision(
                rs.getLong(1),
                rs.getLong(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getBoolean(6),
                rs.getString(7),
                rs.getString(8),
                rs.getLong(9),
                rs.getObject(10, OffsetDateTime.class),
                rs.getString(11)),
        planId);
  }

  /** Where plan {@code id} stands, with its current stage's gate over the stored windows. */
  public Status status(long id) {
    StoredPlan plan = plan(id);
    List<Decision> decisions = decisions(id);
    int stages = plan.plan().stages().size();
    int stage = 0;
    long after = plan.startWindowId();
    for (Decision d : decisions) {
      if (d.action().equals(ROLLBACK)) {
        return new Status(plan, decisions, "rolled back", d.stageIndex(), null, null);
      }
      stage = d.stageIndex() + 1;
      after = d.afterWindowId();
    }
    if (stage >= stages) {
      return new Status(plan, decisions, "complete", stages, null, null);
    }
    Long stream = stream(plan);
    List<WindowResult> windows = new ArrayList<>();
    List<RolloutGate.FiredAlert> fired = new ArrayList<>();
    if (stream != null) {
      java.util.Set<Long> indexes = new java.util.HashSet<>();
      for (MonitorReads.Window w : reads.windows(stream, after)) {
        windows.add(w.result());
        indexes.add(w.result().index());
      }
      for (AlertStore.StoredAlert a : alerts.alerts(stream)) {
        if (indexes.contains(a.windowIndex())) {
          fired.add(new RolloutGate.FiredAlert(a.rule(), a.metric(), a.windowIndex(), a.value()));
        }
      }
    }
    String state = "stage " + (stage + 1) + " of " + stages;
    return new Status(
        plan, decisions, state, stage, stream, RolloutGate.evaluate(plan.plan(), windows, fired));
  }

  /**
   * The sensitive columns of the unfinished plans with a fairness gate in which {@code versionId}
   * is the challenger or the champion: what {@code assay monitor} counts per group.
   */
  public List<String> sensitiveColumns(long versionId) {
    java.util.Set<String> columns = new java.util.LinkedHashSet<>();
    for (StoredPlan p : plans()) {
      if (p.plan().fairness() != null
          && (p.challengerVersionId() == versionId || p.championVersionId() == versionId)
          && !finished(p)) {
        columns.add(p.plan().fairness().column());
      }
    }
    return List.copyOf(columns);
  }

  private boolean finished(StoredPlan p) {
    List<Decision> decided = decisions(p.id());
    return decided.size() >= p.plan().stages().size()
        || decided.stream().anyMatch(d -> d.action().equals(ROLLBACK));
  }

  /** The newest monitored stream of either version, or null. */
  private Long stream(StoredPlan plan) {
    Long newest = null;
    for (long version : new long[] {plan.challengerVersionId(), plan.championVersionId()}) {
      for (MonitorReads.StreamSummary s : reads.streams(version)) {
        if (newest == null || s.id() > newest) {
          newest = s.id();
        }
      }
    }
    return newest;
  }

  /**
   * Records a decision on the plan's current stage, with its gate's verdict and evidence.
   *
   * @throws AssayException when the plan is finished, or a promote goes against a gate that says
   *     roll back without {@code override}
   */
  public Decision decide(
      long planId, boolean promote, String decidedBy, String reason, boolean override) {
    if (decidedBy == null || decidedBy.isBlank() || reason == null || reason.isBlank()) {
      throw new AssayException("a decision needs who made it (--by) and a reason (--reason)");
    }
    Status status = status(planId);
    if (status.finished()) {
      throw new AssayException("rollout plan " + planId + " is already " + status.state());
    }
    String verdict = status.gate().verdict();
    if (promote && verdict.equals(RolloutGate.ROLL_BACK) && !override) {
      throw new AssayException(
          "the gate says roll back ("
              + String.join("; ", status.gate().reasons())
              + "); promote anyway only with --override");
    }
    String evidence;
    try {
      evidence = json.writeValueAsString(status.gate());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String action = promote ? PROMOTE : ROLLBACK;
    long id =
        database.inTransaction(
            connection -> {
              if (decisions(connection, planId).size() != status.decisions().size()) {
                throw new AssayException(
                    "rollout plan " + planId + " was decided meanwhile; look at its status again");
              }
              long key =
                  Rows.insert(
                      connection,
                      "INSERT INTO rollout_decision (plan_id, stage_index, action, gate_verdict,"
                          + " overridden, decided_by, reason, evidence_json, after_window_id,"
                          + " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      planId,
                      status.stageIndex(),
                      action,
                      verdict,
                      promote && override && verdict.equals(RolloutGate.ROLL_BACK),
                      decidedBy,
                      reason,
                      evidence,
                      newestWindow(connection),
                      now(),
                      osUser);
              audit.append(
                  connection,
                  "rollout." + action,
                  "rollout-plan:" + planId,
                  "stage="
                      + (status.stageIndex() + 1)
                      + " gate="
                      + verdict
                      + " by="
                      + decidedBy
                      + (override ? " override" : "")
                      + " reason="
                      + reason,
                  CoveredTable.ROLLOUT_DECISION,
                  key);
              return key;
            });
    return decisions(planId).stream().filter(d -> d.id() == id).findFirst().orElseThrow();
  }

  private static long newestWindow(Connection connection) throws SQLException {
    return Rows.first(
            connection, "SELECT COALESCE(MAX(id), 0) FROM monitor_window", rs -> rs.getLong(1))
        .orElse(0L);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
  }
}
