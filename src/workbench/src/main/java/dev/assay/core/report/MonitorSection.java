package dev.assay.core.report;

import dev.assay.core.AssayException;
import dev.assay.core.live.AlertStore;
import dev.assay.core.live.MonitorReads;
import dev.assay.core.live.RolloutStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.monitor.WindowResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Monitoring sheet (post-market monitoring evidence) from the model version's newest monitored
 * stream (or the one named): the stream and its reference, then one row per stored window (volume,
 * labels, accuracy, drifted features, prediction drift, concept-drift signals, alerts) and one per
 * fired alert, as {@code assay monitor} stored them.
 */
public final class MonitorSection implements WorkbookSection {
  private final MonitorReads reads;
  private final AlertStore alerts;
  private final RolloutStore rollouts;

  public MonitorSection(MonitorReads reads, AlertStore alerts) {
    this(reads, alerts, null);
  }

  /** With a Rollouts table of the version's rollout plans and decisions ({@code rollouts}). */
  public MonitorSection(MonitorReads reads, AlertStore alerts, RolloutStore rollouts) {
    this.reads = reads;
    this.alerts = alerts;
    this.rollouts = rollouts;
  }

  @Override
  public String sheetName() {
    return "Monitoring";
  }

  @Override
  public String kind() {
    return "monitored stream";
  }

  @Override
  public String howToProduce(ModelVersion model) {
    return "run `assay monitor --model "
        + model.ref()
        + " --reference DATASET --file EVENTS` on the deployed version's predictions";
  }

  @Override
  public Optional<SectionContent> content(ModelVersion model, Long reportId) {
    List<MonitorReads.StreamSummary> streams = reads.streams(model.id());
    MonitorReads.StreamSummary stream;
    if (reportId != null) {
      stream =
          streams.stream()
              .filter(s -> s.id() == reportId)
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssayException("no monitored stream " + reportId + " of " + model.ref()));
    } else if (streams.isEmpty()) {
      return Optional.empty();
    } else {
      stream = streams.getFirst();
    }
    SectionContent content =
        content(stream, reads.windows(stream.id(), 0), alerts.alerts(stream.id()));
    return Optional.of(rollouts == null ? content : RolloutRows.with(content, rollouts, model));
  }

  static SectionContent content(
      MonitorReads.StreamSummary stream,
      List<MonitorReads.Window> windows,
      List<AlertStore.StoredAlert> fired) {
    long predictions = 0;
    long drifted = 0;
    long signals = 0;
    WindowResult newestAb = null;
    List<List<Object>> rows = new ArrayList<>();
    for (MonitorReads.Window w : windows) {
      WindowResult r = w.result();
      predictions += r.predictions();
      drifted += r.drifted().isEmpty() ? 0 : 1;
      signals += r.alarms().size();
      newestAb = r.ab() != null ? r : newestAb;
      List<String> names =
          fired.stream()
              .filter(a -> a.windowIndex() == r.index())
              .map(AlertStore.StoredAlert::rule)
              .toList();
      rows.add(
          Arrays.asList(
              r.index(),
              r.start(),
              r.end(),
              r.predictions(),
              r.labelled(),
              r.accuracy(),
              r.estimated() == null ? null : r.estimated().accuracy(),
              String.join(", ", r.drifted()),
              r.prediction() == null ? null : r.prediction().drift() ? "drift" : "no",
              (long) r.alarms().size(),
              String.join(", ", names),
              r.ab() == null ? null : r.ab().accuracy().difference(),
              r.ab() == null ? null : r.ab().accuracy().pValue(),
              r.ab() == null ? null : r.ab().verdict(),
              w.storedAt().toInstant()));
    }
    List<SectionContent.Fact> facts = new ArrayList<>();
    facts.add(fact("Model version", stream.model(), CellFormat.TEXT));
    facts.add(fact("Source", stream.source(), CellFormat.TEXT));
    facts.add(fact("Reference", stream.reference(), CellFormat.TEXT));
    facts.add(fact("Windows stored", (long) windows.size(), CellFormat.INTEGER));
    facts.add(fact("Predictions in windows", predictions, CellFormat.INTEGER));
    facts.add(fact("Windows with drifted features", drifted, CellFormat.INTEGER));
    facts.add(fact("Concept-drift signals", signals, CellFormat.INTEGER));
    facts.add(fact("Alerts fired", (long) fired.size(), CellFormat.INTEGER));
    if (newestAb != null) {
      facts.add(
          fact(
              "A/B test",
              String.format(
                  java.util.Locale.ROOT,
                  "%s after window %d (mixture SPRT, alpha %s: the chance of ever stopping when"
                      + " the variants do not differ is at most alpha); accuracy challenger minus"
                      + " champion %s, always-valid p %.3g, %d/%d labelled",
                  newestAb.ab().verdict(),
                  newestAb.index(),
                  newestAb.ab().test().alpha(),
                  newestAb.ab().accuracy().difference() == null
                      ? "not yet known"
                      : String.format(
                          java.util.Locale.ROOT, "%+.4f", newestAb.ab().accuracy().difference()),
                  newestAb.ab().accuracy().pValue(),
                  newestAb.ab().accuracy().nChampion(),
                  newestAb.ab().accuracy().nChallenger()),
              CellFormat.TEXT));
    }
    facts.add(
        fact(
            "Method",
            "Each window's features are compared with the reference as a drift report compares"
                + " them (same tests, thresholds and correction); accuracy counts the predictions"
                + " whose label had arrived when the window closed.",
            CellFormat.TEXT));
    List<SectionContent.Column> windowColumns =
        List.of(
            integer("Window"),
            new SectionContent.Column("Start", CellFormat.TIMESTAMP),
            new SectionContent.Column("End", CellFormat.TIMESTAMP),
            integer("Predictions"),
            integer("Labelled"),
            new SectionContent.Column("Accuracy", CellFormat.PERCENT),
            new SectionContent.Column("Estimated accuracy (CBPE)", CellFormat.PERCENT),
            text("Drifted features"),
            text("Prediction drift"),
            integer("Concept-drift signals"),
            text("Alerts"),
            new SectionContent.Column("A/B accuracy difference", CellFormat.DECIMAL),
            new SectionContent.Column("A/B always-valid p", CellFormat.DECIMAL),
            text("A/B verdict"),
            new SectionContent.Column("Stored at", CellFormat.TIMESTAMP));
    List<List<Object>> alertRows = new ArrayList<>();
    for (AlertStore.StoredAlert a : fired) {
      alertRows.add(Arrays.asList(a.rule(), a.metric(), a.windowIndex(), a.value()));
    }
    List<SectionContent.Column> alertColumns =
        List.of(
            text("Rule"),
            text("Metric"),
            integer("Window"),
            new SectionContent.Column("Value", CellFormat.DECIMAL));
    String verdict =
        String.format(
            java.util.Locale.ROOT,
            "Stream %d (%s on %s): %d window%s, %d with drifted features, %d alert%s fired.",
            stream.id(),
            stream.model(),
            stream.source(),
            windows.size(),
            windows.size() == 1 ? "" : "s",
            drifted,
            fired.size(),
            fired.size() == 1 ? "" : "s");
    return new SectionContent(
        "Monitored stream " + stream.id() + ": " + stream.model() + " on " + stream.source(),
        stream.id(),
        stream.createdAt().toInstant(),
        stream.createdBy(),
        verdict,
        facts,
        List.of(
            new SectionContent.Table("Windows", windowColumns, rows),
            new SectionContent.Table("Alerts", alertColumns, alertRows)),
        Set.of(Evidence.MON));
  }

  private static SectionContent.Fact fact(String label, Object value, CellFormat format) {
    return new SectionContent.Fact(label, value, format);
  }

  private static SectionContent.Column text(String header) {
    return new SectionContent.Column(header, CellFormat.TEXT);
  }

  private static SectionContent.Column integer(String header) {
    return new SectionContent.Column(header, CellFormat.INTEGER);
  }
}
