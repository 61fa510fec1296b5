package dev.assay.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Sha256;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.inference.OutputsUsed;
import dev.assay.core.inference.TargetMap;
import dev.assay.core.store.ContentStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sheet 7: what a run needs to be reproduced: the SHA-256 of the model, the dataset and the stored
 * configuration; Assay, ONNX Runtime, JDK and OS versions; the execution provider; run id and
 * times; and the command line that repeats it.
 */
final class ProvenanceSheet {
  static final String NAME = "Provenance";

  private ProvenanceSheet() {}

  static void write(SheetWriter w, ReportInputs in, Anchors anchors, ObjectMapper json) {
    EvaluationResult.Run run = in.result().run();
    w.title("Provenance of run " + in.run().id());
    w.note(
        "Hashes are SHA-256 of the bytes stored in the workbench; the configuration hash is over"
            + " the configuration JSON exactly as stored with the run (shown below).");
    w.blank();
    int header = w.header(List.of("Artefact", "Name", "SHA-256", "Bytes", "Role"));
    anchors.put(Evidence.PROV, w.reference(header, 0));
    List<CellFormat> formats =
        List.of(
            CellFormat.TEXT, CellFormat.TEXT, CellFormat.TEXT, CellFormat.INTEGER, CellFormat.TEXT);
    int last = header;
    for (ContentStore.StoredFile f : in.modelFiles()) {
      last =
          w.row(
              List.of(
                  "Model " + in.model().ref(),
                  f.relativePath(),
                  f.sha256(),
                  f.sizeBytes(),
                  f.role()),
              formats);
    }
    last =
        w.row(
            List.of(
                "Dataset " + in.dataset().ref(),
                in.dataset().fileName(),
                in.dataset().sha256(),
                in.dataset().sizeBytes(),
                "test data"),
            formats);
    last = document(w, "Configuration", "config_json", in.documents().configJson(), formats);
    last =
        document(w, "Environment", "environment_json", in.documents().environmentJson(), formats);
    last = document(w, "Stored result", "result_json", in.run().resultJson(), formats);
    w.table(header, last, 5, true);
    w.blank();

    JsonNode env = read(json, in.documents().environmentJson());
    w.subtitle("Software and hardware of the run");
    w.fact("Assay version (run)", run.assayVersion(), CellFormat.TEXT);
    w.fact("Assay version (this export)", in.assayVersion(), CellFormat.TEXT);
    w.fact("ONNX Runtime", run.onnxRuntimeVersion(), CellFormat.TEXT);
    w.fact("JDK", run.jdk() + " (" + env.path("jdk_vendor").asText("?") + ")", CellFormat.TEXT);
    w.fact("Operating system", run.os() + " " + env.path("arch").asText(""), CellFormat.TEXT);
    w.fact("Providers available", env.path("providers_available").toString(), CellFormat.TEXT);
    w.fact("Provider requested", run.providerRequested(), CellFormat.TEXT);
    w.fact("Provider used", run.provider(), CellFormat.TEXT);
    w.fact("Batch size", run.batchSize(), CellFormat.INTEGER);
    w.fact("Threads (0 = ONNX Runtime default)", run.threads(), CellFormat.INTEGER);
    w.blank();
    w.subtitle("Run");
    w.fact("Run id", in.run().id(), CellFormat.INTEGER);
    w.fact("Status", in.run().status().id(), CellFormat.TEXT);
    w.fact("Started by", in.run().startedBy(), CellFormat.TEXT);
    w.fact("Started (UTC)", run.startedAt(), CellFormat.TIMESTAMP);
    w.fact("Ended (UTC)", run.endedAt(), CellFormat.TIMESTAMP);
    w.fact("Wall time (s)", run.wallSeconds(), CellFormat.DECIMAL);
    w.fact("Rows per second", run.rowsPerSecond(), CellFormat.INTEGER);
    w.fact("Batch latency p50 (ms)", run.latencyP50Ms(), CellFormat.DECIMAL);
    w.fact("Batch latency p95 (ms)", run.latencyP95Ms(), CellFormat.DECIMAL);
    w.fact("Batch latency p99 (ms)", run.latencyP99Ms(), CellFormat.DECIMAL);
    w.fact("Peak heap in use (MiB)", run.peakHeapBytes() / (1024.0 * 1024), CellFormat.DECIMAL);
    w.fact("Rows evaluated", in.result().rows(), CellFormat.INTEGER);
    w.fact("Rows skipped", in.result().skippedRows(), CellFormat.INTEGER);
    w.fact("Binding source", in.result().bindingSource(), CellFormat.TEXT);
    w.fact("Bound columns", String.join(", ", in.result().binding().columns()), CellFormat.TEXT);
    EvaluationResult.Reading reading = in.result().reading();
    if (reading != null) {
      OutputsUsed used = reading.outputs();
      if (used.probabilities() != null) {
        w.fact(
            used.scoresOnly() ? "Scores from (no probabilities)" : "Probabilities from",
            used.probabilities() + ": " + used.probabilitiesReason(),
            CellFormat.TEXT);
      }
      if (used.label() != null) {
        w.fact("Labels from", used.label() + ": " + used.labelReason(), CellFormat.TEXT);
      }
      w.fact("Outputs chosen", reading.outputsSource(), CellFormat.TEXT);
      w.fact(
          "Target map",
          reading.targetMap().isEmpty()
              ? "none"
              : new TargetMap(reading.targetMap()) + " (" + reading.targetMapSource() + ")",
          CellFormat.TEXT);
      if (reading.probabilityCheck() != null && reading.probabilityCheck().invalid() > 0) {
        w.fact(
            "Rows not a distribution",
            reading.probabilityCheck().invalid() + " of " + reading.probabilityCheck().checked(),
            CellFormat.TEXT);
      }
    }
    w.blank();
    w.subtitle("Reproduce");
    w.longFact("Command", command(in));
    w.longFact("Configuration JSON", in.documents().configJson());
    w.longFact("Environment JSON", in.documents().environmentJson());
    w.fitColumns();
    w.protect();
  }

  private static int document(
      SheetWriter w, String artefact, String name, String text, List<CellFormat> formats) {
    byte[] bytes = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    return w.row(
        List.of(artefact, name, Sha256.ofBytes(bytes), bytes.length, "stored with the run"),
        formats);
  }

  /** The {@code assay eval} command line that repeats the run on the same stored inputs. */
  static String command(ReportInputs in) {
    EvaluationResult r = in.result();
    List<String> parts =
        new ArrayList<>(
            Arrays.asList(
                "assay eval",
                "--model " + in.model().ref(),
                "--data " + in.dataset().ref(),
                "--target " + quote(in.run().target())));
    if (r.binding().inputs().size() == 1 && r.binding().inputs().getFirst().rank() == 2) {
      parts.add("--features " + quote(String.join(",", r.binding().columns())));
    }
    if (r.positiveLabel() != null) {
      parts.add("--positive-label " + quote(r.positiveLabel()));
    }
    parts.add(
        "--label-source " + ("scores".equals(r.labelSource()) ? "probabilities" : r.labelSource()));
    // what Assay chose (or the model's metadata says) is chosen again; a user's choice is repeated
    if (r.reading() != null && !r.reading().outputsSource().equals("automatic")) {
      OutputsUsed used = r.reading().outputs();
      if (used.probabilities() != null) {
        parts.add("--probabilities-output " + quote(used.probabilities()));
      }
      if (used.label() != null) {
        parts.add("--label-output " + quote(used.label()));
      }
    }
    if (r.reading() != null
        && !r.reading().targetMap().isEmpty()
        && !r.reading().targetMapSource().equals("model metadata")) {
      parts.add("--target-map " + quote(new TargetMap(r.reading().targetMap()).toString()));
    }
    parts.add("--ep " + r.run().providerRequested());
    parts.add("--batch " + r.run().batchSize());
    if (in.documents().configJson() != null
        && in.documents().configJson().replace(" ", "").contains("\"softmax\":true")) {
      parts.add("--softmax");
    }
    if (r.run().threads() > 0) {
      parts.add("--threads " + r.run().threads());
    }
    return String.join(" ", parts);
  }

  private static String quote(String value) {
    return value.matches("[A-Za-z0-9_.,:/-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
  }

  private static JsonNode read(ObjectMapper json, String text) {
    try {
      return json.readTree(text == null ? "{}" : text);
    } catch (java.io.IOException e) {
      return json.createObjectNode();
    }
  }
}
