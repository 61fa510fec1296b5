package dev.assay.core.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.monitor.WindowResult;
import dev.assay.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Monitoring screen and the compliance workbook read of the monitored streams: the streams
 * with their model version, and a stream's windows and fired alerts. Each read is one short
 * read-only step on the workbench's pooled connection (no transaction held, no second connection),
 * so a screen that polls while {@code assay monitor} writes does not keep the database busy.
 */
public final class MonitorReads {
  /**
   * A monitored stream.
   *
   * @param model {@code NAME:VERSION}
   * @param reference the reference dataset {@code NAME:VERSION}
   * @param source the events file or Kafka topic
   * @param windows windows stored so far
   * @param position the stream position after the last stored window
   */
  public record StreamSummary(
      long id,
      long modelVersionId,
      String model,
      String reference,
      String source,
      long windows,
      long position,
      OffsetDateTime createdAt,
      String createdBy) {}

  /** A stored window with when it was stored. */
  public record Window(long id, WindowResult result, OffsetDateTime storedAt) {}

  private static final String STREAMS =
      "SELECT s.id, s.model_version_id, m.name || ':' || m.version, d.name || ':' || d.version,"
          + " s.source, s.windows, s.position, s.created_at, s.created_by FROM monitor_stream s"
          + " JOIN model_version m ON m.id = s.model_version_id"
          + " JOIN dataset_version d ON d.id = s.reference_dataset_id";

  private final Database database;
  private final ObjectMapper json;

  public MonitorReads(Database database, ObjectMapper json) {
    this.database = database;
    this.json = json;
  }

  /** Every monitored stream, newest first; only {@code modelVersionId}'s when it is not null. */
  public List<StreamSummary> streams(Long modelVersionId) {
    return database.read(
        connection -> {
          List<StreamSummary> list = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  STREAMS
                      + (modelVersionId == null ? "" : " WHERE s.model_version_id = ?")
                      + " ORDER BY s.id DESC")) {
            if (modelVersionId != null) {
              query.setLong(1, modelVersionId);
            }
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                list.add(
                    new StreamSummary(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getObject(8, OffsetDateTime.class),
                        rs.getString(9)));
              }
            }
          }
          return list;
        });
  }

  /**
   * The stream's windows after the one stored with row id {@code afterId} (all with 0), oldest
   * first: a screen that polls reads only what is new.
   */
  public List<Window> windows(long streamId, long afterId) {
    return database.read(
        connection -> {
          List<Window> list = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT id, result_json, created_at FROM monitor_window"
                      + " WHERE stream_id = ? AND id > ? ORDER BY id")) {
            query.setLong(1, streamId);
            query.setLong(2, afterId);
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                list.add(
                    new Window(
                        rs.getLong(1),
                        read(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class)));
              }
            }
          }
          return list;
        });
  }

  private WindowResult read(String text) {
    try {
      return json.readValue(text, WindowResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored monitor window is unreadable", e);
    }
  }
}
