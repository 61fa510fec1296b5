package dev.assay.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.CoveredTable;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification while Assay itself writes: a covered row updated together with its new audit entry,
 * and checkpoints written after those commits, must never read as a broken trail. (CI once saw
 * "eval_run 5 was changed outside Assay" from {@code assay audit verify} run while an evaluation
 * completed: the entries and the rows were read in separate statements, each seeing a different
 * commit.)
 */
class AuditVerifyUnderWritesTest {
  @TempDir Path temp;

  @Test
  void verificationDuringWritesAlwaysReadsOneConsistentState() throws Exception {
    WorkbenchHome home = new WorkbenchHome(temp.resolve("wb"));
    AuditAnchors inside = AuditAnchors.insideWorkbench(home);
    AuditAnchors anchors =
        new AuditAnchors(
            inside.checkpointLog(),
            temp.resolve("mirror").resolve("checkpoints.log"),
            temp.resolve("user-config").resolve("audit.key"),
            null);
    try (Workbench workbench = Workbench.open(home, Clock.systemUTC(), "tester", null, anchors)) {
      Path copy = Files.copy(TestModels.sample("hmda-deny-v1.onnx"), temp.resolve("m.onnx"));
      ModelVersion model =
          workbench
              .models()
              .importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE)
              .model();
      AtomicBoolean writing = new AtomicBoolean(true);
      int writes = 150;
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try {
                  for (int i = 0; i < writes; i++) {
                    workbench
                        .modelCards()
                        .save(model, new ModelCard("team " + i, "lending", "", "", null, null));
                    if (i % 3 == 0) {
                      workbench.checkpointAudit();
                    }
                  }
                } finally {
                  writing.set(false);
                }
              });
      List<String> falseAlarms = Collections.synchronizedList(new ArrayList<>());
      int checks = 0;
      while (writing.get() || checks < 20) {
        AuditVerification verification = workbench.checkAudit();
        if (!verification.intact()) {
          falseAlarms.add(verification.summary().problem());
        }
        List<String> rows = workbench.auditedRecordProblems(CoveredTable.MODEL_CARD);
        falseAlarms.addAll(rows);
        checks++;
      }
      writer.get(2, TimeUnit.MINUTES);
      assertThat(checks).isGreaterThan(20);
      assertThat(falseAlarms).as("problems reported during %d verifications", checks).isEmpty();
      assertThat(workbench.checkAudit().intact()).isTrue();
    }
  }
}
