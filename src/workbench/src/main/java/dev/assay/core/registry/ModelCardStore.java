package dev.assay.core.registry;

import dev.assay.core.AssayException;
import dev.assay.core.Sha256;
import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Model cards, one per model version, kept in the workbench database. Every save is recorded in the
 * audit trail ({@code model.card}) with the SHA-256 of the saved text, so a card shown in a
 * workbook can be matched with the entry that wrote it.
 */
public final class ModelCardStore {
  /** Longest text accepted in one field (characters). */
  public static final int MAX_FIELD_LENGTH = 20_000;

  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;

  public ModelCardStore(Database database, AuditLog audit, Clock clock, String osUser) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
  }

  /** The card of a version; {@link ModelCard#EMPTY} when none was saved. */
  public ModelCard get(ModelVersion model) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT owner, intended_use, out_of_scope, limitations, updated_at, updated_by"
                      + " FROM model_card WHERE model_version_id = ?")) {
            query.setLong(1, model.id());
            try (ResultSet rs = query.executeQuery()) {
              if (!rs.next()) {
                return ModelCard.EMPTY;
              }
              return new ModelCard(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getObject(5, OffsetDateTime.class).toInstant(),
                  rs.getString(6));
            }
          }
        });
  }

  /**
   * Saves the card's four text fields for a version (replacing the previous card) and records it in
   * the audit trail.
   *
   * @return the saved card with its time and author
   * @throws AssayException when a field is longer than {@link #MAX_FIELD_LENGTH}
   */
  public ModelCard save(ModelVersion model, ModelCard card) {
    check("owner", card.owner());
    check("intended use", card.intendedUse());
    check("out-of-scope uses", card.outOfScope());
    check("limitations", card.limitations());
    OffsetDateTime now =
        OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    database.inTransaction(
        connection -> {
          try (PreparedStatement merge =
              connection.prepareStatement(
                  "MERGE INTO model_card (model_version_id, owner, intended_use, out_of_scope,"
                      + " limitations, updated_at, updated_by) KEY (model_version_id)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            merge.setLong(1, model.id());
            merge.setString(2, card.owner());
            merge.setString(3, card.intendedUse());
            merge.setString(4, card.outOfScope());
            merge.setString(5, card.limitations());
            merge.setObject(6, now);
            merge.setString(7, osUser);
            if (merge.executeUpdate() != 1) {
              throw new AssayException("no model version " + model.ref());
            }
          }
          audit.append(
              connection,
              "model.card",
              model.ref(),
              "card_sha256=" + hash(card),
              CoveredTable.MODEL_CARD,
              model.id());
          return null;
        });
    return new ModelCard(
        card.owner(),
        card.intendedUse(),
        card.outOfScope(),
        card.limitations(),
        now.toInstant(),
        osUser);
  }

  /** SHA-256 of the card's four fields (length-prefixed, so field boundaries count). */
  public static String hash(ModelCard card) {
    StringBuilder text = new StringBuilder();
    for (String field :
        new String[] {card.owner(), card.intendedUse(), card.outOfScope(), card.limitations()}) {
      text.append(field.length()).append(':').append(field);
    }
    return Sha256.ofBytes(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void check(String field, String value) {
    if (value.length() > MAX_FIELD_LENGTH) {
      throw new AssayException(
          "the model card's "
              + field
              + " is "
              + value.length()
              + " characters; at most "
              + MAX_FIELD_LENGTH
              + " are kept");
    }
  }
}
