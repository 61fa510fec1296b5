package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.AssayException;
import dev.assay.core.Json;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.ImportedRuns;
import dev.assay.core.eval.JobResultFolder;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay runs ...}: runs computed elsewhere. */
@Command(
    name = "runs",
    description = "Import runs computed outside Assay (a Spark job run by spark-submit).",
    mixinStandardHelpOptions = true)
final class RunsCommand implements Runnable {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  RunsCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "choose a command: import");
  }

  @Command(
      name = "import",
      description =
          "Store a Spark job's result folder (spark-submit --class dev.assay.spark.SparkEval JAR"
              + " spec.json FOLDER) as a run: its result.json and per-row predictions, checked"
              + " against each other and against the model the job scored.")
  int importRun(
      @Parameters(paramLabel = "FOLDER") Path folder,
      @Option(
              names = "--model",
              paramLabel = "REF",
              description = "the model version (default: the one with the job's model SHA-256)")
          String model,
      @Option(
              names = "--data",
              paramLabel = "REF",
              description = "the dataset (default: the job's dataset reference)")
          String data,
      @Option(names = "--json", description = "print JSON") boolean asJson)
      throws Exception {
    JobResultFolder.Read read = JobResultFolder.read(folder, json);
    EvaluationResult computed = read.result();
    Workbench workbench = root.workbench();
    Object sha = read.provenance().get("model_sha256");
    ModelVersion version;
    if (model != null) {
      version = CliInputs.model(workbench, model);
      if (sha != null && !sha.equals(version.sha256())) {
        throw new AssayException(
            "the job scored another model (SHA-256 " + sha + ") than " + version.ref());
      }
    } else if (sha == null) {
      throw new AssayException(folder + ": the job names no model; name it with --model REF");
    } else {
      version =
          workbench
              .models()
              .findBySha(sha.toString())
              .orElseThrow(
                  () ->
                      new AssayException(
                          "the job's model (SHA-256 "
                              + sha
                              + ") is not in the workbench: import it (assay models import FILE)"));
    }
    String dataRef = data != null ? data : computed.run().dataset();
    if (dataRef == null || dataRef.isBlank()) {
      throw new AssayException(folder + ": the job names no dataset; name it with --data REF");
    }
    DatasetVersion dataset = workbench.datasets().get(dataRef);
    EvaluationRequest request =
        EvaluationRequest.builder(version, dataset, computed.run().target())
            .positiveLabel(computed.positiveLabel())
            .batchSize(computed.run().batchSize())
            .labelSource(
                "probabilities".equals(computed.labelSource())
                    ? EvaluationRequest.LabelSource.PROBABILITIES
                    : EvaluationRequest.LabelSource.LABEL_OUTPUT)
            .softmax(softmax(read.provenance(), computed))
            .build();
    ImportedRuns imported =
        new ImportedRuns(
            workbench.runs(),
            workbench.models(),
            workbench.datasets(),
            json,
            workbench.scratch().folder());
    Map<String, Object> provenance = new LinkedHashMap<>(read.provenance());
    provenance.put("imported_from", folder.toAbsolutePath().normalize().toString());
    EvaluationResult stored;
    try {
      stored =
          imported.store(
              request,
              imported.prepare(request),
              computed,
              read.engine(),
              provenance,
              read.predictions() == null ? null : copy(workbench, read.predictions()));
    } catch (AssayException e) {
      throw new AssayException("cannot import " + folder + ": " + e.getMessage(), e);
    }
    PrintWriter out = root.context().out();
    if (asJson) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "imported");
      body.put("run_id", stored.run().id());
      body.put("engine", read.engine());
      body.put("model", version.ref());
      body.put("dataset", dataset.ref());
      body.put("rows", stored.rows());
      body.put("predictions", read.predictions() != null);
      body.put("metrics", stored.metrics());
      out.println(json.writeValueAsString(body));
    } else {
      out.printf(
          "imported run %d (%s job: %s on %s, %,d rows%s)%n",
          stored.run().id(),
          read.engine(),
          version.ref(),
          dataset.ref(),
          stored.rows(),
          read.predictions() == null ? ", without per-row predictions" : "");
    }
    return 0;
  }

  /**
   * The job's --softmax: as its spec asked (provenance {@code softmax}); for a result of a job that
   * did not record it, whether the outputs it read had softmax applied.
   */
  static boolean softmax(Map<String, Object> provenance, EvaluationResult computed) {
    Object asked = provenance.get("softmax");
    if (asked instanceof Boolean b) {
      return b;
    }
    return computed.reading() != null
        && computed.reading().outputs() != null
        && computed.reading().outputs().softmax();
  }

  /** A copy of the job's predictions in the scratch folder (the store moves and deletes it). */
  private static Path copy(Workbench workbench, Path predictions) throws java.io.IOException {
    java.nio.file.Files.createDirectories(workbench.scratch().folder());
    Path copy =
        java.nio.file.Files.createTempFile(workbench.scratch().folder(), "imported-", ".pred");
    java.nio.file.Files.copy(predictions, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }
}
