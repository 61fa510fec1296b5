package dev.assay.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Explanations sheet's stability and adverse-action parts, read from the stored document: the
 * top-reason overlap across seeds and across two backgrounds (facts and a per-row table), the
 * denied rows' reason statements with their proxy flags, and the proxy check itself.
 */
final class ExplanationEvidence {
  private ExplanationEvidence() {}

  /** Facts on the stability of the top reasons; none when the explanation has no check. */
  static List<SectionContent.Fact> stabilityFacts(JsonNode stability) {
    List<SectionContent.Fact> facts = new ArrayList<>();
    if (stability.isMissingNode() || stability.isNull()) {
      return facts;
    }
    int k = stability.path("top_k").asInt(4);
    for (JsonNode run : stability.path("runs")) {
      facts.add(
          new SectionContent.Fact(
              "Stability, seed " + run.path("seed").asLong() + " (top " + k + " by |phi|)",
              String.format(
                  Locale.ROOT,
                  "same set on %.1f%% of rows, same first on %.1f%%, mean Jaccard %.3f",
                  100 * run.path("top_agreement").asDouble(),
                  100 * run.path("top1_agreement").asDouble(),
                  run.path("mean_jaccard").asDouble()),
              CellFormat.TEXT));
    }
    JsonNode bg = stability.path("backgrounds");
    if (!bg.isMissingNode()) {
      JsonNode second = bg.path("second");
      facts.add(
          new SectionContent.Fact(
              "Second background (same size and rule)",
              String.format(
                  Locale.ROOT,
                  "%s, %d rows, SHA-256 %s, %s",
                  second.path("mode").asText(),
                  second.path("rows").asInt(),
                  second.path("sha256").asText(),
                  bg.path("shared_rows").isNull()
                      ? "not rows of the data"
                      : bg.path("shared_rows").asInt() + " rows shared with the first"),
              CellFormat.TEXT));
      facts.add(
          new SectionContent.Fact(
              "Stability across two backgrounds: rows with the same top-" + k + " set",
              bg.path("identical_share").asDouble(),
              CellFormat.PERCENT));
      facts.add(
          new SectionContent.Fact(
              "Stability across two backgrounds: rows with the same first reason",
              bg.path("top1_share").asDouble(),
              CellFormat.PERCENT));
      facts.add(
          new SectionContent.Fact(
              "Stability across two backgrounds: mean (smallest) Jaccard index",
              String.format(
                  Locale.ROOT,
                  "%.4f (%.4f)",
                  bg.path("mean_jaccard").asDouble(),
                  bg.path("min_jaccard").asDouble()),
              CellFormat.TEXT));
      for (JsonNode note : bg.path("notes")) {
        facts.add(new SectionContent.Fact("Note", note.asText(), CellFormat.TEXT));
      }
    }
    return facts;
  }

  /** The per-row overlap across two backgrounds, or null. */
  static SectionContent.Table backgroundRows(JsonNode stability) {
    JsonNode bg = stability.path("backgrounds");
    if (bg.path("rows").size() == 0) {
      return null;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (JsonNode r : bg.path("rows")) {
      rows.add(
          Arrays.asList(
              r.path("row").asInt(),
              r.path("jaccard").asDouble(),
              names(r.path("first_top")),
              names(r.path("second_top"))));
    }
    return new SectionContent.Table(
        "Top-" + bg.path("top_k").asInt() + " features by |phi| against two backgrounds, per row",
        List.of(
            new SectionContent.Column("Row", CellFormat.INTEGER),
            new SectionContent.Column("Jaccard index", CellFormat.DECIMAL),
            new SectionContent.Column("First background", CellFormat.TEXT),
            new SectionContent.Column("Second background", CellFormat.TEXT)),
        rows);
  }

  /** The denied rows' reason statements, or null when the explanation has none. */
  static SectionContent.Table statements(JsonNode reasons) {
    if (!reasons.has("adverse_action")) {
      return null;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (JsonNode d : reasons.path("adverse_action")) {
      for (JsonNode s : d.path("reasons")) {
        JsonNode proxy = s.path("proxy");
        String flag =
            s.path("sensitive_attribute").asBoolean()
                ? "sensitive attribute"
                : proxy.isNull() || proxy.isMissingNode()
                    ? null
                    : String.format(
                        Locale.ROOT,
                        "proxy of %s (%s %.3f)",
                        proxy.path("attribute").asText(),
                        proxy.path("measure").asText(),
                        proxy.path("value").asDouble());
        rows.add(
            Arrays.asList(
                d.path("row").asInt(),
                d.path("prediction").asDouble(),
                s.path("rank").asInt(),
                s.path("text").asText(),
                s.path("feature").asText(),
                s.path("value").asDouble(),
                s.path("background_mean").asDouble(),
                s.path("contribution").asDouble(),
                flag));
      }
    }
    return new SectionContent.Table(
        "Adverse-action reasons of the "
            + reasons.path("denied_rows").asInt()
            + " denied rows (output on the adverse side of "
            + reasons.path("threshold").asDouble()
            + "; statements "
            + reasons.path("text_source").asText()
            + ")",
        List.of(
            new SectionContent.Column("Row", CellFormat.INTEGER),
            new SectionContent.Column("Output", CellFormat.DECIMAL),
            new SectionContent.Column("Rank", CellFormat.INTEGER),
            new SectionContent.Column("Reason", CellFormat.TEXT),
            new SectionContent.Column("Feature", CellFormat.TEXT),
            new SectionContent.Column("Value", CellFormat.DECIMAL),
            new SectionContent.Column("Background mean", CellFormat.DECIMAL),
            new SectionContent.Column("Contribution", CellFormat.DECIMAL),
            new SectionContent.Column("Flag", CellFormat.TEXT)),
        rows);
  }

  /** Every feature's association with each sensitive attribute, or null when none was checked. */
  static SectionContent.Table proxies(JsonNode reasons) {
    JsonNode p = reasons.path("proxies");
    if (p.path("associations").size() == 0) {
      return null;
    }
    List<List<Object>> rows = new ArrayList<>();
    for (JsonNode a : p.path("associations")) {
      rows.add(
          Arrays.asList(
              a.path("feature").asText(),
              a.path("attribute").asText(),
              a.path("measure").asText(),
              a.path("value").asDouble(),
              a.path("flagged").asBoolean() ? "proxy" : null));
    }
    return new SectionContent.Table(
        "Proxy check: "
            + p.path("measure").asText()
            + " (threshold "
            + p.path("threshold").asDouble()
            + ")",
        List.of(
            new SectionContent.Column("Feature", CellFormat.TEXT),
            new SectionContent.Column("Sensitive attribute", CellFormat.TEXT),
            new SectionContent.Column("Measure", CellFormat.TEXT),
            new SectionContent.Column("Association", CellFormat.DECIMAL),
            new SectionContent.Column("Flag", CellFormat.TEXT)),
        rows);
  }

  private static String names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return String.join(", ", out);
  }
}
