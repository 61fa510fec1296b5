package dev.assay.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.NotFoundException;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.core.model.ModelVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Explanations sheet from the newest stored explanation of the model version (or the one
 * named): the settings (method and algorithm, output space, class, seed, background size and hash),
 * the efficiency check over the explained rows, global importance (mean |φ|, permutation
 * importance) and, when reason codes were asked for, how often each feature is a reason.
 */
public final class ExplanationSection implements WorkbookSection {
  /** The efficiency error a row may show on float32 model outputs. */
  static final double EFFICIENCY_TOLERANCE = 1e-6;

  private final ExplanationStore explanations;
  private final ObjectMapper json;

  public ExplanationSection(ExplanationStore explanations, ObjectMapper json) {
    this.explanations = explanations;
    this.json = json;
  }

  @Override
  public String sheetName() {
    return "Explanations";
  }

  @Override
  public String kind() {
    return "explanation";
  }

  @Override
  public String howToProduce(ModelVersion model) {
    return "run `assay explain --model "
        + model.ref()
        + " --data DATASET --reasons --background-stability`";
  }

  @Override
  public Optional<SectionContent> content(ModelVersion model, Long reportId) {
    ExplanationStore.Stored stored;
    if (reportId != null) {
      try {
        stored = explanations.get(reportId);
      } catch (NotFoundException e) {
        throw new AssayException("no explanation " + reportId, e);
      }
      if (!stored.summary().model().equals(model.ref())) {
        throw new AssayException(
            "explanation "
                + reportId
                + " is about "
                + stored.summary().model()
                + ", not "
                + model.ref());
      }
    } else {
      Optional<ExplanationStore.Stored> newest = explanations.latestForModelVersion(model.id());
      if (newest.isEmpty()) {
        return Optional.empty();
      }
      stored = newest.get();
    }
    JsonNode doc;
    try {
      doc = json.readTree(stored.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored explanation " + stored.summary().id() + " is unreadable", e);
    }
    return Optional.of(content(stored.summary(), doc));
  }

  static SectionContent content(ExplanationStore.Summary s, JsonNode doc) {
    List<SectionContent.Fact> facts = new ArrayList<>();
    facts.add(fact("Dataset", s.dataset(), CellFormat.TEXT));
    facts.add(fact("Method", doc.path("method").asText(), CellFormat.TEXT));
    facts.add(fact("Algorithm", doc.path("algorithm").asText(null), CellFormat.TEXT));
    facts.add(fact("Output space", doc.path("output").asText(), CellFormat.TEXT));
    facts.add(
        fact(
            "Class",
            doc.path("class").isNull() ? null : doc.path("class").asText(),
            CellFormat.TEXT));
    facts.add(fact("Seed", doc.path("seed").asLong(), CellFormat.INTEGER));
    facts.add(
        fact("Background rows", doc.path("background").path("rows").asInt(), CellFormat.INTEGER));
    JsonNode bg = doc.path("background");
    if (bg.has("mode")) {
      String mode = bg.path("mode").asText();
      if (bg.path("weighted").asBoolean()) {
        mode += " (centres weighted by their clusters' shares of the rows)";
      }
      if (bg.hasNonNull("stratified_by")) {
        mode += " (stratified by " + bg.path("stratified_by").asText() + ")";
      }
      facts.add(fact("Background mode", mode, CellFormat.TEXT));
    }
    facts.add(
        fact(
            "Background SHA-256 (float64 values)",
            doc.path("background").path("sha256").asText(),
            CellFormat.TEXT));
    facts.add(
        fact(
            "Base value (mean f over the background)",
            doc.path("base_value").asDouble(),
            CellFormat.DECIMAL));
    facts.add(fact("Rows explained", s.rows(), CellFormat.INTEGER));
    facts.add(fact("Model evaluations", doc.path("evaluations").asLong(), CellFormat.INTEGER));
    int over = 0;
    for (JsonNode row : doc.path("rows")) {
      if (row.path("efficiency_error").asDouble() > EFFICIENCY_TOLERANCE) {
        over++;
      }
    }
    facts.add(
        fact(
            "Efficiency check |sum(phi) - (f(x) - mean f(B))|, largest",
            String.format(Locale.ROOT, "%.3e", s.maxEfficiencyError()),
            CellFormat.TEXT));
    facts.add(
        fact(
            "Rows whose efficiency error exceeds " + EFFICIENCY_TOLERANCE,
            over,
            CellFormat.INTEGER));
    facts.addAll(ExplanationEvidence.stabilityFacts(doc.path("stability")));
    for (JsonNode note : doc.path("notes")) {
      facts.add(fact("Note", note.asText(), CellFormat.TEXT));
    }
    for (JsonNode warning : doc.path("warnings")) {
      facts.add(fact("Warning", warning.asText(), CellFormat.TEXT));
    }
    List<SectionContent.Table> tables = new ArrayList<>();
    tables.add(importance(doc));
    JsonNode ale = doc.path("global").path("ale");
    if (ale.path("curves").size() > 0) {
      tables.add(ale(ale, doc.path("output").asText()));
    }
    addIfAny(
        tables, DependenceTable.of(doc.path("partial_dependence"), doc.path("output").asText()));
    JsonNode reasons = doc.path("reasons");
    if (!reasons.isMissingNode() && !reasons.isNull()) {
      tables.add(frequency(reasons, s.rows()));
    }
    if (!reasons.isMissingNode() && !reasons.isNull()) {
      addIfAny(tables, ExplanationEvidence.statements(reasons));
      addIfAny(tables, ExplanationEvidence.proxies(reasons));
    }
    addIfAny(tables, ExplanationEvidence.backgroundRows(doc.path("stability")));
    JsonNode groups = doc.path("groups");
    if (groups.path("groups").size() > 0) {
      tables.add(groups(groups, doc.path("output").asText()));
    }
    String verdict =
        String.format(
            Locale.ROOT,
            "Explanation %d: %s (%s) of %d rows; efficiency %s (largest error %.1e)%s",
            s.id(),
            s.method(),
            s.output(),
            s.rows(),
            over == 0 ? "holds on every row" : "fails on " + over + " rows",
            s.maxEfficiencyError(),
            (reasons.isMissingNode() || reasons.isNull() ? "" : "; reason codes given")
                + stabilityVerdict(doc.path("stability")));
    return new SectionContent(
        "Explanation " + s.id() + ": " + s.model() + " on " + s.dataset(),
        s.id(),
        s.createdAt(),
        s.createdBy(),
        verdict,
        facts,
        tables,
        reasons.has("adverse_action")
            ? Set.of(Evidence.XAI, Evidence.REASONS)
            : Set.of(Evidence.XAI));
  }

  private static SectionContent.Table importance(JsonNode doc) {
    JsonNode global = doc.path("global");
    JsonNode meanAbs = global.path("mean_abs");
    JsonNode permutation = global.path("permutation");
    List<List<Object>> rows = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = meanAbs.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      JsonNode p = permutation.path(e.getKey());
      rows.add(
          Arrays.asList(
              e.getKey(),
              e.getValue().asDouble(),
              p.isMissingNode() ? null : p.path("mean").asDouble(),
              p.isMissingNode() ? null : p.path("std").asDouble()));
    }
    rows.sort((a, b) -> Double.compare((Double) b.get(1), (Double) a.get(1)));
    String metric = global.path("permutation_metric").asText("");
    return new SectionContent.Table(
        "Global importance",
        List.of(
            new SectionContent.Column("Feature", CellFormat.TEXT),
            new SectionContent.Column("Mean |phi|", CellFormat.DECIMAL),
            new SectionContent.Column(
                "Permutation importance" + (metric.isEmpty() ? "" : " (" + metric + ")"),
                CellFormat.DECIMAL),
            new SectionContent.Column("Permutation std", CellFormat.DECIMAL)),
        rows);
  }

  /** One row per ALE curve edge: feature, edge value, centred effect, rows in the interval. */
  private static SectionContent.Table ale(JsonNode ale, String output) {
    List<List<Object>> rows = new ArrayList<>();
    for (JsonNode curve : ale.path("curves")) {
      JsonNode grid = curve.path("grid");
      for (int k = 0; k < grid.size(); k++) {
        rows.add(
            Arrays.asList(
                curve.path("feature").asText(),
                grid.get(k).asDouble(),
                curve.path("values").get(k).asDouble(),
                k == 0 ? null : curve.path("counts").get(k - 1).asInt()));
      }
    }
    return new SectionContent.Table(
        "Accumulated local effects ("
            + output
            + ", centred to mean 0 over the explained rows; alibi's quantile grid, intervals of"
            + " more than "
            + ale.path("min_bin_points").asInt()
            + " rows)",
        List.of(
            new SectionContent.Column("Feature", CellFormat.TEXT),
            new SectionContent.Column("Interval edge", CellFormat.DECIMAL),
            new SectionContent.Column("ALE", CellFormat.DECIMAL),
            new SectionContent.Column("Rows in the interval ending here", CellFormat.INTEGER)),
        rows);
  }

  /**
   * One row per group and feature: the group's size and mean prediction, the feature's mean
   * attribution in the group and its part of the group's gap to the reference group; then the
   * group's whole gap and residual.
   */
  private static SectionContent.Table groups(JsonNode groups, String output) {
    List<List<Object>> rows = new ArrayList<>();
    for (JsonNode g : groups.path("groups")) {
      String value = g.path("value").asText();
      int n = g.path("rows").asInt();
      double mean = g.path("mean_prediction").asDouble();
      Iterator<Map.Entry<String, JsonNode>> fields = g.path("mean_attributions").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> e = fields.next();
        rows.add(
            Arrays.asList(
                value,
                n,
                mean,
                e.getKey(),
                e.getValue().asDouble(),
                g.path("gap").path("features").path(e.getKey()).asDouble()));
      }
      rows.add(
          Arrays.asList(
              value, n, mean, "(whole gap)", null, g.path("gap").path("prediction").asDouble()));
      rows.add(
          Arrays.asList(
              value, n, mean, "(residual)", null, g.path("gap").path("residual").asDouble()));
    }
    return new SectionContent.Table(
        "Attributions by "
            + groups.path("by").asText()
            + " ("
            + output
            + "): mean per group, and each group's gap in mean prediction to '"
            + groups.path("reference").asText()
            + "' split into features",
        List.of(
            new SectionContent.Column("Group", CellFormat.TEXT),
            new SectionContent.Column("Rows", CellFormat.INTEGER),
            new SectionContent.Column("Mean prediction", CellFormat.DECIMAL),
            new SectionContent.Column("Feature", CellFormat.TEXT),
            new SectionContent.Column("Mean attribution", CellFormat.DECIMAL),
            new SectionContent.Column("Part of the gap", CellFormat.DECIMAL)),
        rows);
  }

  private static SectionContent.Table frequency(JsonNode reasons, int explained) {
    List<List<Object>> rows = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = reasons.path("frequency").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      int n = e.getValue().asInt();
      rows.add(Arrays.asList(e.getKey(), n, explained == 0 ? null : (double) n / explained));
    }
    return new SectionContent.Table(
        "Reason codes: how often each feature is among a row's top "
            + reasons.path("count").asInt()
            + " reasons (adverse outcome: "
            + reasons.path("adverse").asText()
            + " output)",
        List.of(
            new SectionContent.Column("Feature", CellFormat.TEXT),
            new SectionContent.Column("Rows", CellFormat.INTEGER),
            new SectionContent.Column("Share of explained rows", CellFormat.PERCENT)),
        rows);
  }

  private static String stabilityVerdict(JsonNode stability) {
    JsonNode bg = stability.path("backgrounds");
    return bg.isMissingNode()
        ? ""
        : String.format(
            Locale.ROOT,
            "; top reasons against a second background: mean Jaccard %.2f",
            bg.path("mean_jaccard").asDouble());
  }

  private static void addIfAny(List<SectionContent.Table> tables, SectionContent.Table table) {
    if (table != null) {
      tables.add(table);
    }
  }

  private static SectionContent.Fact fact(String label, Object value, CellFormat format) {
    return new SectionContent.Fact(label, value, format);
  }
}
