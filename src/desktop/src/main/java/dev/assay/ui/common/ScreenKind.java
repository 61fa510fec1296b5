package dev.assay.ui.common;

import dev.assay.workbench.Analysis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The screens of the main window, in navigation order (which also gives each its shortcut). The
 * screens that are not analyses are listed here; each analysis's screen comes from the {@link
 * Analysis} that names it and the {@link ScreenEntry} on its screen class (title, place, purpose),
 * so adding an analysis's screen touches nothing here. The analysis constants below are shorthands
 * for the screens that exist today (links between screens, tests); a new one needs none.
 */
public final class ScreenKind {
  private static final Map<String, ScreenKind> BY_NAME = registry();

  public static final ScreenKind OVERVIEW = BY_NAME.get("OVERVIEW");
  public static final ScreenKind MODELS = BY_NAME.get("MODELS");
  public static final ScreenKind DATASETS = BY_NAME.get("DATASETS");
  public static final ScreenKind REPORTS = BY_NAME.get("REPORTS");

  public static final ScreenKind EVALUATIONS = of(Analysis.EVALUATION);
  public static final ScreenKind COMPARE = of(Analysis.COMPARISON);
  public static final ScreenKind FAIRNESS = of(Analysis.FAIRNESS);
  public static final ScreenKind SECURITY = of(Analysis.SECURITY);
  public static final ScreenKind DRIFT = of(Analysis.DRIFT);
  public static final ScreenKind EXPLANATIONS = of(Analysis.EXPLANATIONS);
  public static final ScreenKind MONITORING = of(Analysis.MONITOR);

  private final String name;
  private final String title;
  private final int position;
  private final String purpose;
  private final int ordinal;

  private ScreenKind(Entry entry, int ordinal) {
    this.name = entry.name();
    this.title = entry.title();
    this.position = entry.position();
    this.purpose = entry.purpose();
    this.ordinal = ordinal;
  }

  private record Entry(String name, String title, int position, String purpose) {}

  private static Map<String, ScreenKind> registry() {
    List<Entry> all = new ArrayList<>();
    all.add(
        new Entry(
            "OVERVIEW",
            "Overview",
            10,
            "Per model version: evaluated, compared, fairness, security, drift, explained, signed"
                + " off."));
    all.add(new Entry("MODELS", "Models", 20, "Import, version and inspect ONNX models."));
    all.add(
        new Entry(
            "DATASETS",
            "Datasets",
            30,
            "Import test datasets (CSV, gzip), see their profile and data-quality findings before a"
                + " run."));
    all.add(
        new Entry(
            "REPORTS",
            "Reports",
            1000,
            "Compliance workbooks (XLSX), audit trail and reviewer sign-off."));
    for (Analysis analysis : Analysis.values()) {
      if (analysis.screen() != null) {
        ScreenEntry entry = entry(analysis);
        all.add(new Entry(analysis.screen(), entry.title(), entry.position(), entry.purpose()));
      }
    }
    all.sort(Comparator.comparingInt(Entry::position));
    Map<String, ScreenKind> byName = new LinkedHashMap<>();
    for (Entry entry : all) {
      if (byName.put(entry.name(), new ScreenKind(entry, byName.size())) != null) {
        throw new IllegalStateException("two screens named " + entry.name());
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /** The {@link ScreenEntry} of the analysis's screen class, read without making the screen. */
  private static ScreenEntry entry(Analysis analysis) {
    try {
      Class<?> screen =
          Class.forName(analysis.screenClass(), false, ScreenKind.class.getClassLoader());
      ScreenEntry entry = screen.getAnnotation(ScreenEntry.class);
      if (entry == null) {
        throw new IllegalStateException(screen.getName() + " has no @ScreenEntry");
      }
      return entry;
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(analysis.title() + " has no screen class", e);
    }
  }

  /** Every screen, in navigation order. */
  public static ScreenKind[] values() {
    return BY_NAME.values().toArray(ScreenKind[]::new);
  }

  /**
   * The screen named {@code name} ({@code DRIFT}).
   *
   * @throws IllegalArgumentException when there is none
   */
  public static ScreenKind valueOf(String name) {
    ScreenKind kind = BY_NAME.get(name);
    if (kind == null) {
      throw new IllegalArgumentException("no screen " + name);
    }
    return kind;
  }

  /** The screen of {@code analysis}. */
  public static ScreenKind of(Analysis analysis) {
    if (analysis.screen() == null) {
      throw new IllegalArgumentException(analysis.title() + " has no screen");
    }
    return valueOf(analysis.screen());
  }

  /** Its name: {@code OVERVIEW}, or the {@link Analysis#screen()} that names it. */
  public String name() {
    return name;
  }

  /** Its place in navigation order, from 0. */
  public int ordinal() {
    return ordinal;
  }

  public String title() {
    return title;
  }

  /** Its {@link ScreenEntry#position()}. */
  public int position() {
    return position;
  }

  /** Every screen is available (placeholders are gone); kept for the placeholder view. */
  public boolean available() {
    return true;
  }

  public String purpose() {
    return purpose;
  }

  @Override
  public String toString() {
    return name;
  }
}
