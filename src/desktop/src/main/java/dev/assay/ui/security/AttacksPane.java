package dev.assay.ui.security;

import dev.assay.core.security.AttackResult;
import dev.assay.core.security.RobustnessReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The evasion attacks of a robustness report: robust accuracy, success rate, median perturbation
 * and queries per attack and epsilon; robust accuracy per sensitive group; adversarial rows beside
 * their originals (changed values marked with the direction of the change).
 */
final class AttacksPane extends VBox {
  private final Label note = new Label("Evasion attacks have not run yet.");
  private final TableView<String[]> epsilons =
      TextTables.of(
          "attack-epsilons",
          "Attack",
          "Epsilon (sd)",
          "Robust accuracy",
          "Success rate",
          "Median perturbation",
          "Queries",
          "Group gap (robust / success)");
  private final TableView<String[]> groups = TextTables.of("attack-groups", "Attack", "Group");
  private final TableView<String[]> examples =
      TextTables.of("attack-examples", "Attack", "Row", "Version", "Class");

  AttacksPane() {
    super(8);
    setId("attacks-pane");
    note.setId("attack-note");
    note.setWrapText(true);
    note.setMinHeight(Region.USE_PREF_SIZE);
    getChildren()
        .addAll(
            note,
            epsilons,
            new Label("Robust accuracy by sensitive group at each epsilon"),
            groups,
            new Label("Adversarial rows beside the originals (smallest perturbations first)"),
            examples);
    VBox.setVgrow(epsilons, Priority.ALWAYS);
    VBox.setVgrow(examples, Priority.ALWAYS);
    epsilons.getColumns().getFirst().setPrefWidth(140);
  }

  void show(RobustnessReport report) {
    List<AttackResult> attacks = report.attacks() == null ? List.of() : report.attacks();
    List<String> notes = new ArrayList<>();
    List<String[]> epsilonRows = new ArrayList<>();
    List<String[]> groupRows = new ArrayList<>();
    List<String[]> exampleRows = new ArrayList<>();
    List<String> features = new ArrayList<>();
    List<Double> grid = new ArrayList<>();
    for (AttackResult a : attacks) {
      if (!a.completed()) {
        notes.add(a.attack() + " skipped: " + a.reason());
        continue;
      }
      notes.add(
          String.format(
              Locale.ROOT,
              "%s (%s): %d rows, clean accuracy %.3f, %,d queries (at most %,d per row of %,d),"
                  + " %.1f s",
              a.attack(),
              a.kind().replace('_', '-'),
              a.rows(),
              a.cleanAccuracy(),
              a.queriesTotal(),
              a.queriesMaxPerRow(),
              a.queryBudget(),
              a.seconds()));
      for (AttackResult.Epsilon e : a.epsilons()) {
        epsilonRows.add(
            new String[] {
              a.attack(),
              number(e.epsilon()),
              fixed(e.robustAccuracy()),
              e.successRate() == null ? "-" : percent(e.successRate()),
              e.medianPerturbation() == null ? "-" : fixed(e.medianPerturbation()),
              String.format(Locale.ROOT, "%,d", e.queries()),
              e.groupGap() == null ? "-" : fixed(e.groupGap()) + " / " + fixed(e.groupSuccessGap())
            });
      }
      if (grid.isEmpty()) {
        a.epsilons().forEach(e -> grid.add(e.epsilon()));
      }
      for (AttackResult.Group g : a.groups()) {
        List<String> cells = new ArrayList<>();
        cells.add(a.attack());
        cells.add(a.sensitive() + "=" + g.group() + (g.small() ? " (small)" : ""));
        cells.add(Integer.toString(g.rows()));
        cells.add(fixed(g.cleanAccuracy()));
        g.epsilons().forEach(ge -> cells.add(fixed(ge.robustAccuracy())));
        groupRows.add(cells.toArray(String[]::new));
      }
      for (AttackResult.Example x : a.examples()) {
        if (features.isEmpty()) {
          x.values().forEach(v -> features.add(v.feature()));
        }
        exampleRows.add(row(a.attack(), x, true));
        exampleRows.add(row(a.attack(), x, false));
      }
    }
    note.setText(
        notes.isEmpty()
            ? "No evasion attacks in this report."
            : "Perturbations are L-infinity in standard deviations of each feature. "
                + String.join("; ", notes)
                + ".");
    List<String> groupTitles = new ArrayList<>(List.of("Attack", "Group", "Rows", "Clean"));
    grid.forEach(e -> groupTitles.add("eps " + number(e)));
    TextTables.columns(groups, groupTitles);
    List<String> exampleTitles =
        new ArrayList<>(List.of("Attack", "Row", "Version", "Class", "Perturbation"));
    exampleTitles.addAll(features);
    TextTables.columns(examples, exampleTitles);
    for (TableView<String[]> table : List.of(epsilons, groups, examples)) {
      table.getColumns().getFirst().setPrefWidth(140);
    }
    epsilons.getItems().setAll(epsilonRows);
    groups.getItems().setAll(groupRows);
    examples.getItems().setAll(exampleRows);
  }

  private static String[] row(String attack, AttackResult.Example x, boolean original) {
    List<String> cells = new ArrayList<>();
    cells.add(original ? attack : "");
    cells.add(original ? Integer.toString(x.row()) : "");
    cells.add(original ? "original" : "adversarial");
    cells.add(original ? x.originalLabel() : x.adversarialLabel());
    cells.add(original ? "" : fixed(x.perturbation()));
    for (AttackResult.FeatureValue v : x.values()) {
      if (original || !x.changed().contains(v.feature())) {
        cells.add(number(original ? v.original() : v.adversarial()));
      } else {
        boolean up =
            v.original() != null && v.adversarial() != null && v.adversarial() > v.original();
        cells.add((up ? "▲ " : "▼ ") + number(v.adversarial()));
      }
    }
    return cells.toArray(String[]::new);
  }

  private static String fixed(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String percent(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  private static String number(Double v) {
    if (v == null) {
      return "";
    }
    String s = String.format(Locale.ROOT, "%.6g", v);
    if (s.contains("e") || !s.contains(".")) {
      return s;
    }
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
