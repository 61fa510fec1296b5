package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ImportResult;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.objectstore.ObjectImports;
import dev.assay.core.objectstore.ObjectLocation;
import dev.assay.core.security.SignatureStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code assay models ...}: the model registry. */
@Command(
    name = "models",
    description = "Import, list, show and remove model versions.",
    mixinStandardHelpOptions = true)
final class ModelsCommand implements Runnable {
  private final AssayCommand root;
  private ObjectMapper json;

  @Spec CommandSpec spec;

  ModelsCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "choose a command: import, list, show or remove");
  }

  @Command(
      name = "import",
      description =
          "Import an .onnx file, or s3://BUCKET/KEY, as a new version (identical files are not"
              + " duplicated).")
  int importModel(
      @Parameters(paramLabel = "FILE|s3://BUCKET/KEY", description = "the .onnx file or object")
          String source,
      @Option(
              names = "--name",
              paramLabel = "N",
              description = "registry name (default: file name)")
          String name,
      @Option(names = "--version", paramLabel = "V", description = "version number (default: next)")
          Integer version,
      @Option(names = "--notes", paramLabel = "TEXT", description = "free-text notes") String notes,
      @Option(names = "--tag", paramLabel = "TAG", description = "a tag (repeatable)")
          List<String> tags,
      @Option(names = "--json", description = "print JSON") boolean asJson,
      @Mixin S3Options s3)
      throws Exception {
    ImportResult result;
    Map<String, Object> object = null;
    if (ObjectLocation.isObject(source)) {
      ObjectLocation location = ObjectLocation.parse(source);
      var workbench = root.workbench();
      ObjectImports.ImportedModel imported =
          new ObjectImports(s3.settings())
              .importModel(
                  workbench.models(),
                  workbench.scratch().folder(),
                  location,
                  new ImportRequest(null, name, version, notes, tags),
                  Progress.NONE,
                  Cancellation.NONE);
      result = imported.result();
      object = imported.object().provenance();
    } else {
      Path file = CliInputs.file(source);
      result =
          root.workbench()
              .models()
              .importModel(
                  new ImportRequest(file, name, version, notes, tags),
                  Progress.NONE,
                  Cancellation.NONE);
    }
    ModelVersion model = result.model();
    PrintWriter out = root.context().out();
    String status = result instanceof ImportResult.Imported ? "imported" : "already_present";
    if (asJson) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", status);
      body.putAll(summary(model));
      if (object != null) {
        body.put("object", object);
      }
      out.println(json().writeValueAsString(body));
    } else if (result instanceof ImportResult.Imported) {
      out.printf(
          "imported %s (sha256 %s, %s)%n",
          model.ref(), model.sha256(), humanBytes(model.sizeBytes()));
    } else {
      out.printf(
          "already registered as %s (identical file, sha256 %s)%n", model.ref(), model.sha256());
    }
    if (object != null && !asJson) {
      S3Options.printObject(out, object);
    }
    return 0;
  }

  @Command(name = "list", description = "List all model versions.")
  int list(@Option(names = "--json", description = "print JSON") boolean asJson) throws Exception {
    List<ModelVersion> versions = root.workbenchForReading().models().list();
    PrintWriter out = root.context().out();
    if (asJson) {
      List<Map<String, Object>> rows = new ArrayList<>();
      versions.forEach(v -> rows.add(summary(v)));
      out.println(json().writeValueAsString(rows));
      return 0;
    }
    if (versions.isEmpty()) {
      out.println("no models yet: assay models import FILE");
      return 0;
    }
    out.printf(
        "%-28s %7s  %-12s %10s  %-20s %s%n",
        "NAME", "VERSION", "SHA256", "SIZE", "IMPORTED", "SIGNATURE");
    for (ModelVersion v : versions) {
      out.printf(
          "%-28s %7d  %-12s %10s  %-20s %s%n",
          v.name(),
          v.version(),
          v.sha256().substring(0, 12),
          humanBytes(v.sizeBytes()),
          v.importedAt().toString().substring(0, 19).replace('T', ' '),
          signatureLine(v.inspection()));
    }
    return 0;
  }

  @Command(name = "show", description = "Show one model version: signature, metadata, operators.")
  int show(
      @Parameters(
              paramLabel = "NAME[:VERSION]",
              description = "model (newest version when none given)")
          String ref,
      @Option(names = "--json", description = "print JSON") boolean asJson)
      throws Exception {
    ModelVersion v = root.workbenchForReading().models().get(ModelRef.parse(ref));
    SignatureStatus signature = root.workbench().security().signatures().status(v);
    PrintWriter out = root.context().out();
    if (asJson) {
      Map<String, Object> body = detail(v);
      body.put("signature", signature);
      out.println(json().writeValueAsString(body));
      return 0;
    }
    ModelInspection i = v.inspection();
    out.printf("%s%n", v.ref());
    out.printf("  sha256        %s%n", v.sha256());
    out.printf("  size          %s%n", humanBytes(v.sizeBytes()));
    out.printf("  signature     %s%n", signature.describe());
    out.printf(
        "  imported      %s by %s from %s%n", v.importedAt(), v.importedBy(), v.sourcePath());
    if (!v.tags().isEmpty()) {
      out.printf("  tags          %s%n", String.join(", ", v.tags()));
    }
    if (v.notes() != null && !v.notes().isBlank()) {
      out.printf("  notes         %s%n", v.notes());
    }
    out.printf("  IR version    %d%n", i.irVersion());
    out.printf("  producer      %s %s%n", i.producerName(), i.producerVersion());
    out.printf("  domain        %s%n", i.domain().isEmpty() ? "-" : i.domain());
    out.printf("  model version %d%n", i.modelVersion());
    if (!i.docString().isBlank()) {
      out.printf("  doc           %s%n", i.docString().strip().replace('\n', ' '));
    }
    out.printf(
        "  opsets        %s%n",
        String.join(", ", i.opsets().stream().map(o -> o.domain() + " " + o.version()).toList()));
    out.printf("  parameters    %,d (%s)%n", i.parameterCount(), humanBytes(i.initializerBytes()));
    out.println("inputs");
    i.inputs().forEach(s -> out.printf("  %-30s %-28s %s%n", s.name(), s.type(), s.shapeText()));
    out.println("outputs");
    i.outputs().forEach(s -> out.printf("  %-30s %-28s %s%n", s.name(), s.type(), s.shapeText()));
    if (!i.metadata().isEmpty()) {
      out.println("metadata");
      i.metadata().forEach((k, val) -> out.printf("  %-30s %s%n", k, val));
    }
    out.printf("operators (%d nodes)%n", i.nodeCount());
    i.ops().forEach(op -> out.printf("  %-30s %-14s %d%n", op.opType(), op.domain(), op.count()));
    return 0;
  }

  @Command(
      name = "remove",
      description = "Remove one model version (its stored file goes when no other uses it).")
  int remove(
      @Parameters(paramLabel = "NAME:VERSION", description = "the version to remove") String ref) {
    ModelVersion removed = root.workbench().models().remove(ModelRef.parse(ref));
    root.context().out().printf("removed %s%n", removed.ref());
    return 0;
  }

  @Command(
      name = "bind",
      description = "Remember which columns feed the model's [N, F] input, in input order.")
  int bind(
      @Parameters(paramLabel = "NAME:VERSION", description = "the model version") String ref,
      @Option(
              names = "--features",
              split = ",",
              required = true,
              paramLabel = "a,b,c",
              description = "feature columns in input order")
          List<String> features) {
    ModelVersion v = root.workbench().models().get(ModelRef.parse(ref));
    java.util.List<ModelInspection.ValueSignature> inputs = v.inspection().inputs();
    if (inputs.size() != 1) {
      throw new dev.assay.core.AssayException(
          v.ref() + " has " + inputs.size() + " inputs; they are bound to columns by name");
    }
    ModelInspection.ValueSignature input = inputs.getFirst();
    if (input.shape() != null
        && input.shape().size() == 2
        && input.shape().get(1) instanceof Number n
        && n.longValue() != features.size()) {
      throw new dev.assay.core.AssayException(
          "input '"
              + input.name()
              + "' "
              + input.shapeText()
              + " expects "
              + n
              + " features, "
              + features.size()
              + " given");
    }
    int fixed =
        input.shape() != null && input.shape().getFirst() instanceof Number b ? b.intValue() : 0;
    root.workbench()
        .models()
        .remember(
            v,
            new dev.assay.core.inference.Binding(
                List.of(
                    new dev.assay.core.inference.Binding.InputBinding(
                        input.name(), input.elementType(), 2, Math.max(fixed, 0), features))));
    root.context()
        .out()
        .printf("%s: %s <- %s%n", v.ref(), input.name(), String.join(", ", features));
    return 0;
  }

  static Map<String, Object> summary(ModelVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    m.put("version", v.version());
    m.put("ref", v.ref());
    m.put("sha256", v.sha256());
    m.put("size_bytes", v.sizeBytes());
    m.put("imported_at", v.importedAt().toString());
    m.put("imported_by", v.importedBy());
    m.put("source_path", v.sourcePath());
    m.put("notes", v.notes());
    m.put("tags", v.tags());
    return m;
  }

  static Map<String, Object> detail(ModelVersion v) {
    ModelInspection i = v.inspection();
    Map<String, Object> m = summary(v);
    m.put("ir_version", i.irVersion());
    m.put("producer_name", i.producerName());
    m.put("producer_version", i.producerVersion());
    m.put("domain", i.domain());
    m.put("model_version", i.modelVersion());
    m.put("doc_string", i.docString());
    m.put("graph_name", i.graphName());
    m.put("inputs", i.inputs().stream().map(ModelsCommand::signature).toList());
    m.put("outputs", i.outputs().stream().map(ModelsCommand::signature).toList());
    Map<String, Long> opsets = new LinkedHashMap<>();
    i.opsets().forEach(o -> opsets.put(o.domain(), o.version()));
    m.put("opsets", opsets);
    m.put(
        "ops",
        i.ops().stream()
            .map(
                op -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("op_type", op.opType());
                  row.put("domain", op.domain());
                  row.put("count", op.count());
                  return row;
                })
            .toList());
    m.put("node_count", i.nodeCount());
    m.put("parameter_count", i.parameterCount());
    m.put("initializer_bytes", i.initializerBytes());
    m.put("metadata", i.metadata());
    m.put("external_data", i.externalData());
    return m;
  }

  private static Map<String, Object> signature(ModelInspection.ValueSignature s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("type", s.type());
    m.put("element_type", s.elementType());
    m.put("shape", s.shape());
    return m;
  }

  private static String signatureLine(ModelInspection i) {
    List<String> parts = new ArrayList<>();
    i.inputs().forEach(s -> parts.add(s.name() + s.shapeText()));
    return String.join(", ", parts)
        + " -> "
        + String.join(", ", i.outputs().stream().map(s -> s.name()).toList());
  }

  static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** The JSON printer, made on first use: a command without --json needs none (issue 14). */
  private ObjectMapper json() {
    if (json == null) {
      json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
    return json;
  }
}
