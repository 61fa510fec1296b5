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
import dev.assay.core.report.MonitorSection;
import dev.assay.core.report.SecuritySection;
import dev.assay.core.report.WorkbookSection;
import dev.assay.core.security.SecurityReports;
import java.util.ArrayList;
import java.util.List;

/**
 * The analyses Assay runs on a model version, each named once with where it lives: the store its
 * results are kept in, its sheet in the compliance workbook, its top-level CLI command and its
 * desktop screen. This enum is the only list: the workbench builds the workbook's sections from it
 * (in this order), the CLI adds each analysis's command ({@link #commandClass()}) and the desktop
 * each analysis's screen ({@link #screenClass()}) by looking the class up by name, so adding an
 * analysis touches no list in a face. {@code ArchitectureTest} (app) fails when an analysis has no
 * command, screen, store or workbook section (see ARCHITECTURE.md).
 *
 * <p>Cheap to load: a constant holds names and a class literal; nothing is constructed until a
 * workbook section, a command or a screen is asked for.
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
  MONITOR("Monitoring", MonitorStore.class, "monitor", "MONITORING") {
    @Override
    public WorkbookSection section(Workbench workbench, ObjectMapper json) {
      return new MonitorSection(
          workbench.monitors().reads(),
          workbench.monitors().alerts(),
          workbench.monitors().rollouts());
    }
  };

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
   * The CLI's class for {@link #command()} {@code x}: {@code dev.assay.cli.XCommand}, with a
   * constructor that takes the root command ({@code drift}: {@code dev.assay.cli.DriftCommand}).
   */
  public String commandClass() {
    // String.concat, not +: no invokedynamic bootstrap on the CLI's start-up path
    return "dev.assay.cli.".concat(capitalized(command)).concat("Command");
  }

  /**
   * The desktop's class for its screen, or null when it has none: {@code dev.assay.ui.x.XScreen}
   * for {@link #command()} {@code x}, a {@code ui.common.AnalysisScreen} with a public constructor
   * that takes the {@code ui.common.ScreenServices} ({@code drift}: {@code
   * dev.assay.ui.drift.DriftScreen}).
   */
  public String screenClass() {
    if (screen == null) {
      return null;
    }
    return "dev.assay.ui."
        .concat(command)
        .concat(".")
        .concat(capitalized(command))
        .concat("Screen");
  }

  private static String capitalized(String name) {
    return name.substring(0, 1).toUpperCase(java.util.Locale.ROOT).concat(name.substring(1));
  }

  /**
   * Its sheet in the compliance workbook over {@code workbench}'s stores, or null when it has none
   * (an evaluation is the workbook's own subject).
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
