package dev.assay.testing;

import dev.assay.core.store.WorkbenchHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a workbench has recorded, read behind the core's back: row counts straight from the H2
 * tables and the entries of the model store folder.
 *
 * @param storeEntries names under {@code <home>/store/models}, including staging folders
 */
public record RecordedState(
    long modelVersions,
    long modelFiles,
    long modelTags,
    long auditEntries,
    List<String> storeEntries) {

  /** Reads the state of the (open) workbench in {@code home}. */
  public static RecordedState of(WorkbenchHome home) {
    String url =
        "jdbc:h2:file:"
            + home.databaseDirectory().resolve("assay").toAbsolutePath()
            + ";AUTO_SERVER=TRUE";
    try (Connection connection = DriverManager.getConnection(url, "assay", "")) {
      return new RecordedState(
          count(connection, "model_version"),
          count(connection, "model_file"),
          count(connection, "model_tag"),
          count(connection, "audit_entry"),
          storeEntries(home.modelStore()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> storeEntries(Path store) {
    if (!Files.isDirectory(store)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(store)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
