package dev.assay.ui.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a stored explanation says about the decisions people act on and how far its top reasons can
 * be trusted: the adverse-action statements of the denied rows ({@code assay explain --reasons},
 * JSON {@code reasons.adverse_action}) with their sensitive-attribute and proxy flags, the proxy
 * check itself ({@code reasons.proxies}), and the stability of the top reasons across seeds and
 * across two backgrounds ({@code --stability N}, {@code --background-stability}, JSON {@code
 * stability}).
 */
final class ExplanationDecisions {
  private ExplanationDecisions() {}

  /**
   * One reason of a denied row as a statement.
   *
   * @param row the 0-based data row
   * @param prediction the row's output
   * @param rank 1 for the reason that pushed most toward the adverse outcome
   * @param feature the column
   * @param text the statement from the reason-text table
   * @param value the row's value of the feature
   * @param backgroundMean the feature's mean over the background
   * @param contribution its attribution
   * @param flag "" or what the feature is: {@code sensitive attribute}, or a proxy of one with the
   *     measure (η, Cramér's V) and value, e.g. {@code afam proxy (V 0.203)}
   */
  public record Statement(
      long row,
      double prediction,
      int rank,
      String feature,
      String text,
      double value,
      double backgroundMean,
      double contribution,
      String flag) {}

  /**
   * One feature against one sensitive attribute.
   *
   * @param measure {@code correlation_ratio} (eta) or {@code cramers_v}
   * @param flagged at or above the threshold
   */
  public record Proxy(
      String feature, String attribute, String measure, double value, boolean flagged) {}

  /**
   * One stability comparison of the top reasons.
   *
   * @param against what the first run is compared with: {@code seed N} or {@code second background}
   * @param sameSet share of rows with the same top-k set
   * @param sameFirst share of rows with the same first reason
   * @param meanJaccard mean Jaccard index of the two top-k sets over the rows
   * @param minJaccard smallest Jaccard index (NaN when not stored: seed reruns)
   * @param spearman Spearman's rho of mean |phi| (NaN when undefined)
   */
  public record Agreement(
      String against,
      double sameSet,
      double sameFirst,
      double meanJaccard,
      double minJaccard,
      double spearman) {}

  /**
   * The decision and stability views.
   *
   * @param statementsSettings one line: how many rows were denied, at which threshold, where the
   *     statements come from; "" without statements
   * @param statements every denied row's statements, in row and rank order
   * @param proxySettings one line: the attributes checked, the threshold, how many flagged; ""
   *     without a proxy check
   * @param proxies every feature-attribute pair, strongest first
   * @param stabilitySettings one line: the k and the definition, with the second background's
   *     notes; "" without a check
   * @param agreement the seed reruns, then the second background
   */
  public record Decisions(
      String statementsSettings,
      List<Statement> statements,
      String proxySettings,
      List<Proxy> proxies,
      String stabilitySettings,
      List<Agreement> agreement) {}

  static Decisions of(JsonNode doc) {
    JsonNode reasons = doc.path("reasons");
    List<Statement> statements = new ArrayList<>();
    for (JsonNode row : reasons.path("adverse_action")) {
      for (JsonNode s : row.path("reasons")) {
        statements.add(
            new Statement(
                row.path("row").asLong(),
                row.path("prediction").asDouble(),
                s.path("rank").asInt(),
                s.path("feature").asText(),
                s.path("text").asText(),
                s.path("value").asDouble(),
                s.path("background_mean").asDouble(),
                s.path("contribution").asDouble(),
                flag(s)));
      }
    }
    String statementsSettings =
        reasons.has("adverse_action")
            ? String.format(
                Locale.ROOT,
                "%d denied rows (output on the adverse side of %s, %s output adverse); statements:"
                    + " %s; at most %d reasons a row",
                reasons.path("denied_rows").asInt(),
                number(reasons.path("threshold").asDouble()),
                reasons.path("adverse").asText("higher"),
                reasons.path("text_source").asText(),
                reasons.path("count").asInt())
            : "";
    JsonNode p = reasons.path("proxies");
    List<Proxy> proxies = new ArrayList<>();
    for (JsonNode a : p.path("associations")) {
      proxies.add(
          new Proxy(
              a.path("feature").asText(),
              a.path("attribute").asText(),
              a.path("measure").asText(),
              a.path("value").asDouble(),
              a.path("flagged").asBoolean()));
    }
    proxies.sort((x, y) -> Double.compare(y.value(), x.value()));
    List<String> attributes = new ArrayList<>();
    p.path("attributes").forEach(a -> attributes.add(a.asText()));
    String proxySettings = "";
    if (!p.isMissingNode()) {
      proxySettings =
          attributes.isEmpty()
              ? "No proxy check: no sensitive attribute (give --sensitive COL[,COL] or the model's"
                  + " assay.sensitive metadata)"
              : String.format(
                  Locale.ROOT,
                  "Proxy check against %s: %d of %d feature-attribute pairs at or above %s"
                      + " (correlation ratio eta for numeric features, Cramér's V for features of"
                      + " at most 10 values)",
                  String.join(", ", attributes),
                  proxies.stream().filter(Proxy::flagged).count(),
                  proxies.size(),
                  number(p.path("threshold").asDouble()));
    }
    JsonNode stability = doc.path("stability");
    List<Agreement> agreement = new ArrayList<>();
    for (JsonNode run : stability.path("runs")) {
      agreement.add(
          new Agreement(
              "seed " + run.path("seed").asLong(),
              run.path("top_agreement").asDouble(),
              run.path("top1_agreement").asDouble(),
              run.path("mean_jaccard").asDouble(),
              Double.NaN,
              number(run.path("spearman_mean_abs"))));
    }
    JsonNode bg = stability.path("backgrounds");
    if (!bg.isMissingNode()) {
      agreement.add(
          new Agreement(
              "second background",
              bg.path("identical_share").asDouble(),
              bg.path("top1_share").asDouble(),
              bg.path("mean_jaccard").asDouble(),
              bg.path("min_jaccard").asDouble(),
              number(bg.path("spearman_mean_abs"))));
    }
    String stabilitySettings = "";
    if (!stability.isMissingNode()) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "Top-%d reasons by |φ| compared with the first run (seed %d):"
                      + " per row the Jaccard index |A ∩ B| / |A ∪ B| of the two top-%d sets;"
                      + " Spearman: Spearman's ρ of mean |φ| over the features",
                  stability.path("top_k").asInt(4),
                  doc.path("seed").asLong(),
                  stability.path("top_k").asInt(4)));
      if (!bg.isMissingNode()) {
        JsonNode second = bg.path("second");
        line.append(
            String.format(
                Locale.ROOT,
                ". Second background: %s, %d rows, sha256 %s…, %s",
                second.path("mode").asText(),
                second.path("rows").asInt(),
                second.path("sha256").asText().substring(0, 12),
                bg.path("shared_rows").isNull()
                    ? "not rows of the data"
                    : bg.path("shared_rows").asInt() + " rows shared with the first"));
        for (JsonNode note : bg.path("notes")) {
          line.append(". ").append(note.asText());
        }
      }
      stabilitySettings = line.toString();
    }
    return new Decisions(
        statementsSettings,
        List.copyOf(statements),
        proxySettings,
        List.copyOf(proxies),
        stabilitySettings,
        List.copyOf(agreement));
  }

  private static String flag(JsonNode s) {
    if (s.path("sensitive_attribute").asBoolean()) {
      return "sensitive attribute";
    }
    JsonNode proxy = s.path("proxy");
    if (proxy.isMissingNode() || proxy.isNull()) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "%s proxy (%s %.3f)",
        proxy.path("attribute").asText(),
        "cramers_v".equals(proxy.path("measure").asText()) ? "V" : "η",
        proxy.path("value").asDouble());
  }

  /** The measure's name as people read it. */
  static String measure(String id) {
    return switch (id) {
      case "correlation_ratio" -> "eta";
      case "cramers_v" -> "Cramér's V";
      default -> id;
    };
  }

  /** A threshold as given: whole numbers without decimals, others as Java writes them (0.14). */
  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static double number(JsonNode v) {
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }
}
