package dev.assay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.assay.core.Workbench;
import dev.assay.core.WorkbenchHome;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The layering of the guide: one UI-free core, two faces, one composition root. */
class ArchitectureTest {
  private static final String CORE = "dev.assay.core..";
  private static final String UI = "dev.assay.ui..";
  private static final String CLI = "dev.assay.cli..";

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          // the sample-model generator is a build-time tool, compiled only by -Psamples
          .withImportOption(location -> !location.contains("/dev/assay/samples/"))
          .importPackages("dev.assay");

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
        .resideInAPackage(CORE)
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
        .haveFullyQualifiedName("dev.assay.core.data.DatasetRegistry")
        .because(
            "drift is engine mathematics: a Spark job or another face must run it without the"
                + " workbench's database, the workbook export or a toolkit")
        .check(CLASSES);
  }

  @Test
  void coreDoesNotPrintToTheConsole() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(CORE)
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
        .resideOutsideOfPackage(CORE)
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
