package dev.assay.core.explanations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.VersionExplanations;
import dev.assay.core.model.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds two stored explanations that can be compared across model versions ({@link
 * VersionExplanations}): one of each version on the same dataset, of the same data rows, in the
 * same output space, over the same background (its SHA-256). Workbench glue: the figures are the
 * engine's.
 */
public final class ExplanationPairs {
  /**
   * What a reused explanation must have been made with, as {@code assay compare --explain} would
   * make it: rows {@code firstRow .. firstRow + rowCount - 1}, a random background of {@code
   * backgroundRows} rows of the data drawn with {@code seed}, and {@code output} (null: any, the
   * same in both).
   */
  public record Settings(
      int firstRow, int rowCount, int backgroundRows, long seed, String output) {}

  /** Two stored explanations, of the first and the second version, and their documents. */
  public record Pair(long idA, JsonNode docA, long idB, JsonNode docB) {
    /** The comparison of the two. */
    public VersionExplanations.Result compare(boolean adverseHigher) {
      return VersionExplanations.compare(
          VersionExplanations.Explained.of(docA),
          VersionExplanations.Explained.of(docB),
          adverseHigher);
    }
  }

  private final ExplanationStore store;
  private final ObjectMapper json;

  public ExplanationPairs(ExplanationStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /**
   * The newest pair of stored explanations of {@code a} and {@code b} on {@code dataset} that can
   * be compared, made with {@code settings} when not null.
   */
  public Optional<Pair> stored(
      ModelVersion a, ModelVersion b, DatasetVersion dataset, Settings settings) {
    return stored(a.ref(), b.ref(), dataset.ref(), settings);
  }

  /**
   * As {@link #stored(ModelVersion, ModelVersion, DatasetVersion, Settings)}, by the versions' and
   * the dataset's references ({@code name:version}, as a comparison's report names them).
   */
  public Optional<Pair> stored(String a, String b, String dataset, Settings settings) {
    List<ExplanationStore.Summary> all = store.list(null);
    List<Candidate> first = candidates(all, a, dataset, settings);
    if (first.isEmpty()) {
      return Optional.empty();
    }
    List<Candidate> second = candidates(all, b, dataset, settings);
    for (Candidate x : first) {
      for (Candidate y : second) {
        if (x.key().equals(y.key())) {
          return Optional.of(new Pair(x.id(), x.doc(), y.id(), y.doc()));
        }
      }
    }
    return Optional.empty();
  }

  /** What must be equal in two comparable explanations. */
  private record Key(String rows, String output, String backgroundSha256) {}

  private record Candidate(long id, JsonNode doc, Key key) {}

  private List<Candidate> candidates(
      List<ExplanationStore.Summary> all, String model, String dataset, Settings settings) {
    List<Candidate> out = new ArrayList<>();
    for (ExplanationStore.Summary summary : all) {
      if (!summary.model().equals(model) || !summary.dataset().equals(dataset)) {
        continue;
      }
      JsonNode doc = read(store.get(summary.id()).json());
      JsonNode background = doc.path("background");
      List<Integer> rows = new ArrayList<>();
      doc.path("rows").forEach(r -> rows.add(r.path("row").asInt()));
      if (settings != null && !matches(doc, background, rows, settings)) {
        continue;
      }
      out.add(
          new Candidate(
              summary.id(),
              doc,
              new Key(
                  rows.toString(),
                  doc.path("output").asText(),
                  background.path("sha256").asText())));
    }
    return out;
  }

  private static boolean matches(
      JsonNode doc, JsonNode background, List<Integer> rows, Settings settings) {
    if (rows.size() != settings.rowCount()) {
      return false;
    }
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r) != settings.firstRow() + r) {
        return false;
      }
    }
    return doc.path("seed").asLong() == settings.seed()
        && background.path("mode").asText().equals("random")
        && background.path("rows").asInt() == settings.backgroundRows()
        && (settings.output() == null || settings.output().equals(doc.path("output").asText()));
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssayException("a stored explanation is not readable JSON: " + e.getMessage());
    }
  }
}
