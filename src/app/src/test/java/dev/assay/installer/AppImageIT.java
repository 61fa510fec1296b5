package dev.assay.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged app-image: relocatable, offline, fast to start, and trimmed to this platform. */
class AppImageIT {
  @TempDir Path temp;

  @Test
  void copiedElsewhereItRunsTheCliWorkflowWithoutAnyNetwork() throws Exception {
    Path image = Packaged.linuxImage();
    Path copy = temp.resolve("somewhere else/assay");
    Packaged.copyTree(image, copy);
    Path out = temp.resolve("out");

    Packaged.Result result =
        Packaged.run(
            Packaged.offline(
                List.of(
                    Packaged.REPO.resolve("installer/offline-check.sh").toString(),
                    copy.resolve("bin/assay").toString(),
                    copy.resolve("lib/app/models").toString(),
                    out.toString())),
            Map.of(),
            600);

    assertThat(result.code()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("network interfaces besides lo: none")
        .contains("ok import-model-v2", "ok import-dataset", "ok eval")
        .contains("offline workflow passed");
    JsonNode eval = new ObjectMapper().readTree(out.resolve("eval.json").toFile());
    assertThat(eval.toString()).contains("roc_auc");
  }

  @Test
  void theDesktopStartsOfflineWithTheAotCacheAndReportsItsFirstFrame() throws Exception {
    Path image = Packaged.linuxImage();
    try (Packaged.Display display = Packaged.Display.open()) {
      Packaged.Result result =
          Packaged.run(
              Packaged.offline(
                  List.of(
                      image.resolve("bin/assay").toString(),
                      "--home",
                      temp.resolve("home").toString(),
                      "--startup-check")),
              Map.of("DISPLAY", display.name),
              300);

      assertThat(result.code()).as(result.output()).isZero();
      assertThat(result.output())
          .containsPattern("main window rendered \\d+ ms after process start");
      if (Files.exists(image.resolve("lib/app/assay.aot"))) {
        assertThat(result.output()).contains("; AOT cache ").doesNotContain("NOT used");
      }
    }
  }

  @Test
  void aSecondJvmFromTheBundledRuntimeFindsOnnxRuntimeWithoutOptions() throws Exception {
    // as the security scan's isolated load starts one: the runtime's java, the class path, no -D
    Path image = Packaged.linuxImage();
    Packaged.Result result =
        Packaged.run(
            List.of(
                image.resolve("lib/runtime/bin/java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                image.resolve("lib/app").toString() + "/*",
                "dev.assay.Assay",
                "--home",
                temp.resolve("home").toString(),
                "eval",
                "--model",
                image.resolve("lib/app/models/hmda-deny-v2.onnx").toString(),
                "--data",
                image.resolve("lib/app/models/data/hmda_test.csv").toString(),
                "--target",
                "deny",
                "--quiet"));

    assertThat(result.code()).as(result.output()).isZero();
    assertThat(result.output()).contains("roc_auc");
  }

  @Test
  void theImageCarriesOnlyThisPlatformsNativesAndTheNeededModules() throws Exception {
    Path image = Packaged.linuxImage();
    List<String> files;
    try (Stream<Path> walk = Files.walk(image)) {
      files = walk.map(p -> image.relativize(p).toString()).toList();
    }
    assertThat(files)
        .noneMatch(f -> f.endsWith(".dll") || f.endsWith(".dylib") || f.endsWith(".jnilib"))
        .contains(
            "lib/runtime/lib/libonnxruntime.so",
            "lib/runtime/lib/libonnxruntime4j_jni.so",
            "lib/runtime/lib/libglassgtk3.so",
            "lib/app/assay.jar",
            "lib/app/docs/sbom.cdx.json",
            "lib/app/models/hmda-deny-v2.onnx");
    try (ZipFile ort = new ZipFile(onnxRuntimeJar(image).toFile())) {
      assertThat(ort.stream().map(e -> e.getName()))
          .as("the repacked ONNX Runtime jar holds classes only")
          .noneMatch(name -> name.startsWith("ai/onnxruntime/native/"))
          .contains("ai/onnxruntime/OrtEnvironment.class");
    }
    String release = Files.readString(image.resolve("lib/runtime/release"));
    assertThat(release)
        .contains("java.base", "java.sql", "java.desktop", "javafx.controls", "jdk.unsupported")
        .doesNotContain("jdk.compiler", "jdk.jshell", "jdk.jdwp.agent", "jdk.jfr", "java.rmi");
    assertThat(image.resolve("lib/runtime/lib/server/classes.jsa")).exists();
    // the launcher is installer/linux/launcher.sh, not jpackage's (which queries rpm and dpkg)
    assertThat(Files.readString(image.resolve("bin/assay")))
        .startsWith("#!/usr/bin/env bash")
        .contains("lib/runtime/bin/java");
    assertThat(image.resolve("lib/libapplauncher.so")).doesNotExist();
  }

  @Test
  void thePortableArchiveUnpacksToARunnableApp() throws Exception {
    Packaged.linuxImage();
    Path archive = Packaged.file("assay-*-linux-x64*.tar.gz");
    Packaged.Result untar =
        Packaged.run(List.of("tar", "-xzf", archive.toString(), "-C", temp.toString()));
    assertThat(untar.code()).as(untar.output()).isZero();

    Packaged.Result version =
        Packaged.run(List.of(temp.resolve("assay/bin/assay").toString(), "--version"));

    assertThat(version.code()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("assay " + Packaged.VERSION);
  }

  private static Path onnxRuntimeJar(Path image) throws Exception {
    try (Stream<Path> files = Files.list(image.resolve("lib/app"))) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("onnxruntime"))
          .findFirst()
          .orElseThrow();
    }
  }
}
