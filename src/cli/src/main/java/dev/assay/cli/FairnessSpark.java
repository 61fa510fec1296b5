package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.fairness.FairnessReport;
import dev.assay.core.fairness.FairnessSettings;
import dev.assay.core.fairness.StoredFairnessReport;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code assay fairness --engine spark --model ...} (issue 21): the evaluation and its fairness
 * report as one Spark job ({@code FairnessJob}): the job's evaluation is stored as a run as {@code
 * assay eval --engine spark} stores it, and the report the job computed from the partitions' merged
 * tallies is stored against that run with its audit entry, as a local report.
 */
final class FairnessSpark {
  private FairnessSpark() {}

  static StoredFairnessReport run(
      SparkOptions engine,
      Workbench workbench,
      EvaluationRequest request,
      FairnessSettings settings,
      Progress progress,
      PrintWriter err,
      boolean quiet)
      throws IOException, InterruptedException {
    ObjectMapper json = Json.newMapper();
    SparkOptions.Stored stored =
        engine.run(
            workbench,
            request,
            progress,
            err,
            quiet,
            eval -> {
              Map<String, Object> job = new LinkedHashMap<>();
              job.put("job", "fairness");
              job.put("eval", eval);
              job.put("settings", settings);
              return job;
            });
    FairnessReport computed = json.treeToValue(stored.doc().get("report"), FairnessReport.class);
    if (!quiet) {
      err.printf(
          "%nfairness: computed by the Spark job on %s (%s partitions)%n",
          stored.doc().path("spark").path("master").asText("?"),
          stored.doc().path("spark").path("partitions").asText("?"));
    }
    return workbench.fairness().store(computed, stored.result().run().id());
  }
}
