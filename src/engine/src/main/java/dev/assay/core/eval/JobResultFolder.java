package dev.assay.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folder a Spark job run by a site's own {@code spark-submit} leaves for {@code assay runs
 * import}: {@value #PREDICTIONS} (the per-row predictions, the engine's {@link PredictionsFile})
 * written while the job runs, then {@value #RESULT} ({@code {"engine", "spark": {provenance},
 * "result": {EvaluationResult}}}) moved into place last, so a folder with a result is a finished
 * job's and a killed job leaves none.
 */
public final class JobResultFolder {
  public static final String RESULT = "result.json";
  public static final String PREDICTIONS = "predictions.pred";

  private JobResultFolder() {}

  /** What a finished job left: its engine, provenance, result, and predictions file or null. */
  public record Read(
      String engine, Map<String, Object> provenance, EvaluationResult result, Path predictions) {}

  /** Writes {@code folder/result.json} whole or not at all (a temporary file moved into place). */
  public static void writeResult(
      Path folder, String engine, Map<String, Object> provenance, Object result, ObjectMapper json)
      throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("engine", engine);
    doc.put(engine, provenance);
    doc.put("result", result);
    writeAtomically(folder.resolve(RESULT), json.writeValueAsString(doc) + "\n");
  }

  /** Writes {@code file} whole or not at all. */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Path partial = Files.createTempFile(parent, file.getFileName() + ".", ".partial");
    try {
      Files.writeString(partial, text);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Reads a job's folder.
   *
   * @throws AssayException naming what is missing or damaged
   */
  public static Read read(Path folder, ObjectMapper json) {
    if (!Files.isDirectory(folder)) {
      throw new AssayException(folder + " is not a folder (a Spark job's result folder)");
    }
    Path result = folder.resolve(RESULT);
    if (!Files.isRegularFile(result)) {
      throw new AssayException(
          folder
              + " has no "
              + RESULT
              + ": the job did not finish, or this is not a Spark job's result folder");
    }
    JsonNode doc;
    try {
      doc = json.readTree(result.toFile());
    } catch (IOException e) {
      throw new AssayException(
          result + " is damaged: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (doc == null || !doc.isObject() || !doc.path("engine").isTextual()) {
      throw new AssayException(result + " is not a job's result (no engine)");
    }
    String engine = doc.get("engine").asText();
    if (!doc.path("result").isObject() || !doc.path(engine).isObject()) {
      throw new AssayException(
          result + " is not a job's result (no 'result' or '" + engine + "' section)");
    }
    EvaluationResult read;
    Map<String, Object> provenance;
    try {
      read = json.treeToValue(doc.get("result"), EvaluationResult.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> p = json.treeToValue(doc.get(engine), Map.class);
      provenance = p;
    } catch (IOException e) {
      throw new AssayException(
          result + " is damaged: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (read == null || read.run() == null || read.task() == null) {
      throw new AssayException(result + " is damaged: its result has no run or task");
    }
    Path predictions = folder.resolve(PREDICTIONS);
    return new Read(
        engine, provenance, read, Files.isRegularFile(predictions) ? predictions : null);
  }
}
