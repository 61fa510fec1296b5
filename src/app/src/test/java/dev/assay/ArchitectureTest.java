package dev.assay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
