package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Json;
import dev.assay.core.NotFoundException;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.core.model.ModelRef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay explain list} and {@code assay explain show}: stored explanations. */
final class ExplainReportsCommands {
  private ExplainReportsCommands() {}

  private static final ObjectMapper JSON =
      Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Stored explanations, newest first.")
  static final class ListCommand implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--model", paramLabel = "NAME:VERSION", description = "of this version only")
    String model;

    @Option(names = "--json", description = "print JSON")
    boolean asJson;

    ListCommand(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws Exception {
      Long versionId =
          model == null ? null : root.workbench().models().get(ModelRef.parse(model)).id();
      List<ExplanationStore.Summary> all = root.workbench().explanations().list(versionId);
      PrintWriter out = root.context().out();
      if (asJson) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ExplanationStore.Summary s : all) {
          list.add(summary(s));
        }
        out.println(JSON.writeValueAsString(list));
      } else if (all.isEmpty()) {
        out.println("no explanations stored");
      } else {
        out.printf(
            Locale.ROOT,
            "%-5s %-24s %-24s %-7s %-11s %7s %10s %-20s %s%n",
            "id",
            "model",
            "dataset",
            "method",
            "output",
            "rows",
            "max eff.",
            "created (UTC)",
            "by");
        for (ExplanationStore.Summary s : all) {
          out.printf(
              Locale.ROOT,
              "%-5d %-24s %-24s %-7s %-11s %7d %10.1e %-20s %s%n",
              s.id(),
              s.model(),
              s.dataset(),
              s.method(),
              s.output(),
              s.rows(),
              s.maxEfficiencyError(),
              s.createdAt().toString().replace('T', ' ').replaceAll("\\.\\d+", ""),
              s.createdBy());
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "One stored explanation: settings, global importance, reason codes.")
  static final class ShowCommand implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(paramLabel = "ID", description = "the explanation's id (assay explain list)")
    String idText;

    @Option(names = "--json", description = "print the stored JSON document")
    boolean asJson;

    ShowCommand(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws Exception {
      long id = OptionRanges.positiveId(idText, "an explanation");
      ExplanationStore.Stored stored;
      try {
        stored = root.workbench().explanations().get(id);
      } catch (NotFoundException e) {
        throw new AssayCommand.ExitException(1, "no explanation " + id);
      }
      PrintWriter out = root.context().out();
      JsonNode doc = JSON.readTree(stored.json());
      if (asJson) {
        Map<String, Object> shown = new LinkedHashMap<>(summary(stored.summary()));
        shown.put("document", doc);
        out.println(JSON.writeValueAsString(shown));
        out.flush();
        return 0;
      }
      ExplanationStore.Summary s = stored.summary();
      out.printf(
          Locale.ROOT,
          "Explanation %d: %s on %s, %s, %s%s, %d rows, by %s at %s%n",
          s.id(),
          s.model(),
          s.dataset(),
          s.method(),
          s.output(),
          doc.path("class").isNull() ? "" : " of class " + doc.path("class").asText(),
          s.rows(),
          s.createdBy(),
          s.createdAt());
      out.println("algorithm: " + doc.path("algorithm").asText());
      out.printf(
          Locale.ROOT,
          "background %d rows (sha256 %s), seed %d; base value %.6f; largest efficiency error"
              + " %.2e%n",
          doc.path("background").path("rows").asInt(),
          doc.path("background").path("sha256").asText(),
          doc.path("seed").asLong(),
          doc.path("base_value").asDouble(),
          s.maxEfficiencyError());
      out.printf(Locale.ROOT, "%-24s %12s%n", "feature", "mean |phi|");
      List<Map.Entry<String, JsonNode>> importance = new ArrayList<>();
      doc.path("global").path("mean_abs").fields().forEachRemaining(importance::add);
      importance.sort((a, b) -> Double.compare(b.getValue().asDouble(), a.getValue().asDouble()));
      for (Map.Entry<String, JsonNode> e : importance) {
        out.printf(Locale.ROOT, "%-24s %12.6f%n", e.getKey(), e.getValue().asDouble());
      }
      JsonNode reasons = doc.path("reasons");
      if (!reasons.isMissingNode()) {
        out.println("reason-code frequency (rows naming the feature):");
        Iterator<Map.Entry<String, JsonNode>> f = reasons.path("frequency").fields();
        while (f.hasNext()) {
          Map.Entry<String, JsonNode> e = f.next();
          out.printf(Locale.ROOT, "%-24s %12d%n", e.getKey(), e.getValue().asInt());
        }
      }
      out.flush();
      return 0;
    }
  }

  private static Map<String, Object> summary(ExplanationStore.Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("model", s.model());
    m.put("dataset", s.dataset());
    m.put("method", s.method());
    m.put("output", s.output());
    m.put("rows", s.rows());
    m.put("max_efficiency_error", s.maxEfficiencyError());
    m.put("created_at", s.createdAt().toString());
    m.put("created_by", s.createdBy());
    return m;
  }
}
