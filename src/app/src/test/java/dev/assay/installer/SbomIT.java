package dev.assay.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The SBOM and SHA256SUMS written beside the packages. */
class SbomIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode sbom() throws Exception {
    return JSON.readTree(Packaged.file("assay-*.cdx.json").toFile());
  }

  private static Map<String, String> versions(JsonNode sbom) {
    Map<String, String> versions = new TreeMap<>();
    for (JsonNode component : sbom.get("components")) {
      versions.put(component.path("name").asText(), component.path("version").asText());
    }
    return versions;
  }

  @Test
  void listsOnnxRuntimeJavaFxH2AndPoiWithTheirVersions() throws Exception {
    Map<String, String> versions = versions(sbom());

    assertThat(versions)
        .containsKey("onnxruntime")
        .containsKey("h2")
        .containsKey("javafx-graphics");
    assertThat(versions.get("onnxruntime")).matches("1\\.\\d+\\.\\d+");
    assertThat(versions.get("javafx-graphics")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(versions.get("h2")).matches("2\\.\\d+\\.\\d+");
    assertThat(versions.get("java-runtime-image"))
        .startsWith(String.valueOf(Runtime.version().feature()));
    if (bundledJars().stream().anyMatch(j -> j.startsWith("poi-"))) {
      assertThat(versions).containsKey("poi").containsKey("poi-ooxml");
    }
  }

  @Test
  void everyBundledJarAndSampleModelIsListed() throws Exception {
    JsonNode sbom = sbom();
    List<String> nameVersions = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (JsonNode component : sbom.get("components")) {
      nameVersions.add(component.path("name").asText() + "-" + component.path("version").asText());
      component.path("hashes").forEach(h -> hashes.add(h.path("content").asText()));
    }
    for (String jar : bundledJars()) {
      if (jar.equals("assay.jar")) {
        continue; // the application itself: the SBOM's metadata.component
      }
      assertThat(nameVersions)
          .as(jar + " in the SBOM")
          .anyMatch(nv -> jar.equals(nv + ".jar") || jar.startsWith(nv + "-"));
    }
    Path models = Packaged.linuxImage().resolve("lib/app/models");
    try (Stream<Path> files = Files.list(models)) {
      for (Path model : files.filter(f -> f.toString().endsWith(".onnx")).toList()) {
        assertThat(hashes).as(model.getFileName() + " SHA-256 in the SBOM").contains(sha256(model));
      }
    }
    assertThat(sbom.at("/metadata/component/name").asText()).isEqualTo("assay");
  }

  @Test
  void sha256SumsCoverEveryArtifactAndMatch() throws Exception {
    List<String> lines = Files.readAllLines(Packaged.DIR.resolve("SHA256SUMS"));
    Map<String, String> sums = new TreeMap<>();
    for (String line : lines) {
      String[] parts = line.split("  ", 2);
      sums.put(parts[1], parts[0]);
    }
    List<String> artifacts;
    try (Stream<Path> files = Files.list(Packaged.DIR)) {
      artifacts =
          files
              .filter(Files::isRegularFile)
              .map(f -> f.getFileName().toString())
              .filter(n -> !n.equals("SHA256SUMS"))
              .sorted()
              .toList();
    }
    assertThat(sums.keySet()).containsExactlyElementsOf(artifacts);
    for (var sum : sums.entrySet()) {
      assertThat(sha256(Packaged.DIR.resolve(sum.getKey())))
          .as(sum.getKey())
          .isEqualTo(sum.getValue());
    }
  }

  private static List<String> bundledJars() throws Exception {
    try (Stream<Path> files = Files.list(Packaged.linuxImage().resolve("lib/app"))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".jar"))
          .sorted()
          .toList();
    }
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(Files.readAllBytes(file));
    return HexFormat.of().formatHex(digest.digest());
  }
}
