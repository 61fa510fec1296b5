package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.DataFinding;
import dev.assay.core.data.DatasetImportResult;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.objectstore.ObjectImports;
import dev.assay.core.objectstore.ObjectLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay datasets ...}: imported test datasets. */
@Command(
    name = "datasets",
    description = "Import, list and show test datasets (CSV, optionally gzip).",
    mixinStandardHelpOptions = true)
final class DatasetsCommand implements Runnable {
  private final AssayCommand root;
  private ObjectMapper json;

  DatasetsCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "choose a command: import, list or show");
  }

  @Command(
      name = "import",
      description = "Import a CSV (or .csv.gz), from a file or s3://BUCKET/KEY, and profile it.")
  int importDataset(
      @Parameters(paramLabel = "FILE|s3://BUCKET/KEY") String source,
      @Option(
              names = "--name",
              paramLabel = "N",
              description = "registry name (default: file name)")
          String name,
      @Option(names = "--json", description = "print JSON") boolean asJson,
      @Mixin S3Options s3)
      throws Exception {
    DatasetImportResult result;
    Map<String, Object> object = null;
    if (ObjectLocation.isObject(source)) {
      ObjectLocation location = ObjectLocation.parse(source);
      var workbench = root.workbench();
      ObjectImports.Imported imported =
          new ObjectImports(s3.settings())
              .importDataset(
                  workbench.datasets(),
                  workbench.scratch().folder(),
                  location,
                  name,
                  Progress.NONE,
                  Cancellation.NONE);
      result = imported.result();
      object = imported.object().provenance();
    } else {
      result =
          root.workbench()
              .datasets()
              .importDataset(localFile(source), name, Progress.NONE, Cancellation.NONE);
    }
    DatasetVersion d = result.dataset();
    PrintWriter out = root.context().out();
    String status = result instanceof DatasetImportResult.Imported ? "imported" : "already_present";
    if (asJson) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", status);
      body.putAll(detail(d));
      if (object != null) {
        body.put("object", object);
      }
      out.println(json().writeValueAsString(body));
    } else if (result instanceof DatasetImportResult.Imported) {
      out.printf(
          "imported %s (%,d rows, %d columns, %d findings)%n",
          d.ref(), d.rows(), d.profile().columns().size(), d.profile().findings().size());
      printFindings(out, d);
    } else {
      out.printf("already registered as %s (identical file)%n", d.ref());
    }
    if (object != null && !asJson) {
      S3Options.printObject(out, object);
    }
    return 0;
  }

  @Command(name = "list", description = "List datasets.")
  int list(@Option(names = "--json", description = "print JSON") boolean asJson) throws Exception {
    List<DatasetVersion> all = root.workbenchForReading().datasets().list();
    PrintWriter out = root.context().out();
    if (asJson) {
      List<Map<String, Object>> rows = new ArrayList<>();
      all.forEach(d -> rows.add(summary(d)));
      out.println(json().writeValueAsString(rows));
      return 0;
    }
    if (all.isEmpty()) {
      out.println("no datasets yet: assay datasets import FILE");
      return 0;
    }
    out.printf(
        "%-28s %7s %10s %8s  %-12s %s%n",
        "NAME", "VERSION", "ROWS", "COLUMNS", "SHA256", "FINDINGS");
    for (DatasetVersion d : all) {
      out.printf(
          "%-28s %7d %10d %8d  %-12s %d%n",
          d.name(),
          d.version(),
          d.rows(),
          d.profile().columns().size(),
          d.sha256().substring(0, 12),
          d.profile().findings().size());
    }
    return 0;
  }

  @Command(name = "show", description = "Show a dataset's profile and data-quality findings.")
  int show(
      @Parameters(paramLabel = "NAME[:VERSION]") String ref,
      @Option(names = "--json", description = "print JSON") boolean asJson)
      throws Exception {
    DatasetVersion d = root.workbenchForReading().datasets().get(ref);
    PrintWriter out = root.context().out();
    if (asJson) {
      out.println(json().writeValueAsString(detail(d)));
      return 0;
    }
    out.printf("%s: %,d rows, sha256 %s%n", d.ref(), d.rows(), d.sha256());
    out.printf(
        "%-30s %-12s %8s %12s %12s %12s%n", "COLUMN", "TYPE", "MISSING", "MIN", "MAX", "MEAN");
    for (ColumnProfile c : d.profile().columns()) {
      out.printf(
          "%-30s %-12s %8d %12s %12s %12s%n",
          c.name(),
          c.type().name().toLowerCase(java.util.Locale.ROOT),
          c.missing(),
          number(c.min()),
          number(c.max()),
          number(c.mean()));
    }
    printFindings(out, d);
    return 0;
  }

  private static void printFindings(PrintWriter out, DatasetVersion d) {
    for (DataFinding f : d.profile().findings()) {
      out.printf("  %-7s %s%n", f.severity(), f.message());
    }
  }

  private static String number(Double value) {
    return value == null ? "" : String.format(java.util.Locale.ROOT, "%.6g", value);
  }

  static Map<String, Object> summary(DatasetVersion d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("version", d.version());
    m.put("ref", d.ref());
    m.put("sha256", d.sha256());
    m.put("rows", d.rows());
    m.put("columns", d.profile().columns().size());
    m.put("size_bytes", d.sizeBytes());
    m.put("imported_at", d.importedAt().toString());
    m.put("imported_by", d.importedBy());
    m.put("source_path", d.sourcePath());
    return m;
  }

  static Map<String, Object> detail(DatasetVersion d) {
    Map<String, Object> m = summary(d);
    m.put("dialect", d.profile().dialect());
    m.put("profile", d.profile().columns());
    m.put("findings", d.profile().findings());
    return m;
  }

  /** A local file's name as the other commands read one: refused on one line when unreadable. */
  private static Path localFile(String source) {
    try {
      return FileNames.parse(source);
    } catch (FileNames.Refused e) {
      throw new AssayCommand.ExitException(AssayCommand.EXIT_USAGE, e.getMessage());
    }
  }

  /** The JSON printer, made on first use: a command without --json needs none (issue 14). */
  private ObjectMapper json() {
    if (json == null) {
      json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
    return json;
  }
}
