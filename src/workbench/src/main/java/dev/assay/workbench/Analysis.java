package dev.assay.workbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.compare.ComparisonStore;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.core.eval.RunStore;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.core.fairness.FairnessStore;
import dev.assay.core.live.MonitorStore;
import dev.assay.core.report.ComparisonSection;
import dev.assay.core.report.DriftSection;
import dev.assay.core.report.ExplanationSection;
import dev.assay.core.report.FairnessSection;
import dev.assay.core.report.SecuritySection;
import dev.assay.core.report.WorkbookSection;
import dev.assay.core.security.SecurityReports;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyses Assay runs on a model version, each named once with where it lives: the store its
 * results are kept in, its sheet in the compliance workbook, its top-level CLI command and its
 * desktop screen. The workbench builds the workbook's sections from here (in this order); the CLI
 * and the desktop check their command and screen lists against it (a test in each fails when one is
 * missing). Adding an analysis: a constant here, then the command and the screen (see
 * ARCHITECTURE.md).
 *
 * <p>Cheap to load: a constant holds names and a class literal; nothing is constructed until a
 * workbook section is asked for.
 */
public enum Analysis {
  EVALUATION("Evaluation", RunStore.class, "eval", "EVALUATIONS"),
  COMPARISON("Comparison", ComparisonStore.class, "compare", "COMPARE") {
    @Override
    public WorkbookSection section(Workbench workbench, ObjectMapper json) {
      return new ComparisonSection(workbench.comparisonStore());
    }
  },
  FAIRNESS("Fairness", FairnessStore.class, "fairness", "FAIRNESS") {
    @Override
    public WorkbookSection section(Workbench workbench, ObjectMapper json) {
      return new FairnessSection(workbench.fairness().reports());
    }
  },
  EXPLANATIONS("Explanations", ExplanationStore.class, "explain", "EXPLANATIONS") {
    @Override
    public WorkbookSection section(Workbench workbench, ObjectMapper json) {
      return new ExplanationSection(workbench.explanations(), json);
    }
  },
  SECURITY("Security", SecurityReports.class, "security", "SECURITY") {
    @Override
    public WorkbookSection section(Workbench workbench, ObjectMapper json) {
      return new SecuritySection(workbench.security().reports(), json);
    }
  },
  DRIFT("Drift", DriftReportStore.class, "drift", "DRIFT") {
    @Override
    public WorkbookSection section(Workbench workbench, ObjectMapper json) {
      return new DriftSection(workbench.driftReports());
    }
  },
  MONITOR("Monitoring", MonitorStore.class, "monitor", null);

  private final String title;
  private final Class<?> store;
  private final String command;
  private final String screen;

  Analysis(String title, Class<?> store, String command, String screen) {
    this.title = title;
    this.store = store;
    this.command = command;
    this.screen = screen;
  }

  /** The analysis in words, e.g. {@code Drift}. */
  public String title() {
    return title;
  }

  /** The class that stores its results (the workbench exposes one). */
  public Class<?> store() {
    return store;
  }

  /** Its top-level CLI command, e.g. {@code drift}. */
  public String command() {
    return command;
  }

  /** The name of its desktop screen ({@code ui.common.ScreenKind}), or null when it has none. */
  public String screen() {
    return screen;
  }

  /**
   * Its sheet in the compliance workbook over {@code workbench}'s stores, or null when it has none
   * (an evaluation is the workbook's own subject; a monitored stream has no sheet yet).
   */
  public WorkbookSection section(Workbench workbench, ObjectMapper json) {
    return null;
  }

  /** The workbook sections of every analysis that has one, in this enum's order. */
  static List<WorkbookSection> sections(Workbench workbench, ObjectMapper json) {
    List<WorkbookSection> sections = new ArrayList<>();
    for (Analysis analysis : values()) {
      WorkbookSection section = analysis.section(workbench, json);
      if (section != null) {
        sections.add(section);
      }
    }
    return List.copyOf(sections);
  }
}
