package dev.assay.core.fairness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Several fairness reports side by side (typically versions of one model on one dataset): one row
 * per attribute and disparity, and per group for the main rates, one cell per report. Makes "the
 * version without the sensitive column still shows the disparity" visible.
 *
 * @param notes one line per disparity that is unfair in some version, naming where
 */
public record VersionComparison(List<Version> versions, List<Row> rows, List<String> notes) {
  private static final List<String> GROUP_FIGURES =
      List.of("selection_rate", "favorable_rate", "tpr", "fpr", "mean_prediction", "mae");

  /** One compared report. */
  public record Version(long reportId, long runId, String model, String dataset, String verdict) {}

  /**
   * One compared figure.
   *
   * @param group the group for per-group figures, null for disparities
   */
  public record Row(String attribute, String figure, String group, List<Cell> cells) {}

  /** One report's value of a figure (NaN and a null verdict when the report lacks it). */
  public record Cell(double value, double ciLow, double ciHigh, double pValue, String verdict) {
    static final Cell ABSENT = new Cell(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);
  }

  /** Compares {@code reports} in the given order. */
  public static VersionComparison of(List<StoredFairnessReport> reports) {
    List<Version> versions = new ArrayList<>();
    Map<String, Map<String, List<Cell>>> disparities = new LinkedHashMap<>();
    Map<String, Map<String, List<Cell>>> groups = new LinkedHashMap<>();
    for (int i = 0; i < reports.size(); i++) {
      FairnessReport r = reports.get(i).report();
      versions.add(
          new Version(reports.get(i).id(), r.runId(), r.model(), r.dataset(), r.verdict()));
      for (AttributeReport a : r.attributes()) {
        for (Disparity d : a.disparities()) {
          cells(disparities, a.name(), d.metric(), reports.size())
              .set(i, new Cell(d.value(), d.ciLow(), d.ciHigh(), d.pValue(), d.verdict()));
        }
        for (GroupReport g : a.groups()) {
          for (String figure : GROUP_FIGURES) {
            if (g.metrics().containsKey(figure)) {
              Interval ci = g.intervals().getOrDefault(figure, Interval.NONE);
              cells(groups, a.name(), figure + "\u0000" + g.value(), reports.size())
                  .set(
                      i,
                      new Cell(
                          g.metric(figure),
                          ci.low(),
                          ci.high(),
                          Double.NaN,
                          g.judged() ? null : "too small"));
            }
          }
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> attributes = new LinkedHashSet<>(disparities.keySet());
    attributes.addAll(groups.keySet());
    for (String attribute : attributes) {
      disparities
          .getOrDefault(attribute, Map.of())
          .forEach(
              (metric, cells) -> {
                rows.add(new Row(attribute, metric, null, cells));
                note(attribute, metric, cells, versions).ifPresent(notes::add);
              });
      groups
          .getOrDefault(attribute, Map.of())
          .forEach(
              (key, cells) -> {
                int cut = key.indexOf('\u0000');
                rows.add(new Row(attribute, key.substring(0, cut), key.substring(cut + 1), cells));
              });
    }
    return new VersionComparison(versions, rows, notes);
  }

  private static List<Cell> cells(
      Map<String, Map<String, List<Cell>>> table, String attribute, String key, int size) {
    return table
        .computeIfAbsent(attribute, k -> new LinkedHashMap<>())
        .computeIfAbsent(
            key,
            k -> {
              List<Cell> list = new ArrayList<>();
              for (int i = 0; i < size; i++) {
                list.add(Cell.ABSENT);
              }
              return list;
            });
  }

  private static java.util.Optional<String> note(
      String attribute, String metric, List<Cell> cells, List<Version> versions) {
    List<String> unfair = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      if (Disparity.UNFAIR.equals(c.verdict())) {
        unfair.add(versions.get(i).model());
      }
      if (!Double.isNaN(c.value())) {
        values.add(String.format(Locale.ROOT, "%s %.3f", versions.get(i).model(), c.value()));
      }
    }
    if (unfair.isEmpty()) {
      return java.util.Optional.empty();
    }
    String where = unfair.size() == versions.size() ? "every version" : String.join(", ", unfair);
    return java.util.Optional.of(
        String.format(
            Locale.ROOT,
            "%s on %s is unfair in %s (%s)",
            metric.replace('_', ' '),
            attribute,
            where,
            String.join(", ", values)));
  }
}
