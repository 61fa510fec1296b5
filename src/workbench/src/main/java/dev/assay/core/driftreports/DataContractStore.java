package dev.assay.core.driftreports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.drift.DataContract;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.Rows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Data contracts kept with a model version (table {@code data_contract}, V18): each save is a new
 * revision with an audit entry ({@code contract.save}) covering the row, in one transaction;
 * revisions are never updated.
 */
public final class DataContractStore {
  /**
   * A stored revision.
   *
   * @param id the row
   * @param modelVersionId the model version
   * @param revision 1, 2, ... per model version
   * @param source where it came from ("inferred from D", "file NAME")
   * @param sha256 of the stored JSON text
   * @param contract the contract
   */
  public record Stored(
      long id,
      long modelVersionId,
      int revision,
      String source,
      String sha256,
      Instant createdAt,
      String createdBy,
      DataContract contract) {}

  private final Database database;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final Clock clock;
  private final String osUser;

  public DataContractStore(
      Database database, AuditLog audit, ObjectMapper json, Clock clock, String osUser) {
    this.database = database;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
    this.osUser = osUser;
  }

  /**
   * Stores {@code contract} as the next revision of the model version's contract.
   *
   * @param datasetId the dataset it was inferred from, or null
   * @return the stored revision
   */
  public Stored save(
      long modelVersionId, String modelRef, DataContract contract, String source, Long datasetId) {
    String text;
    try {
      text = json.writeValueAsString(contract);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the contract: " + e.getMessage(), e);
    }
    String sha = sha256(text);
    Instant now = clock.instant();
    String from = source.length() > 1000 ? source.substring(0, 997) + "..." : source;
    return database.inTransaction(
        connection -> {
          int revision =
              Rows.first(
                          connection,
                          "SELECT COALESCE(MAX(revision), 0) FROM data_contract"
                              + " WHERE model_version_id = ?",
                          rs -> rs.getInt(1),
                          modelVersionId)
                      .orElseThrow()
                  + 1;
          long id =
              Rows.insert(
                  connection,
                  "INSERT INTO data_contract (model_version_id, revision, source, dataset_id,"
                      + " contract_json, contract_sha256, created_at, created_by)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  modelVersionId,
                  revision,
                  from,
                  datasetId,
                  text,
                  sha,
                  OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                  osUser);
          audit.append(
              connection,
              "contract.save",
              "contract:" + id,
              "model=" + modelRef + " revision=" + revision + " sha256=" + sha + " " + from,
              CoveredTable.DATA_CONTRACT,
              id);
          return new Stored(id, modelVersionId, revision, from, sha, now, osUser, contract);
        });
  }

  /** The newest revision of the model version's contract, if it has one. */
  public Optional<Stored> latest(long modelVersionId) {
    return database.read(
        connection ->
            Rows.first(
                connection,
                "SELECT id, revision, source, contract_sha256, created_at, created_by,"
                    + " contract_json FROM data_contract WHERE model_version_id = ?"
                    + " ORDER BY revision DESC LIMIT 1",
                rs -> stored(rs, modelVersionId),
                modelVersionId));
  }

  private Stored stored(ResultSet rs, long modelVersionId) throws SQLException {
    String text = rs.getString(7);
    if (!sha256(text).equals(rs.getString(4))) {
      throw new IllegalStateException(
          "stored contract " + rs.getLong(1) + " does not match its SHA-256");
    }
    DataContract contract;
    try {
      contract = json.readValue(text, DataContract.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored contract " + rs.getLong(1) + " is unreadable", e);
    }
    return new Stored(
        rs.getLong(1),
        modelVersionId,
        rs.getInt(2),
        rs.getString(3),
        rs.getString(4),
        rs.getObject(5, OffsetDateTime.class).toInstant(),
        rs.getString(6),
        contract);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
