package dev.assay.cli;

import dev.assay.core.drift.ChunkedDrift;
import dev.assay.core.drift.FeatureDrift;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The chunks of {@code assay drift --chunk}: JSON keys and a text table. */
final class DriftChunksDocument {
  private DriftChunksDocument() {}

  @SuppressWarnings("unchecked")
  static void add(Map<String, Object> document, ChunkedDrift.Result r) {
    Map<String, Object> settings = (Map<String, Object>) document.get("settings");
    Map<String, Object> chunking = new LinkedHashMap<>();
    chunking.put("by", r.chunking().describe());
    chunking.put("reference_chunks", r.referenceChunks());
    chunking.put("unassigned_rows", r.unassigned());
    chunking.put("bands", new java.util.TreeMap<>(r.bands()));
    chunking.put(
        "band_rule",
        "mean + 3 sd (ddof 0) of each reference chunk's effect against the whole reference");
    settings.put("chunking", chunking);
    List<Object> chunks = new ArrayList<>();
    for (ChunkedDrift.Chunk c : r.chunks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", c.label());
      m.put("rows", c.rows());
      List<Object> features = new ArrayList<>();
      for (FeatureDrift f : c.features()) {
        features.add(DriftDocument.feature(f));
      }
      m.put("features", features);
      m.put("drifted_features", c.drifted());
      m.put("drift", c.drift());
      chunks.add(m);
    }
    document.put("chunks", chunks);
    if (r.drift()) {
      document.put("drift", true);
    }
  }

  static void print(PrintWriter out, ChunkedDrift.Result r) {
    out.printf(
        "chunks (%s, %d; reference chunks for the band: %d%s):%n",
        r.chunking().describe(),
        r.chunks().size(),
        r.referenceChunks(),
        r.unassigned() > 0 ? "; rows without a date: " + r.unassigned() : "");
    for (ChunkedDrift.Chunk c : r.chunks()) {
      out.printf(
          Locale.ROOT,
          "  %-24s %,10d rows  %s%n",
          c.label(),
          c.rows(),
          c.drift() ? "DRIFT in " + String.join(", ", c.drifted()) : "no drift");
    }
  }
}
