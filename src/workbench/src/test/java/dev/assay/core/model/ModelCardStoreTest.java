package dev.assay.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.registry.ModelCardStore;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model cards are kept per model version, survive a restart and are audited. */
class ModelCardStoreTest {
  private static final Path MODELS =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models");
  private static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");

  @TempDir Path temp;

  private Workbench open() {
    return Workbench.open(new WorkbenchHome(temp), Clock.fixed(NOW, ZoneOffset.UTC), "olga");
  }

  @Test
  void aSavedCardIsReadBackAfterRestartAndRecordedInTheAuditTrail() {
    ModelCard saved;
    try (Workbench workbench = open()) {
      ModelVersion model = importSample(workbench);
      assertThat(workbench.modelCards().get(model)).isEqualTo(ModelCard.EMPTY);
      saved =
          workbench
              .modelCards()
              .save(model, ModelCard.of(" Risk team ", "Screening", "Denials", "1990 data"));
      assertThat(saved.owner()).isEqualTo("Risk team");
      assertThat(saved.updatedAt()).isEqualTo(NOW);
      assertThat(saved.updatedBy()).isEqualTo("olga");
      AuditLog.Entry last = workbench.auditEntries().getLast();
      assertThat(last.action()).isEqualTo("model.card");
      assertThat(last.objectRef()).isEqualTo(model.ref());
      assertThat(last.details()).isEqualTo("card_sha256=" + ModelCardStore.hash(saved));
    }
    try (Workbench workbench = open()) {
      ModelVersion model = workbench.models().get(ModelRef.parse("hmda-deny-v1"));
      assertThat(workbench.modelCards().get(model)).isEqualTo(saved);
    }
  }

  @Test
  void savingAgainReplacesTheCardAndPartialUpdatesKeepTheRest() {
    try (Workbench workbench = open()) {
      ModelVersion model = importSample(workbench);
      ModelCard first =
          workbench.modelCards().save(model, ModelCard.of("A", "use", "not this", "limits"));
      ModelCard second = workbench.modelCards().save(model, first.with("B", null, null, ""));
      assertThat(workbench.modelCards().get(model))
          .isEqualTo(second)
          .extracting(ModelCard::owner, ModelCard::intendedUse, ModelCard::limitations)
          .containsExactly("B", "use", "");
    }
  }

  @Test
  void refusesAFieldLongerThanTheLimit() {
    try (Workbench workbench = open()) {
      ModelVersion model = importSample(workbench);
      String tooLong = "x".repeat(ModelCardStore.MAX_FIELD_LENGTH + 1);
      assertThatThrownBy(
              () -> workbench.modelCards().save(model, ModelCard.of("", "", "", tooLong)))
          .isInstanceOf(AssayException.class)
          .hasMessageContaining("limitations");
    }
  }

  private static ModelVersion importSample(Workbench workbench) {
    return workbench
        .models()
        .importModel(
            ImportRequest.of(MODELS.resolve("hmda-deny-v1.onnx")), Progress.NONE, Cancellation.NONE)
        .model();
  }
}
