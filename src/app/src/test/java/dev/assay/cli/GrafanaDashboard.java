package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.TestModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard shipped with Assay ({@code installer/grafana/assay-monitor.json}): its
 * structure and its panels' PromQL queries with Grafana's variables filled in as Grafana would.
 */
final class GrafanaDashboard {
  static final Path FILE = TestModels.repoRoot().resolve("installer/grafana/assay-monitor.json");

  /** A panel's query: the panel's title, its refId and the PromQL text. */
  record Query(String panel, String refId, String expr) {}

  private static final Pattern BUILT_IN = Pattern.compile("\\$\\{?__[a-z_]+\\}?");

  private GrafanaDashboard() {}

  static JsonNode read() throws IOException {
    return new ObjectMapper().readTree(FILE.toFile());
  }

  /** Every panel (rows' nested panels included). */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      out.add(p);
      for (JsonNode nested : p.path("panels")) {
        out.add(nested);
      }
    }
    return out;
  }

  /**
   * Every panel target's expression with {@code $model} (and {@code ${model}}) replaced by {@code
   * model} and Grafana's built-in range variables ({@code $__rate_interval}, {@code $__range}, ...)
   * by {@code range}.
   */
  static List<Query> queries(JsonNode dashboard, String model, String range) {
    List<Query> out = new ArrayList<>();
    for (JsonNode p : panels(dashboard)) {
      for (JsonNode t : p.path("targets")) {
        String expr = t.path("expr").asText();
        expr = BUILT_IN.matcher(expr).replaceAll(Matcher.quoteReplacement(range));
        expr = expr.replace("${model}", model).replace("$model", model);
        out.add(new Query(p.path("title").asText(), t.path("refId").asText(), expr));
      }
    }
    return out;
  }
}
