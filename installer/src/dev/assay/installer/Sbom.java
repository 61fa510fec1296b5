package dev.assay.installer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SBOM of what a package carries: the CycloneDX BOM the build wrote for the Maven dependencies
 * ({@code target/bom.json}), plus what Maven does not see: the linked Java runtime with its module
 * list, the sample models and datasets with their SHA-256, and how ONNX Runtime was repacked.
 */
final class Sbom {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What the packager adds. */
  record Bundle(
      String commit,
      Platform platform,
      String flavour,
      List<String> modules,
      String onnxRuntimeJar,
      String onnxRuntimeNativeDir,
      List<String> onnxRuntimeNatives,
      Path models) {}

  private Sbom() {}

  static void write(Path mavenBom, Path out, Bundle bundle) {
    try {
      ObjectNode bom = (ObjectNode) JSON.readTree(mavenBom.toFile());
      ObjectNode metadata = (ObjectNode) bom.get("metadata");
      ArrayNode properties = metadata.withArrayProperty("properties");
      property(properties, "assay:build-commit", bundle.commit());
      property(properties, "assay:platform", bundle.platform().toString());
      property(properties, "assay:flavour", bundle.flavour());

      ArrayNode components = bom.withArrayProperty("components");
      for (var component : components) {
        if (component.path("name").asText().startsWith("onnxruntime")) {
          property(
              ((ObjectNode) component).withArrayProperty("properties"),
              "assay:packaged-as",
              "classes in lib/app/"
                  + bundle.onnxRuntimeJar()
                  + "; native libraries for "
                  + bundle.platform().onnxRuntimeNatives()
                  + " in "
                  + bundle.onnxRuntimeNativeDir()
                  + " ("
                  + String.join(", ", bundle.onnxRuntimeNatives())
                  + "); the other platforms' native libraries are removed");
        }
      }

      ObjectNode runtime = components.addObject();
      runtime.put("type", "platform");
      runtime.put("bom-ref", "assay:java-runtime");
      runtime.put("publisher", System.getProperty("java.vendor"));
      runtime.put("name", "java-runtime-image");
      runtime.put("version", Runtime.version().toString());
      runtime.put(
          "description",
          "Java runtime linked by jlink from "
              + System.getProperty("java.vm.vendor")
              + " "
              + System.getProperty("java.runtime.name")
              + " "
              + Runtime.version()
              + " with OpenJFX; modules: "
              + String.join(", ", bundle.modules()));
      property(
          runtime.withArrayProperty("properties"),
          "assay:modules",
          String.join(",", bundle.modules()));

      try (Stream<Path> files = Files.walk(bundle.models())) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = file.getFileName().toString();
          String type =
              name.endsWith(".onnx")
                  ? "machine-learning-model"
                  : name.endsWith(".csv") ? "data" : null;
          if (type == null) {
            continue;
          }
          String path = "models/" + bundle.models().relativize(file).toString().replace('\\', '/');
          ObjectNode component = components.addObject();
          component.put("type", type);
          component.put("bom-ref", "assay:sample:" + path);
          component.put("name", name);
          component.put("description", "Assay sample (lib/app/" + path + ")");
          ObjectNode hash = component.withArrayProperty("hashes").addObject();
          hash.put("alg", "SHA-256");
          hash.put("content", Trees.sha256(file));
        }
      }
      Files.createDirectories(out.getParent());
      JSON.writeValue(out.toFile(), bom);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void property(ArrayNode properties, String name, String value) {
    ObjectNode property = properties.addObject();
    property.put("name", name);
    property.put("value", value);
  }
}
