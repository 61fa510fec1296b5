package dev.assay.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.AssayVersion;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.data.ColumnProfile;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunStore;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.model.ModelMetadata;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelCardStore;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.review.ReviewService;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.Database;
import dev.assay.core.store.ProcessScratch;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exports the compliance workbook of an evaluation run: eleven sheets (Summary, Performance,
 * Comparison, Fairness, Explanations, Security, Data, Provenance, Regulatory crosswalk, Audit
 * trail, Sign-off) and optionally the per-row predictions, as an .xlsx file. The export is recorded
 * in the audit trail ({@code report.export}) with the file's SHA-256; a file whose export cannot be
 * recorded is deleted.
 */
public final class ComplianceWorkbook {
  private final ModelRegistry models;
  private final ModelCardStore cards;
  private final DatasetRegistry datasets;
  private final RunStore runs;
  private final ReviewService reviews;
  private final Database database;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;
  private final ProcessScratch scratch;
  private final Path siteCrosswalk;
  private final List<WorkbookSection> sections;
  private final ObjectMapper json;

  /**
   * @param scratch this process's temporary folder (the run's predictions are copied there, and the
   *     partial workbook next to the target is noted there, so a crash leaves nothing behind)
   * @param siteCrosswalk a crosswalk file used instead of the built-in one when it exists
   * @param sections the Comparison, Fairness, Explanations and Security sections, in that order
   */
  public ComplianceWorkbook(
      ModelRegistry models,
      ModelCardStore cards,
      DatasetRegistry datasets,
      RunStore runs,
      ReviewService reviews,
      Database database,
      AuditLog audit,
      Clock clock,
      String osUser,
      ProcessScratch scratch,
      Path siteCrosswalk,
      List<WorkbookSection> sections,
      ObjectMapper json) {
    this.models = models;
    this.cards = cards;
    this.datasets = datasets;
    this.runs = runs;
    this.reviews = reviews;
    this.database = database;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
    this.scratch = scratch;
    this.siteCrosswalk = siteCrosswalk;
    this.sections = List.copyOf(sections);
    this.json = json;
  }

  /** A file name for a run's workbook, e.g. {@code hmda-deny-2-run-3.xlsx}. */
  public static String suggestedFileName(RunSummary run) {
    return run.model().replaceAll("[^A-Za-z0-9._-]+", "-") + "-run-" + run.id() + ".xlsx";
  }

  /** The crosswalk an export would use with these options. */
  public Crosswalk crosswalk(WorkbookOptions options) {
    if (options.crosswalk() != null) {
      return Crosswalk.load(options.crosswalk());
    }
    if (siteCrosswalk != null && Files.isRegularFile(siteCrosswalk)) {
      return Crosswalk.load(siteCrosswalk);
    }
    return Crosswalk.bundled();
  }

  /**
   * Writes the workbook to {@code out} (replacing it) and records the export.
   *
   * @throws AssayException for a run that did not complete, an unknown masked column or report id,
   *     an unreadable crosswalk, or a file that cannot be written
   */
  public WorkbookExport export(
      WorkbookOptions options, Path out, Progress progress, Cancellation cancellation) {
    long started = System.nanoTime();
    Path target = checkTarget(out);
    RunSummary run = runs.get(options.runId());
    if (run.status() != RunStatus.COMPLETED) {
      throw new AssayException(
          "run " + run.id() + " is " + run.status().id() + ": only a completed run has a workbook");
    }
    run.requireLabels("the compliance workbook");
    EvaluationResult result = runs.result(run.id());
    ModelVersion model = models.get(ModelRef.parse(run.model()));
    DatasetVersion dataset = datasets.get(run.datasetId());
    checkMasked(options, dataset);
    Crosswalk crosswalk = crosswalk(options);
    List<ReportInputs.Section> filled = new ArrayList<>();
    for (WorkbookSection section : sections) {
      filled.add(
          new ReportInputs.Section(section, section.content(model, idFor(section, options))));
    }
    Path predictions = null;
    Path partial = null;
    try {
      predictions = Files.createTempFile(scratch.folder(), "report-" + run.id() + "-", ".pred");
      runs.copyPredictions(run.id(), predictions);
      progress.update(0, 1, "bootstrap intervals");
      MetricIntervals.Result intervals =
          new MetricIntervals().compute(predictions, result, 0, progress, cancellation);
      AuditLog.Verification verification = database.readSnapshot(audit::verify);
      ReportInputs in =
          new ReportInputs(
              model,
              models.files(model),
              cards.get(model),
              run,
              result,
              runs.documents(run.id()),
              dataset,
              intervals,
              filled,
              reviews.signOffs(model),
              verification,
              entriesOf(model),
              crosswalk,
              osUser,
              reviews.role(osUser),
              clock.instant(),
              AssayVersion.version(),
              options,
              sensitiveColumns(model, dataset));
      // not createTempFile: its owner-only permissions would stay with the workbook
      Path part =
          target.resolveSibling(
              "." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
      scratch.noteOutside(part);
      partial = Files.createFile(part);
      WorkbookFile.Written written =
          WorkbookFile.write(
              in, predictions, datasets.file(dataset), partial, json, progress, cancellation);
      move(partial, target);
      partial = null;
      String sha = Sha256.ofFile(target);
      record(model, run, target, sha, written, options);
      List<String> notes = notes(in);
      return new WorkbookExport(
          target,
          sha,
          written.sheets(),
          written.predictionRows(),
          (System.nanoTime() - started) / 1e9,
          notes);
    } catch (IOException e) {
      throw new AssayException("cannot write the workbook " + out + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(predictions);
      deleteQuietly(partial);
    }
  }

  private void record(
      ModelVersion model,
      RunSummary run,
      Path target,
      String sha,
      WorkbookFile.Written written,
      WorkbookOptions options) {
    String details =
        "run="
            + run.id()
            + " file="
            + target.getFileName()
            + " sha256="
            + sha
            + " sheets="
            + written.sheets().size()
            + " prediction_rows="
            + written.predictionRows()
            + (options.maskedColumns().isEmpty()
                ? ""
                : " masked=" + String.join(",", options.maskedColumns()));
    try {
      database.inTransaction(
          connection -> {
            audit.append(connection, "report.export", model.ref(), details);
            return null;
          });
    } catch (RuntimeException e) {
      deleteQuietly(target);
      throw new AssayException(
          "the workbook could not be recorded in the audit trail, so it was deleted: "
              + e.getMessage(),
          e);
    }
  }

  private static List<String> notes(ReportInputs in) {
    List<String> notes = new ArrayList<>();
    for (ReportInputs.Section s : in.sections()) {
      if (s.content().isEmpty()) {
        notes.add(s.source().sheetName() + ": not available (no " + s.source().kind() + ")");
      }
    }
    if (in.intervals().subsampled()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "bootstrap intervals from a seeded sample of %,d of %,d rows (rescaled)",
              in.intervals().rowsUsed(),
              in.intervals().rows()));
    }
    if (!in.options().maskedColumns().isEmpty()) {
      notes.add("masked: " + String.join(", ", in.options().maskedColumns()));
    }
    return notes;
  }

  private static Long idFor(WorkbookSection section, WorkbookOptions options) {
    return switch (section.sheetName()) {
      case "Comparison" -> options.compareId();
      case "Fairness" -> options.fairnessId();
      case "Security" -> options.securityId();
      case "Explanations" -> options.explanationId();
      default -> null;
    };
  }

  /**
   * Audit entries about this model version, its runs and its reports (a report of a file with the
   * version's bytes included), oldest first.
   */
  private List<AuditLog.Entry> entriesOf(ModelVersion model) {
    String sameBytes = "sha256=" + model.sha256();
    Set<String> runRefs =
        Set.copyOf(runs.list(model.id()).stream().map(r -> "run:" + r.id()).toList());
    Pattern mention = Pattern.compile("(?<![\\w.-])" + Pattern.quote(model.ref()) + "(?!\\w)");
    return database.read(audit::entries).stream()
        .filter(
            e ->
                e.objectRef().equals(model.ref())
                    || runRefs.contains(e.objectRef())
                    || mention.matcher(e.objectRef()).find()
                    || mention.matcher(e.details()).find()
                    || (e.action().equals("security.report") && e.details().contains(sameBytes)))
        .toList();
  }

  /** The model's sensitive columns ({@code assay.sensitive} metadata) that the dataset has. */
  private List<String> sensitiveColumns(ModelVersion model, DatasetVersion dataset) {
    List<String> names = ModelMetadata.sensitive(model.inspection(), json);
    List<String> columns = dataset.profile().columns().stream().map(ColumnProfile::name).toList();
    return names.stream().filter(columns::contains).distinct().toList();
  }

  private static void checkMasked(WorkbookOptions options, DatasetVersion dataset) {
    List<String> columns = dataset.profile().columns().stream().map(ColumnProfile::name).toList();
    for (String column : options.maskedColumns()) {
      if (!columns.contains(column)) {
        throw new AssayException(
            "cannot mask '"
                + column
                + "': the dataset "
                + dataset.ref()
                + " has no such column (columns: "
                + String.join(", ", columns)
                + ")");
      }
    }
  }

  private static Path checkTarget(Path out) {
    Path target = out.toAbsolutePath().normalize();
    if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
      throw new AssayException(out + ": the workbook file name must end in .xlsx");
    }
    if (!Files.isDirectory(target.getParent())) {
      throw new AssayException(out + ": the folder " + target.getParent() + " does not exist");
    }
    if (Files.isDirectory(target)) {
      throw new AssayException(out + ": is a folder");
    }
    return target;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }
}
