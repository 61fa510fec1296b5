package dev.assay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import dev.assay.core.report.WorkbookSection;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.common.AnalysisScreen;
import dev.assay.ui.common.ScreenKind;
import dev.assay.ui.common.ScreenServices;
import dev.assay.workbench.Analysis;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering of the guide: one UI-free core, two faces, one composition root. */
class ArchitectureTest {
  private static final String CORE = "dev.assay.core..";
  private static final String UI = "dev.assay.ui..";
  private static final String CLI = "dev.assay.cli..";
  private static final String WORKBENCH = "dev.assay.workbench..";

  private static final Pattern MODULE_JAR =
      Pattern.compile("/assay-(engine|workbench|cli|desktop)-[^/]*\\.jar");

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // the modules' classes: folders in an IDE or a single module's build, the modules' own
          // jars (not their test jars) in a reactor build; no third-party jar
          .withImportOption(ArchitectureTest::isAssayMainCode)
          // the sample-model generator is a build-time tool, compiled only by -Psamples
          .withImportOption(location -> !location.contains("/dev/assay/samples/"))
          .importPackages("dev.assay");

  private static boolean isAssayMainCode(Location location) {
    if (!location.isJar()) {
      return true;
    }
    return MODULE_JAR.matcher(location.toString()).find() && !location.contains("-tests.jar");
  }

  @Test
  void importsTheApplicationClasses() {
    // guards the rules below against passing vacuously on an empty import
    assertThat(CLASSES.contain(Workbench.class)).isTrue();
    assertThat(CLASSES.contain(Assay.class)).isTrue();
  }

  /** Analyses without a desktop screen (none now: the Monitoring screen shows live streams). */
  private static final Set<Analysis> WITHOUT_SCREEN = EnumSet.noneOf(Analysis.class);

  /**
   * Analyses without a sheet of their own in the compliance workbook: an evaluation is the
   * workbook's subject (its own sheets).
   */
  private static final Set<Analysis> WITHOUT_SECTION = EnumSet.of(Analysis.EVALUATION);

  @Test
  void everyAnalysisHasACommandAScreenAStoreAndAWorkbookSection() {
    List<String> missing = new ArrayList<>();
    for (Analysis analysis : Analysis.values()) {
      String name = "Analysis." + analysis.name() + ": ";
      if (!hasCommand(analysis)) {
        missing.add(
            name
                + "no CLI command: "
                + analysis.commandClass()
                + " annotated @Command(name = \""
                + analysis.command()
                + "\") with a constructor (AssayCommand)");
      }
      if (WITHOUT_SCREEN.contains(analysis)) {
        if (analysis.screen() != null) {
          missing.add(name + "a screen, though WITHOUT_SCREEN lists it");
        }
      } else if (!hasScreen(analysis)) {
        missing.add(
            name
                + "no desktop screen: a ScreenKind "
                + analysis.screen()
                + " and "
                + analysis.screenClass()
                + " implementing AnalysisScreen with a public constructor (ScreenServices)");
      }
      if (!hasStore(analysis)) {
        missing.add(
            name
                + "no store: "
                + analysis.store().getName()
                + " must be made by the workbench and reached from a Workbench accessor");
      }
      if (WITHOUT_SECTION.contains(analysis)) {
        if (hasSection(analysis)) {
          missing.add(name + "a workbook section, though WITHOUT_SECTION lists it");
        }
      } else if (!hasSection(analysis)) {
        missing.add(
            name
                + "no workbook section: override section(Workbench, ObjectMapper) to make its"
                + " WorkbookSection");
      }
    }
    assertThat(missing).as("what each analysis needs (ARCHITECTURE.md)").isEmpty();
  }

  private static boolean hasCommand(Analysis analysis) {
    if (!CLASSES.contain(analysis.commandClass())) {
      return false;
    }
    JavaClass command = CLASSES.get(analysis.commandClass());
    boolean named =
        command
            .tryGetAnnotationOfType(picocli.CommandLine.Command.class)
            .map(annotation -> annotation.name().equals(analysis.command()))
            .orElse(false);
    boolean madeFromTheRoot =
        command.getConstructors().stream()
            .anyMatch(
                c ->
                    c.getRawParameterTypes().size() == 1
                        && c.getRawParameterTypes()
                            .getFirst()
                            .isEquivalentTo(dev.assay.cli.AssayCommand.class));
    return named && madeFromTheRoot;
  }

  private static boolean hasScreen(Analysis analysis) {
    if (analysis.screen() == null || !CLASSES.contain(analysis.screenClass())) {
      return false;
    }
    boolean kind = Stream.of(ScreenKind.values()).anyMatch(k -> k.name().equals(analysis.screen()));
    JavaClass screen = CLASSES.get(analysis.screenClass());
    return kind
        && screen.isAssignableTo(AnalysisScreen.class)
        && screen.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
        && screen
            .tryGetConstructor(ScreenServices.class)
            .map(JavaConstructor::getModifiers)
            .map(m -> m.contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
            .orElse(false);
  }

  /**
   * The store is main code that something constructs, and a public accessor of the workbench (or of
   * a service one returns) hands it out.
   */
  private static boolean hasStore(Analysis analysis) {
    if (!CLASSES.contain(analysis.store())) {
      return false;
    }
    JavaClass store = CLASSES.get(analysis.store());
    if (store.getConstructorCallsToSelf().isEmpty()) {
      return false;
    }
    for (JavaMethod accessor : CLASSES.get(Workbench.class).getMethods()) {
      JavaClass returned = accessor.getRawReturnType();
      if (!accessor.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
          || !accessor.getParameters().isEmpty()) {
        continue;
      }
      if (returned.equals(store)) {
        return true;
      }
      if (returned.getPackageName().startsWith("dev.assay.")
          && returned.getMethods().stream()
              .anyMatch(m -> m.getParameters().isEmpty() && m.getRawReturnType().equals(store))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The analysis's constant overrides {@code section} and makes a {@link WorkbookSection} there.
   */
  private static boolean hasSection(Analysis analysis) {
    if (analysis.getClass() == analysis.getDeclaringClass()) {
      return false; // a constant without a body keeps Analysis's section(): none
    }
    JavaClass constant = CLASSES.get(analysis.getClass());
    return constant
        .tryGetMethod("section", Workbench.class, ObjectMapper.class)
        .map(
            section ->
                section.getConstructorCallsFromSelf().stream()
                    .anyMatch(call -> call.getTargetOwner().isAssignableTo(WorkbookSection.class)))
        .orElse(false);
  }

  /** The most lines a main class's source file may have (the guide: "under about 400 lines"). */
  private static final int MAX_LINES = 400;

  /** The repository's {@code src/} folder (tests run in its root: assay.repo.root). */
  private static Path modules() {
    return Path.of(System.getProperty("assay.repo.root", "")).toAbsolutePath().resolve("src");
  }

  /** Every main source file of every module. */
  private static List<Path> mainSources() throws IOException {
    List<Path> all = new ArrayList<>();
    for (String module : List.of("engine", "workbench", "cli", "desktop", "app", "spark")) {
      Path sources = modules().resolve(module).resolve("src/main/java");
      if (Files.isDirectory(sources)) {
        try (Stream<Path> paths = Files.walk(sources)) {
          all.addAll(paths.filter(p -> p.toString().endsWith(".java")).toList());
        }
      }
    }
    assertThat(all).as("main source files found under " + modules()).hasSizeGreaterThan(100);
    return all;
  }

  @Test
  void noMainClassIsOverFourHundredLines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path file : mainSources()) {
      long lines;
      try (Stream<String> text = Files.lines(file)) {
        lines = text.count();
      }
      if (lines > MAX_LINES) {
        tooLong.add(modules().relativize(file) + " (" + lines + " lines)");
      }
    }
    assertThat(tooLong)
        .as("classes over %d lines: split them into cohesive parts", MAX_LINES)
        .isEmpty();
  }

  /** A model-metadata key as a string literal: {@code "assay.task"}, {@code "assay.target"}. */
  private static final java.util.regex.Pattern METADATA_KEY =
      java.util.regex.Pattern.compile(
          "\"assay\\.(task|class_labels|target|target_map|sensitive|features|softmax"
              + "|positive_label)\"");

  @Test
  void onlyModelMetadataReadsTheModelsMetadataKeys() throws IOException {
    List<String> readers = new ArrayList<>();
    for (Path file : mainSources()) {
      if (!file.getFileName().toString().equals("ModelMetadata.java")
          && METADATA_KEY.matcher(Files.readString(file)).find()) {
        readers.add(modules().relativize(file).toString());
      }
    }
    assertThat(readers)
        .as(
            "classes that name an assay.* model-metadata key themselves: read it through"
                + " dev.assay.core.model.ModelMetadata (its constants and readers)")
        .isEmpty();
  }

  @Test
  void coreDoesNotDependOnAFaceOrAToolkit() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE, WORKBENCH)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", UI, CLI, "picocli..")
        .because(
            "the core is shared by the desktop app and the CLI and must run headless, in tests"
                + " and on a future distributed engine")
        .check(CLASSES);
  }

  @Test
  void explanationEngineDependsOnNoToolkitStorageExportOrCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("dev.assay.core.explain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx..",
            "org.h2..",
            "org.flywaydb..",
            "org.apache.poi..",
            "picocli..",
            "java.sql..",
            "dev.assay.core.store..",
            UI,
            CLI)
        .because(
            "explanations are engine mathematics: a Spark job or a test runs them with ONNX"
                + " Runtime alone; storing and showing them is the workbench's and the faces' work")
        .check(CLASSES);
  }

  @Test
  void monitoringStaysInTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.assay.core.monitor..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx..",
            "org.h2..",
            "org.flywaydb..",
            "org.apache.poi..",
            "picocli..",
            "java.sql..",
            "com.sun.net.httpserver..",
            "dev.assay.core.store..",
            "dev.assay.core.live..",
            UI,
            CLI)
        .because(
            "windows, drift per window and the detectors are engine mathematics; storing,"
                + " following files and serving metrics is the workbench's work")
        .check(CLASSES);
  }

  @Test
  void driftStatisticsStayInTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.assay.core.drift..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "javafx..",
            "org.h2..",
            "org.flywaydb..",
            "org.apache.poi..",
            "picocli..",
            "java.sql..",
            "dev.assay.core.store..",
            UI,
            CLI)
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.assay.core.registry.DatasetRegistry")
        .because(
            "drift is engine mathematics: a Spark job or another face must run it without the"
                + " workbench's database, the workbook export or a toolkit")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices()
        .matching("dev.assay.(**)")
        .should()
        .beFreeOfCycles()
        .because(
            "a package that depends on one that depends back on it cannot be understood, tested"
                + " or moved to another module alone (issue 16)")
        .check(CLASSES);
  }

  @Test
  void noTwoMainClassesShareASimpleName() {
    Map<String, List<String>> byName =
        CLASSES.stream()
            .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
            .collect(
                Collectors.groupingBy(
                    JavaClass::getSimpleName,
                    Collectors.mapping(JavaClass::getName, Collectors.toList())));
    assertThat(byName).as("imported classes").hasSizeGreaterThan(100);
    Map<String, List<String>> shared =
        byName.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(shared)
        .as("simple names used by more than one class (an import then picks one silently)")
        .isEmpty();
  }

  @Test
  void coreDoesNotPrintToTheConsole() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(CORE, WORKBENCH)
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .because(
                "the core reports through return values, exceptions and Progress; only a face"
                    + " decides what the user sees");
    rule.check(CLASSES);
  }

  @Test
  void facesDoNotTalkToRuntimeStorageOrExportLibrariesDirectly() {
    noClasses()
        .that()
        .resideInAnyPackage(UI, CLI)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ai.onnxruntime..", "org.h2..", "org.flywaydb..", "org.apache.poi..", "java.sql..")
        .because(
            "ONNX Runtime, the database and the workbook export are core concerns; the UI and"
                + " the CLI reach them only through core services, so both faces behave the same")
        .check(CLASSES);
  }

  @Test
  void desktopUiDoesNotDependOnTheCli() {
    noClasses()
        .that()
        .resideInAPackage(UI)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(CLI)
        .because("the two faces are independent; what they share belongs in the core")
        .check(CLASSES);
  }

  @Test
  void cliDoesNotDependOnTheDesktopUi() {
    noClasses()
        .that()
        .resideInAPackage(CLI)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(UI, "javafx..")
        .because(
            "the CLI must run on a headless server without JavaFX; the launcher, not the CLI,"
                + " opens the desktop app")
        .check(CLASSES);
  }

  @Test
  void onlyTheLauncherOpensAWorkbench() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(Assay.class.getName())
        .and()
        .resideOutsideOfPackages(CORE, WORKBENCH)
        .should()
        .callMethod(Workbench.class, "open", WorkbenchHome.class, Clock.class, String.class)
        .because(
            "dev.assay.Assay is the composition root: it opens the core and hands it to a face,"
                + " so faces can be given a test workbench")
        .check(CLASSES);
  }

  @Test
  void noClassKeepsMutableStaticState() {
    fields()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage("dev.assay..")
        .and()
        .areStatic()
        .and()
        .doNotHaveName("serialVersionUID")
        .should()
        .beFinal()
        .because(
            "static mutable singletons leak state between workbenches, tests and threads;"
                + " pass state through constructors from the composition root")
        .check(CLASSES);
  }
}
