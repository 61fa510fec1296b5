package dev.assay.workbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;
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
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.core.registry.ModelCardStore;
import dev.assay.core.registry.ModelRegistry;
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
import dev.assay.core.store.Database;
import dev.assay.core.store.PredictionStore;
import dev.assay.core.store.ProcessScratch;
import dev.assay.core.store.WorkbenchHome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Builds the services of one open workbench over its folder and database, in dependency order: the
 * registries, the run store, the runners, the analyses' stores. The compliance workbook's sections
 * come from {@link Analysis}.
 */
final class WorkbenchWiring {
  private WorkbenchWiring() {}

  static Workbench wire(
      WorkbenchHome home,
      ProcessScratch scratch,
      Database database,
      Checkpoints checkpoints,
      Clock clock,
      String osUser,
      boolean readOnly) {
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
    if (!readOnly) { // read-only: opened only when neither has anything to do
      runs.markInterrupted();
      RecordCoverage.baselineIfPending(database, audit);
    }
    checkpoints.checkpoint(database);
    EvaluationRunner evaluations =
        new EvaluationRunner(runtime, models, datasets, runs, json, clock, tmp);
    ReviewService reviews = new ReviewService(database, audit, clock, osUser);
    SecurityServices security =
        security(home, tmp, database, audit, runtime, models, datasets, clock, osUser, json);
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
        new MonitorStore(database, audit, clock, osUser, json),
        driftProfiles,
        driftReports,
        clock,
        osUser,
        json);
  }

  /**
   * Whether opening would have to write: a run is marked running (in a database no other process
   * holds, so its process died) or records wait for their audit baseline.
   */
  static boolean somethingToPutRight(Connection connection) throws SQLException {
    try (java.sql.PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM eval_run WHERE status = 'running' LIMIT 1");
        java.sql.ResultSet rs = query.executeQuery()) {
      if (rs.next()) {
        return true;
      }
    }
    return RecordCoverage.baselinePending(connection);
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
      String osUser,
      ObjectMapper json) {
    // one mapper for all (they are thread-safe and none is reconfigured): each new one costs a
    // short command several milliseconds of interpreted set-up
    ModelSignatures signatures =
        new ModelSignatures(
            database, models, new TrustedKeys(home.trustDirectory()), audit, clock, osUser);
    IsolatedLoader loader =
        new IsolatedLoader(
            IsolatedLoader.ChildCommand.currentJvm(IsolatedLoader.ChildCommand.DEFAULT_MAIN_CLASS),
            IsolatedLoader.Limits.DEFAULT,
            tmp,
            json);
    return new SecurityServices(
        new ModelScanner(models, signatures, loader, runtime::version, clock),
        signatures,
        new SecurityReports(database, audit, clock, osUser, json),
        loader,
        new RobustnessTester(runtime, models, datasets, json, clock));
  }
}
