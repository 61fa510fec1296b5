package dev.assay.workbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
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
import dev.assay.core.fairness.FairnessStore;
import dev.assay.core.inference.OnnxInspector;
import dev.assay.core.inference.OnnxRuntime;
import dev.assay.core.live.MonitorStore;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelCardStore;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.report.ComparisonSection;
import dev.assay.core.report.ComplianceWorkbook;
import dev.assay.core.report.DriftSection;
import dev.assay.core.report.ExplanationSection;
import dev.assay.core.report.FairnessSection;
import dev.assay.core.report.SecuritySection;
import dev.assay.core.review.ReviewService;
import dev.assay.core.security.IsolatedLoader;
import dev.assay.core.security.ModelScanner;
import dev.assay.core.security.ModelSignatures;
import dev.assay.core.security.RobustnessTester;
import dev.assay.core.security.SecurityReports;
import dev.assay.core.security.SecurityServices;
import dev.assay.core.security.TrustedKeys;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.ContentStore;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.Database;
import dev.assay.core.store.Leftovers;
import dev.assay.core.store.PredictionStore;
import dev.assay.core.store.ProcessScratch;
import dev.assay.core.store.WorkbenchHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One open workbench: the core services over one workbench folder, wired together. The launcher
 * opens one and hands it to the desktop UI or the CLI; nothing else constructs core services.
 */
public final class Workbench implements AutoCloseable {
  private static final Pattern SAMPLE_FILE = Pattern.compile("(.+)-v(\\d+)\\.onnx");
  private static final String SAMPLES_FACT = "samples.registered";

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
  private final ExplanationStore explanations;

  private Workbench(
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
      ComplianceWorkbook reports,
      MonitorStore monitors,
      DriftProfileStore driftProfiles,
      DriftReportStore driftReports) {
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
    this.reports = reports;
    this.monitors = monitors;
    this.driftProfiles = driftProfiles;
    this.driftReports = driftReports;
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
        return wire(home, scratch, database, checkpoints, clock, osUser);
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
  }

  private static Workbench wire(
      WorkbenchHome home,
      ProcessScratch scratch,
      Database database,
      Checkpoints checkpoints,
      Clock clock,
      String osUser) {
    Path tmp = scratch.folder();
    AuditLog audit = new AuditLog(clock, osUser, checkpoints);
    OnnxRuntime runtime = new OnnxRuntime();
    ObjectMapper json = Json.newMapper();
    ModelRegistry models =
        new ModelRegistry(
            database,
            new ContentStore(home.modelStore(), scratch),
            new OnnxInspector(runtime),
            audit,
            clock,
            osUser,
            json);
    DatasetRegistry datasets =
        new DatasetRegistry(
            database, new ContentStore(home.datasetStore(), scratch), audit, clock, osUser, json);
    PredictionStore predictionFiles = new PredictionStore(home.predictionStore(), scratch);
    RunStore runs = new RunStore(database, audit, clock, osUser, json, predictionFiles);
    runs.markInterrupted();
    RecordCoverage.baselineIfPending(database, audit);
    checkpoints.checkpoint(database);
    EvaluationRunner evaluations =
        new EvaluationRunner(runtime, models, datasets, runs, json, clock, tmp);
    ReviewService reviews = new ReviewService(database, audit, clock, osUser);
    SecurityServices security =
        security(home, tmp, database, audit, runtime, models, datasets, clock, osUser);
    ComparisonStore comparisonStore = new ComparisonStore(database, audit, runs, osUser, json);
    ComparisonRunner comparisons =
        new ComparisonRunner(runtime, models, datasets, runs, comparisonStore, json, clock, tmp);
    FairnessService fairness =
        new FairnessService(
            runs, datasets, new FairnessStore(database, audit, json), clock, osUser, tmp);
    ModelCardStore cards = new ModelCardStore(database, audit, clock, osUser);
    DriftProfileStore driftProfiles =
        new DriftProfileStore(
            database, audit, home.driftProfileStore(), scratch, json, clock, osUser);
    DriftReportStore driftReports = new DriftReportStore(database, audit, json, clock, osUser);
    ExplanationStore explanations = new ExplanationStore(database, audit, clock, osUser);
    ComplianceWorkbook reports =
        new ComplianceWorkbook(
            models,
            cards,
            datasets,
            runs,
            reviews,
            database,
            audit,
            clock,
            osUser,
            scratch,
            home.root().resolve("reports").resolve("crosswalk.csv"),
            List.of(
                new ComparisonSection(comparisonStore),
                new FairnessSection(fairness.reports()),
                new ExplanationSection(explanations, json),
                new SecuritySection(security.reports(), json),
                new DriftSection(driftReports)),
            json);
    return new Workbench(
        home,
        scratch,
        database,
        audit,
        checkpoints,
        runtime,
        models,
        datasets,
        runs,
        evaluations,
        reviews,
        security,
        comparisonStore,
        comparisons,
        fairness,
        explanations,
        cards,
        reports,
        new MonitorStore(database, audit, clock, osUser, json),
        driftProfiles,
        driftReports);
  }

  private static SecurityServices security(
      WorkbenchHome home,
      Path tmp,
      Database database,
      AuditLog audit,
      OnnxRuntime runtime,
      ModelRegistry models,
      DatasetRegistry datasets,
      Clock clock,
      String osUser) {
    ModelSignatures signatures =
        new ModelSignatures(
            database, models, new TrustedKeys(home.trustDirectory()), audit, clock, osUser);
    IsolatedLoader loader =
        new IsolatedLoader(
            IsolatedLoader.ChildCommand.currentJvm(IsolatedLoader.ChildCommand.DEFAULT_MAIN_CLASS),
            IsolatedLoader.Limits.DEFAULT,
            tmp,
            Json.newMapper());
    return new SecurityServices(
        new ModelScanner(models, signatures, loader, runtime::version, clock),
        signatures,
        new SecurityReports(database, audit, clock, osUser, Json.newMapper()),
        loader,
        new RobustnessTester(runtime, models, datasets, Json.newMapper(), clock));
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
    return database.read(
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
    if (samplesFolder == null || !Files.isDirectory(samplesFolder) || fact(SAMPLES_FACT) != null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(samplesFolder)) {
      for (Path file : files.sorted().toList()) {
        Matcher m = SAMPLE_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        try {
          models.importModel(
              new ImportRequest(
                  file, m.group(1), Integer.valueOf(m.group(2)), "sample model", List.of("sample")),
              Progress.NONE,
              Cancellation.NONE);
        } catch (AssayException e) {
          problems.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      problems.add("cannot list the sample models in " + samplesFolder + ": " + e.getMessage());
    }
    Path data = samplesFolder.resolve("data");
    if (Files.isDirectory(data)) {
      try (Stream<Path> files = Files.list(data)) {
        for (Path file : files.sorted().toList()) {
          if (file.getFileName().toString().endsWith("_test.csv")) {
            try {
              datasets.importDataset(file, null, Progress.NONE, Cancellation.NONE);
            } catch (AssayException e) {
              problems.add(e.getMessage());
            }
          }
        }
      } catch (IOException e) {
        problems.add("cannot list the sample datasets in " + data + ": " + e.getMessage());
      }
    }
    setFact(SAMPLES_FACT, "true");
    return problems;
  }

  private String fact(String key) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT fact_value FROM workbench_fact WHERE fact_key = ?")) {
            query.setString(1, key);
            try (ResultSet rs = query.executeQuery()) {
              return rs.next() ? rs.getString(1) : null;
            }
          }
        });
  }

  private void setFact(String key, String value) {
    database.inTransaction(
        connection -> {
          try (PreparedStatement merge =
              connection.prepareStatement(
                  "MERGE INTO workbench_fact (fact_key, fact_value) KEY (fact_key) VALUES (?, ?)")) {
            merge.setString(1, key);
            merge.setString(2, value);
            return merge.executeUpdate();
          }
        });
  }

  @Override
  public void close() {
    try {
      checkpoints.checkpoint(database);
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
