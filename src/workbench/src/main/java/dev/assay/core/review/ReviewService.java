package dev.assay.core.review;

import dev.assay.core.AssayException;
import dev.assay.core.Sha256;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roles and reviewer sign-off. Every OS user is an analyst unless granted the reviewer role; the
 * first reviewer may be granted by anyone (bootstrap), later grants only by a reviewer. A sign-off
 * records the hashes it covers (model file, the run's stored result); a newer completed run of the
 * model version makes it stale.
 */
public final class ReviewService {
  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;

  public ReviewService(Database database, AuditLog audit, Clock clock, String osUser) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
  }

  /** The current OS user. */
  public String currentUser() {
    return osUser;
  }

  /** A user's role; analyst unless granted otherwise. */
  public Role role(String user) {
    return database.read(connection -> role(connection, user));
  }

  private static Role role(Connection connection, String user) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT role FROM user_role WHERE os_user = ?")) {
      query.setString(1, user);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Role.of(rs.getString(1)) : Role.ANALYST;
      }
    }
  }

  /** Users with an explicit role. */
  public Map<String, Role> roles() {
    return database.read(
        connection -> {
          Map<String, Role> roles = new LinkedHashMap<>();
          try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT os_user, role FROM user_role ORDER BY os_user");
              ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
              roles.put(rs.getString(1), Role.of(rs.getString(2)));
            }
          }
          return roles;
        });
  }

  /**
   * Grants a role.
   *
   * @throws AssayException when the current user may not grant roles
   */
  public void grant(String user, Role role) {
    database.inTransaction(
        connection -> {
          boolean anyReviewer;
          try (PreparedStatement query =
                  connection.prepareStatement(
                      "SELECT COUNT(*) FROM user_role WHERE role = 'reviewer'");
              ResultSet rs = query.executeQuery()) {
            rs.next();
            anyReviewer = rs.getLong(1) > 0;
          }
          if (anyReviewer && role(connection, osUser) != Role.REVIEWER) {
            throw new AssayException(
                "only a reviewer can grant roles; " + osUser + " is an analyst");
          }
          try (PreparedStatement merge =
              connection.prepareStatement(
                  "MERGE INTO user_role (os_user, role, granted_at, granted_by) KEY (os_user)"
                      + " VALUES (?, ?, ?, ?)")) {
            merge.setString(1, user);
            merge.setString(2, role.id());
            merge.setObject(3, now());
            merge.setString(4, osUser);
            merge.executeUpdate();
          }
          audit.append(
              connection,
              "role.grant",
              "user:" + user,
              "role=" + role.id(),
              CoveredTable.USER_ROLE,
              user);
          return null;
        });
  }

  /**
   * Records a sign-off by the current user, who must be a reviewer.
   *
   * @param runId the run the decision rests on, or null for the newest completed run of the version
   * @param title the reviewer's role title as it should appear (e.g. "Model Risk Officer")
   */
  public SignOff signOff(
      ModelVersion model, Decision decision, String conditions, Long runId, String title) {
    if (decision == Decision.APPROVED_WITH_CONDITIONS
        && (conditions == null || conditions.isBlank())) {
      throw new AssayException("an approval with conditions needs the conditions (--conditions)");
    }
    long id =
        database.inTransaction(
            connection -> {
              if (role(connection, osUser) != Role.REVIEWER) {
                throw new AssayException(
                    osUser
                        + " is not a reviewer; a reviewer grants the role with"
                        + " 'assay roles grant "
                        + osUser
                        + " --role reviewer'");
              }
              Long run = runId != null ? runId : newestCompletedRun(connection, model.id());
              String resultSha = run == null ? null : resultSha(connection, run, model.id());
              String covered =
                  "{\"model\":\""
                      + model.ref()
                      + "\",\"model_sha256\":\""
                      + model.sha256()
                      + "\",\"run_id\":"
                      + run
                      + ",\"run_result_sha256\":"
                      + (resultSha == null ? "null" : "\"" + resultSha + "\"")
                      + "}";
              long newId;
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO signoff (model_version_id, reviewer, role, decision, conditions,"
                          + " signed_at, model_sha256, run_id, run_result_sha256, covered_json)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, model.id());
                insert.setString(2, osUser);
                insert.setString(3, title == null || title.isBlank() ? "reviewer" : title.strip());
                insert.setString(4, decision.id());
                insert.setString(5, conditions);
                insert.setObject(6, now());
                insert.setString(7, model.sha256());
                if (run == null) {
                  insert.setNull(8, java.sql.Types.BIGINT);
                } else {
                  insert.setLong(8, run);
                }
                insert.setString(9, resultSha);
                insert.setString(10, covered);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                  keys.next();
                  newId = keys.getLong(1);
                }
              }
              audit.append(
                  connection,
                  "signoff." + decision.id(),
                  model.ref(),
                  covered + (conditions == null ? "" : " conditions=" + conditions),
                  CoveredTable.SIGNOFF,
                  newId);
              return newId;
            });
    return signOffs(model).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
  }

  /** Sign-offs of a version, newest first, each with its staleness. */
  public List<SignOff> signOffs(ModelVersion model) {
    return database.read(
        connection -> {
          Long newest = newestCompletedRun(connection, model.id());
          List<SignOff> list = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT id, reviewer, role, decision, conditions, signed_at, model_sha256, run_id,"
                      + " run_result_sha256 FROM signoff WHERE model_version_id = ? ORDER BY id DESC")) {
            query.setLong(1, model.id());
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                long runValue = rs.getLong(8);
                Long run = rs.wasNull() ? null : runValue;
                String resultSha = rs.getString(9);
                List<String> stale = new ArrayList<>();
                if (!rs.getString(7).equals(model.sha256())) {
                  stale.add("the model file changed after the sign-off");
                }
                if (newest != null && (run == null || newest > run)) {
                  stale.add("run " + newest + " is newer than the signed-off run " + run);
                }
                if (run != null && resultSha != null) {
                  String now = resultSha(connection, run, model.id());
                  if (!resultSha.equals(now)) {
                    stale.add("the stored result of run " + run + " changed after the sign-off");
                  }
                }
                list.add(
                    new SignOff(
                        rs.getLong(1),
                        model.ref(),
                        rs.getString(2),
                        rs.getString(3),
                        Decision.of(rs.getString(4)),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant(),
                        rs.getString(7),
                        run,
                        resultSha,
                        List.copyOf(stale)));
              }
            }
          }
          return list;
        });
  }

  /** The newest sign-off of a version, if any. */
  public Optional<SignOff> current(ModelVersion model) {
    List<SignOff> all = signOffs(model);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
  }

  private static Long newestCompletedRun(Connection connection, long modelVersionId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT MAX(id) FROM eval_run WHERE model_version_id = ? AND status = 'completed'")) {
      query.setLong(1, modelVersionId);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        return rs.wasNull() ? null : id;
      }
    }
  }

  private static String resultSha(Connection connection, long runId, long modelVersionId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT result_json, model_version_id FROM eval_run WHERE id = ?")) {
      query.setLong(1, runId);
      try (ResultSet rs = query.executeQuery()) {
        if (!rs.next()) {
          throw new AssayException("no run " + runId);
        }
        if (rs.getLong(2) != modelVersionId) {
          throw new AssayException("run " + runId + " is not a run of this model version");
        }
        String json = rs.getString(1);
        if (json == null) {
          throw new AssayException("run " + runId + " did not complete");
        }
        return Sha256.ofBytes(json.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }
}
