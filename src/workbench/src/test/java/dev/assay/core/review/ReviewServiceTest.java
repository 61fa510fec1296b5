package dev.assay.core.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles and sign-off: who may sign, what a sign-off covers, when it goes stale. */
class ReviewServiceTest {
  private static final Path MODELS =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");

  @TempDir Path temp;
  private Workbench alice;
  private ModelVersion model;
  private DatasetVersion data;

  @BeforeEach
  void open() {
    alice = Workbench.open(new WorkbenchHome(temp), Clock.systemUTC(), "alice");
    model =
        alice
            .models()
            .importModel(
                ImportRequest.of(MODELS.resolve("hmda-deny-v2.onnx")),
                Progress.NONE,
                Cancellation.NONE)
            .model();
    data =
        alice
            .datasets()
            .importDataset(
                MODELS.resolve("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
            .dataset();
  }

  @AfterEach
  void close() {
    alice.close();
  }

  private EvaluationResult evaluate() {
    return alice
        .evaluations()
        .run(
            new EvaluationRequest(
                model,
                data,
                "deny",
                null,
                null,
                List.of(),
                ExecutionProvider.CPU,
                0,
                0,
                null,
                false),
            Progress.NONE,
            Cancellation.NONE);
  }

  @Test
  void everyoneIsAnAnalystAndAnalystsCannotSignOff() {
    assertThat(alice.reviews().role("alice")).isEqualTo(Role.ANALYST);
    assertThatThrownBy(() -> alice.reviews().signOff(model, Decision.APPROVED, null, null, null))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("alice is not a reviewer");
  }

  @Test
  void afterTheFirstReviewerOnlyReviewersGrantRoles() {
    alice.reviews().grant("alice", Role.REVIEWER);
    alice.reviews().grant("bob", Role.ANALYST);
    alice.close();
    alice = Workbench.open(new WorkbenchHome(temp), Clock.systemUTC(), "bob");
    assertThatThrownBy(() -> alice.reviews().grant("bob", Role.REVIEWER))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("only a reviewer");
    assertThat(alice.reviews().role("bob")).isEqualTo(Role.ANALYST);
  }

  @Test
  void aSignOffCoversTheNewestRunAndGoesStaleWhenANewerRunExists() {
    EvaluationResult first = evaluate();
    alice.reviews().grant("alice", Role.REVIEWER);

    SignOff signed =
        alice
            .reviews()
            .signOff(model, Decision.APPROVED_WITH_CONDITIONS, "monitor afam", null, "MRO");

    assertThat(signed.runId()).isEqualTo(first.run().id());
    assertThat(signed.modelSha256()).isEqualTo(model.sha256());
    assertThat(signed.runResultSha256()).hasSize(64);
    assertThat(signed.stale()).isFalse();
    assertThat(alice.auditEntries().getLast().action())
        .isEqualTo("signoff.approved_with_conditions");

    EvaluationResult second = evaluate();
    SignOff now = alice.reviews().current(model).orElseThrow();
    assertThat(now.stale()).isTrue();
    assertThat(now.staleReasons())
        .anySatisfy(r -> assertThat(r).contains("run " + second.run().id()));
  }

  @Test
  void conditionsAreRequiredForAConditionalApproval() {
    alice.reviews().grant("alice", Role.REVIEWER);
    assertThatThrownBy(
            () ->
                alice.reviews().signOff(model, Decision.APPROVED_WITH_CONDITIONS, " ", null, null))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("conditions");
  }
}
