package dev.assay.workbench;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Registers the sample models ({@code NAME-vVERSION.onnx}) and test datasets ({@code
 * data/*_test.csv}) of a folder the first time a workbench starts; a fact in the database remembers
 * that it was done, so later starts, and a user who removed them, are left alone.
 */
final class SampleRegistration {
  private static final Pattern SAMPLE_FILE = Pattern.compile("(.+)-v(\\d+)\\.onnx");
  private static final String SAMPLES_FACT = "samples.registered";

  private final Database database;
  private final ModelRegistry models;
  private final DatasetRegistry datasets;

  SampleRegistration(Database database, ModelRegistry models, DatasetRegistry datasets) {
    this.database = database;
    this.models = models;
    this.datasets = datasets;
  }

  List<String> registerOnce(Path samplesFolder) {
    if (samplesFolder == null || !Files.isDirectory(samplesFolder) || fact(SAMPLES_FACT) != null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(samplesFolder)) {
      for (Path file : files.sorted().toList()) {
        Matcher m = SAMPLE_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        try {
          models.importModel(
              new ImportRequest(
                  file, m.group(1), Integer.valueOf(m.group(2)), "sample model", List.of("sample")),
              Progress.NONE,
              Cancellation.NONE);
        } catch (AssayException e) {
          problems.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      problems.add("cannot list the sample models in " + samplesFolder + ": " + e.getMessage());
    }
    Path data = samplesFolder.resolve("data");
    if (Files.isDirectory(data)) {
      try (Stream<Path> files = Files.list(data)) {
        for (Path file : files.sorted().toList()) {
          if (file.getFileName().toString().endsWith("_test.csv")) {
            try {
              datasets.importDataset(file, null, Progress.NONE, Cancellation.NONE);
            } catch (AssayException e) {
              problems.add(e.getMessage());
            }
          }
        }
      } catch (IOException e) {
        problems.add("cannot list the sample datasets in " + data + ": " + e.getMessage());
      }
    }
    setFact(SAMPLES_FACT, "true");
    return problems;
  }

  private String fact(String key) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT fact_value FROM workbench_fact WHERE fact_key = ?")) {
            query.setString(1, key);
            try (ResultSet rs = query.executeQuery()) {
              return rs.next() ? rs.getString(1) : null;
            }
          }
        });
  }

  private void setFact(String key, String value) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement merge =
              connection.prepareStatement(
                  "MERGE INTO workbench_fact (fact_key, fact_value) KEY (fact_key) VALUES (?, ?)")) {
            merge.setString(1, key);
            merge.setString(2, value);
            return merge.executeUpdate();
          }
        });
  }
}
