package dev.assay.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Database encryption at rest: round trip, wrong and missing passphrase, no plaintext on disk. */
class EncryptedWorkbenchTest {
  private static final Path MODEL =
      Path.of(System.getProperty("assay.repo.root", ".")).resolve("models/hmda-deny-v2.onnx");

  @TempDir Path temp;

  private Workbench open(String passphrase) {
    return Workbench.open(
        new WorkbenchHome(temp),
        Clock.systemUTC(),
        "tester",
        passphrase == null ? null : passphrase.toCharArray());
  }

  @Test
  void anEncryptedWorkbenchReopensWithItsPassphraseOnly() throws Exception {
    ModelVersion imported;
    try (Workbench workbench = open("correct horse")) {
      imported =
          workbench
              .models()
              .importModel(ImportRequest.of(MODEL), Progress.NONE, Cancellation.NONE)
              .model();
    }

    assertThatThrownBy(() -> open(null))
        .isInstanceOf(EncryptedDatabaseException.class)
        .hasMessageContaining("encrypted")
        .hasMessageContaining("ASSAY_DB_PASSPHRASE");
    assertThatThrownBy(() -> open("wrong horse"))
        .isInstanceOf(EncryptedDatabaseException.class)
        .hasMessageContaining("passphrase");
    try (Workbench workbench = open("correct horse")) {
      assertThat(workbench.models().list()).containsExactly(imported);
      assertThat(workbench.verifyAudit().intact()).isTrue();
    }

    byte[] onDisk = Files.readAllBytes(temp.resolve("db").resolve("assay.mv.db"));
    assertThat(new String(onDisk, StandardCharsets.ISO_8859_1))
        .as("no readable registry content in the database file")
        .doesNotContain("hmda-deny")
        .doesNotContain("model_version")
        .doesNotContain(imported.sha256());
  }

  @Test
  void aPlainWorkbenchKeepsWorkingWithoutAPassphrase() {
    try (Workbench workbench = open(null)) {
      workbench.models().importModel(ImportRequest.of(MODEL), Progress.NONE, Cancellation.NONE);
    }
    try (Workbench workbench = open(null)) {
      assertThat(workbench.models().list()).hasSize(1);
    }
    byte[] onDisk;
    try {
      onDisk = Files.readAllBytes(temp.resolve("db").resolve("assay.mv.db"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(new String(onDisk, StandardCharsets.ISO_8859_1))
        .as("the test above would notice plaintext")
        .contains("hmda-deny");
  }
}
