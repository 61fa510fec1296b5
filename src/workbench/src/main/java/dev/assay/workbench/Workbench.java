package dev.assay.workbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.audit.AuditAnchors;
import dev.assay.core.audit.AuditVerification;
import dev.assay.core.audit.AuditVerifier;
import dev.assay.core.audit.Checkpoints;
import dev.assay.core.audit.RecordCoverage;
import dev.assay.core.compare.ComparisonRunner;
import dev.assay.core.compare.ComparisonStore;
import dev.assay.core.driftreports.DriftProfileStore;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.core.eval.EvaluationRunner;
import dev.assay.core.eval.RunStore;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.core.fairness.FairnessService;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.live.MonitorStore;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelCardStore;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.report.ComplianceWorkbook;
import dev.assay.core.review.ReviewService;
import dev.assay.core.security.SecurityServices;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.Leftovers;
import dev.assay.core.store.PredictionStore;
import dev.assay.core.store.ProcessScratch;
import dev.assay.core.store.WorkbenchHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * One open workbench: the core services over one workbench folder, wired together. The launcher
 * opens one and hands it to the desktop UI or the CLI; nothing else constructs core services.
 */
public final class Workbench implements AutoCloseable {
  private final WorkbenchHome home;
  private final ProcessScratch scratch;
  private final Database database;
  private final AuditLog audit;
  private final Checkpoints checkpoints;
  private final OnnxRuntime runtime;
  private final ModelRegistry models;
  private final DatasetRegistry datasets;
  private final RunStore runs;
  private final EvaluationRunner evaluations;
  private final ReviewService reviews;
  private final ModelCardStore modelCards;
  private final ComplianceWorkbook reports;
  private final SecurityServices security;
  private final ComparisonStore comparisonStore;
  private final ComparisonRunner comparisons;
  private final FairnessService fairness;
  private final MonitorStore monitors;
  private final DriftProfileStore driftProfiles;
  private final DriftReportStore driftReports;
  private final dev.assay.core.driftreports.DataContractStore dataContracts;
  private final ExplanationStore explanations;
  private boolean readOnly;

  Workbench(
      WorkbenchHome home,
      ProcessScratch scratch,
      Database database,
      AuditLog audit,
      Checkpoints checkpoints,
      OnnxRuntime runtime,
      ModelRegistry models,
      DatasetRegistry datasets,
      RunStore runs,
      EvaluationRunner evaluations,
      ReviewService reviews,
      SecurityServices security,
      ComparisonStore comparisonStore,
      ComparisonRunner comparisons,
      FairnessService fairness,
      ExplanationStore explanations,
      ModelCardStore modelCards,
      MonitorStore monitors,
      DriftProfileStore driftProfiles,
      DriftReportStore driftReports,
      Clock clock,
      String osUser,
      ObjectMapper json) {
    this.home = home;
    this.scratch = scratch;
    this.database = database;
    this.audit = audit;
    this.checkpoints = checkpoints;
    this.runtime = runtime;
    this.models = models;
    this.datasets = datasets;
    this.runs = runs;
    this.evaluations = evaluations;
    this.reviews = reviews;
    this.security = security;
    this.comparisonStore = comparisonStore;
    this.comparisons = comparisons;
    this.fairness = fairness;
    this.explanations = explanations;
    this.modelCards = modelCards;
    this.monitors = monitors;
    this.driftProfiles = driftProfiles;
    this.driftReports = driftReports;
    this.dataContracts =
        new dev.assay.core.driftreports.DataContractStore(database, audit, json, clock, osUser);
    // last: the analyses' sections read the stores above
    this.reports =
        new ComplianceWorkbook(
            models,
            modelCards,
            datasets,
            runs,
            reviews,
            database,
            audit,
            clock,
            osUser,
            scratch,
            home.root().resolve("reports").resolve("crosswalk.csv"),
            Analysis.sections(this, json),
            json);
  }

  /** Opens (creating when needed) the workbench in {@code home}. */
  public static Workbench open(WorkbenchHome home, Clock clock, String osUser) {
    return open(home, clock, osUser, null);
  }

  /**
   * Opens (creating when needed) the workbench in {@code home} whose database is encrypted with
   * {@code passphrase} (null: not encrypted). A new workbench opened with a passphrase is created
   * encrypted. Any number of processes may have one workbench open; what processes that died left
   * behind (temporary files, runs left running, store folders without a row) is cleaned up here.
   *
   * @throws dev.assay.core.store.EncryptedDatabaseException when the passphrase is missing or wrong
   * @throws dev.assay.core.store.DatabaseBusyException when other processes kept the database busy
   *     for longer than {@link Database#DEFAULT_WAIT}
   * @throws AssayException when the folder or its database cannot be opened
   */
  public static Workbench open(WorkbenchHome home, Clock clock, String osUser, char[] passphrase) {
    return open(home, clock, osUser, passphrase, AuditAnchors.insideWorkbench(home));
  }

  /**
   * Opens the workbench with the audit trail's checkpoints kept at {@code anchors}: the launcher
   * passes the per-user key folder and the site's key and mirror; {@link #open(WorkbenchHome,
   * Clock, String, char[])} keeps everything inside the workbench folder.
   *
   * @throws AssayException when the folder, the database or the audit key cannot be opened
   */
  public static Workbench open(
      WorkbenchHome home, Clock clock, String osUser, char[] passphrase, AuditAnchors anchors) {
    try {
      Files.createDirectories(home.root());
    } catch (IOException e) {
      throw new AssayException(
          "cannot create the workbench folder " + home.root() + ": " + e.getMessage(), e);
    }
    Checkpoints checkpoints = Checkpoints.open(anchors, clock);
    ProcessScratch scratch = ProcessScratch.create(home.tmpDirectory());
    try {
      Database database = Database.open(home.databaseDirectory(), passphrase);
      try {
        Leftovers.sweep(home, database);
        return WorkbenchWiring.wire(home, scratch, database, checkpoints, clock, osUser, false);
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
  }

  /**
   * Opens the workbench in {@code home} for a command that only reads (a list, a show): when no
   * other process has its database open and nothing is left to put right (a run left running by a
   * process that died, records waiting for their audit baseline), the database is opened read-only
   * without H2's mixed-mode server, and nothing in it is written; the audit trail's checkpoint is
   * still brought up to date like at every open. Otherwise it is opened like {@link
   * #open(WorkbenchHome, Clock, String, char[], AuditAnchors)}, so the result is the same either
   * way. A write through a workbench opened read-only fails.
   *
   * @throws AssayException when the folder, the database or the audit key cannot be opened
   */
  public static Workbench openForReading(
      WorkbenchHome home, Clock clock, String osUser, char[] passphrase, AuditAnchors anchors) {
    Database database = Database.openForReading(home.databaseDirectory(), passphrase).orElse(null);
    if (database == null) {
      return open(home, clock, osUser, passphrase, anchors);
    }
    ProcessScratch scratch = null;
    try {
      if (database.read(WorkbenchWiring::somethingToPutRight)) {
        database.close();
        return open(home, clock, osUser, passphrase, anchors);
      }
      Checkpoints checkpoints = Checkpoints.open(anchors, clock);
      scratch = ProcessScratch.create(home.tmpDirectory());
      Workbench workbench =
          WorkbenchWiring.wire(home, scratch, database, checkpoints, clock, osUser, true);
      workbench.readOnly = true;
      return workbench;
    } catch (RuntimeException e) {
      database.close();
      if (scratch != null) {
        scratch.close();
      }
      throw e;
    }
  }

  /** Whether this workbench was opened read-only ({@link #openForReading}). */
  public boolean readOnly() {
    return readOnly;
  }

  public WorkbenchHome home() {
    return home;
  }

  /** This process's temporary folder in the workbench, deleted when the workbench closes. */
  public ProcessScratch scratch() {
    return scratch;
  }

  public ModelRegistry models() {
    return models;
  }

  public DatasetRegistry datasets() {
    return datasets;
  }

  public RunStore runs() {
    return runs;
  }

  public EvaluationRunner evaluations() {
    return evaluations;
  }

  public ReviewService reviews() {
    return reviews;
  }

  /** Model cards (owner, intended use, out-of-scope uses, limitations) of model versions. */
  public ModelCardStore modelCards() {
    return modelCards;
  }

  /** The compliance workbook export. */
  public ComplianceWorkbook reports() {
    return reports;
  }

  /**
   * Checks the audit trail (chain, checkpoints, covered records) and sums it up: intact, or the
   * first problem.
   */
  public AuditLog.Verification verifyAudit() {
    return checkAudit().summary();
  }

  /**
   * Checks the audit trail: the hash chain, the checkpoints kept outside the database, and the
   * sign-off, role and report rows the chain covers (see {@link AuditVerifier}).
   */
  public AuditVerification checkAudit() {
    return database.readSnapshot(
        new AuditVerifier(checkpoints, new PredictionStore(home.predictionStore(), scratch))
            ::verify);
  }

  /**
   * The rows of {@code table} that no longer match the audit entries covering them (changed,
   * inserted or deleted outside Assay), one line each; empty when all match.
   */
  public List<String> auditedRecordProblems(CoveredTable table) {
    return RecordCoverage.problems(database, table);
  }

  /** Where the audit trail's checkpoints and key are kept. */
  public AuditAnchors auditAnchors() {
    return checkpoints.anchors();
  }

  /** Writes a checkpoint of the audit chain now, when it moved on since the last one. */
  public void checkpointAudit() {
    checkpoints.checkpoint(database);
  }

  /** File scans, signatures, isolated loading and stored security reports. */
  public SecurityServices security() {
    return security;
  }

  /** Runs comparisons of model versions. */
  public ComparisonRunner comparisons() {
    return comparisons;
  }

  /** Stored comparisons. */
  public ComparisonStore comparisonStore() {
    return comparisonStore;
  }

  /** Monitored streams and their stored windows. */
  public MonitorStore monitors() {
    return monitors;
  }

  /** Stored explanations ({@code assay explain}). */
  public ExplanationStore explanations() {
    return explanations;
  }

  /** Bias reports on stored runs. */
  public FairnessService fairness() {
    return fairness;
  }

  /** Stored drift reference profiles. */
  public DriftProfileStore driftProfiles() {
    return driftProfiles;
  }

  /** Stored drift reports. */
  public DriftReportStore driftReports() {
    return driftReports;
  }

  /** Data contracts kept with model versions. */
  public dev.assay.core.driftreports.DataContractStore dataContracts() {
    return dataContracts;
  }

  public OnnxRuntime runtime() {
    return runtime;
  }

  public AuditLog audit() {
    return audit;
  }

  /** Audit entries, oldest first. */
  public List<AuditLog.Entry> auditEntries() {
    return database.read(audit::entries);
  }

  /**
   * Registers the sample models of {@code samplesFolder} ({@code NAME-vVERSION.onnx}) and its test
   * datasets ({@code data/*_test.csv}) the first time a workbench starts, so a new user has
   * something to look at. Later starts, and a user who removed them, are left alone.
   *
   * @return one line per sample that could not be registered (empty when all went well)
   */
  public List<String> registerSamplesOnce(Path samplesFolder) {
    return new SampleRegistration(database, models, datasets).registerOnce(samplesFolder);
  }

  @Override
  public void close() {
    try {
      if (!readOnly) { // read-only: nothing moved since the checkpoint at open
        checkpoints.checkpoint(database);
      }
    } catch (RuntimeException e) {
      // the next process checkpoints what this one could not; verify reports the gap meanwhile
    }
    try {
      database.close();
    } finally {
      scratch.close();
    }
  }
}
