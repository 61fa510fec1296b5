package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.DriftReport;
import dev.assay.core.drift.DriftReportJson;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.driftreports.DriftProfileStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code assay drift --engine spark --model ...} (issue 21): the current data's drift against the
 * model version's stored reference profile computed by the Spark job ({@code DriftJob}): the job
 * reads the stored profile file and the current data, merges the partitions' summaries and runs the
 * engine's statistics on its driver; the report comes back as JSON ({@link DriftReportJson}) and is
 * stored and printed as a local one.
 */
final class DriftSpark {
  private DriftSpark() {}

  /** The drift job's spec, in the engine's JSON conventions. */
  static Map<String, Object> spec(
      Workbench workbench,
      DriftProfileStore.StoredProfile profile,
      ModelVersion version,
      DatasetVersion current,
      List<FeatureReader.Feature> columns,
      DriftSettings settings)
      throws IOException {
    String problem = workbench.driftProfiles().problem(profile);
    if (problem != null) {
      throw new AssayException(problem);
    }
    Path data = workbench.datasets().file(current).toAbsolutePath();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("job", "drift");
    spec.put("profile", workbench.driftProfiles().file(profile).toAbsolutePath().toString());
    spec.put("profile_sha256", profile.sha256());
    spec.put("data", List.of(data.toString()));
    spec.put("format", "csv");
    spec.put("delimiter", String.valueOf(SparkOptions.separator(data)));
    spec.put("features", columns);
    spec.put("settings", settings);
    spec.put("model_ref", version.ref());
    spec.put("dataset_ref", current.ref());
    return spec;
  }

  /** Runs the job on the options' master and returns its report. */
  static DriftReport run(
      SparkOptions engine,
      Workbench workbench,
      Map<String, Object> specDoc,
      PrintWriter err,
      boolean quiet)
      throws IOException, InterruptedException {
    SparkOptions.Setup setup = engine.setup();
    ObjectMapper json = Json.newMapper();
    Files.createDirectories(workbench.scratch().folder());
    Path folder = Files.createTempDirectory(workbench.scratch().folder(), "spark-drift-");
    Path spec = folder.resolve("spec.json");
    Path result = folder.resolve("result.json");
    Path log = folder.resolve("spark.log");
    Files.writeString(spec, json.writeValueAsString(specDoc));
    if (!quiet) {
      err.println("drift: Spark job on " + engine.master + " (log: " + log + ")");
      err.flush();
    }
    int code = engine.launch(setup, spec, result, log, Progress.NONE);
    if (code != 0 || !Files.isRegularFile(result)) {
      throw new AssayException(SparkOptions.failure(log, code));
    }
    JsonNode doc = json.readTree(result.toFile());
    if (!quiet) {
      JsonNode spark = doc.path("spark");
      err.printf(
          "drift: the job read %s partitions on %s%n",
          spark.path("partitions").asText("?"), spark.path("master").asText("?"));
    }
    return DriftReportJson.fromTree(doc.get("report"));
  }
}
