package dev.assay.core.report;

import dev.assay.core.live.RolloutStore;
import dev.assay.core.model.ModelVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rollout plans a model version is in (as challenger or champion) and the decisions taken on
 * them, as a table added to the Monitoring sheet: one row per plan (with its state) and one per
 * decision (stage, action, gate verdict, override, who, why, when).
 */
final class RolloutRows {
  private RolloutRows() {}

  /** {@code content} with a Rollouts table when the version is in a plan. */
  static SectionContent with(SectionContent content, RolloutStore store, ModelVersion model) {
    List<List<Object>> rows = new ArrayList<>();
    for (RolloutStore.StoredPlan p : store.plans()) {
      if (p.challengerVersionId() != model.id() && p.championVersionId() != model.id()) {
        continue;
      }
      RolloutStore.Status status = store.status(p.id());
      rows.add(
          Arrays.asList(
              p.id(),
              p.challenger() + " vs " + p.champion(),
              "plan: stages "
                  + p.plan().stagesText()
                  + " %, min events "
                  + p.plan().minEvents()
                  + ", max drop "
                  + p.plan().maxDrop()
                  + (p.plan().fairness() == null
                      ? ""
                      : ", fairness: " + p.plan().fairness().text()),
              status.state(),
              status.finished() ? null : status.gate().verdict(),
              null,
              p.createdBy(),
              status.finished() ? null : String.join("; ", status.gate().reasons()),
              p.createdAt().toInstant()));
      for (RolloutStore.Decision d : status.decisions()) {
        rows.add(
            Arrays.asList(
                p.id(),
                p.challenger() + " vs " + p.champion(),
                "stage "
                    + (d.stageIndex() + 1)
                    + " ("
                    + p.plan().stages().get(d.stageIndex())
                    + " %): "
                    + d.action(),
                null,
                d.gateVerdict(),
                d.overridden() ? "yes" : "no",
                d.decidedBy(),
                d.reason(),
                d.createdAt().toInstant()));
      }
    }
    if (rows.isEmpty()) {
      return content;
    }
    List<SectionContent.Column> columns =
        List.of(
            new SectionContent.Column("Plan", CellFormat.INTEGER),
            text("Challenger vs champion"),
            text("Entry"),
            text("State"),
            text("Gate verdict"),
            text("Overridden"),
            text("By"),
            text("Reason"),
            new SectionContent.Column("At", CellFormat.TIMESTAMP));
    List<SectionContent.Table> tables = new ArrayList<>(content.tables());
    tables.add(new SectionContent.Table("Rollouts", columns, rows));
    return new SectionContent(
        content.title(),
        content.reportId(),
        content.createdAt(),
        content.createdBy(),
        content.verdict(),
        content.facts(),
        tables,
        content.evidence());
  }

  private static SectionContent.Column text(String header) {
    return new SectionContent.Column(header, CellFormat.TEXT);
  }
}
