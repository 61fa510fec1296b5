package dev.assay.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.NotFoundException;
import dev.assay.core.Progress;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.ContentStore;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.RecordedState;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123456Z");

  @TempDir Path dir;
  private WorkbenchHome home;
  private Workbench workbench;

  @BeforeEach
  void open() {
    home = new WorkbenchHome(dir.resolve("home"));
    workbench = Workbench.open(home, Clock.fixed(NOW, ZoneOffset.UTC), "tester");
  }

  @AfterEach
  void close() {
    workbench.close();
  }

  private Path model(String fileName, float a, float b) throws Exception {
    return TestModels.write(
        dir.resolve("in").resolve(fileName), TestModels.addWithInlineWeights(a, b));
  }

  private ImportResult importAs(Path file, String name, Integer version) {
    return workbench
        .models()
        .importModel(
            new ImportRequest(file, name, version, null, List.of()),
            Progress.NONE,
            Cancellation.NONE);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void differentFilesUnderOneNameBecomeVersionsOneAndTwo() throws Exception {
    ImportResult first = importAs(model("a.onnx", 1, 2), "adder", null);
    ImportResult second = importAs(model("b.onnx", 3, 4), "adder", null);

    assertThat(first).isInstanceOf(ImportResult.Imported.class);
    assertThat(second).isInstanceOf(ImportResult.Imported.class);
    assertThat(first.model().ref()).isEqualTo("adder:1");
    assertThat(second.model().ref()).isEqualTo("adder:2");
    assertThat(workbench.models().list())
        .extracting(ModelVersion::ref)
        .containsExactly("adder:1", "adder:2");
    assertThat(workbench.models().get(ModelRef.parse("adder")).version())
        .as("a reference without version names the newest")
        .isEqualTo(2);
  }

  @Test
  void nameDefaultsToTheFileNameWithoutOnnx() throws Exception {
    ImportResult result = importAs(model("credit risk.onnx", 1, 2), null, null);

    assertThat(result.model().ref()).isEqualTo("credit-risk:1");
  }

  @Test
  void explicitVersionIsHonouredAndTheNextImportContinuesAfterIt() throws Exception {
    ImportResult explicit = importAs(model("a.onnx", 1, 2), "adder", 7);
    ImportResult next = importAs(model("b.onnx", 3, 4), "adder", null);

    assertThat(explicit.model().version()).isEqualTo(7);
    assertThat(next.model().version()).isEqualTo(8);
  }

  @Test
  void duplicateExplicitVersionIsRefusedAndLeavesNothingBehind() throws Exception {
    importAs(model("a.onnx", 1, 2), "adder", 3);
    RecordedState before = RecordedState.of(home);
    Path other = model("b.onnx", 3, 4);

    assertThatThrownBy(() -> importAs(other, "adder", 3))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("adder:3 already exists");

    assertThat(RecordedState.of(home)).isEqualTo(before);
    assertThat(home.modelStore().resolve(sha256(other))).doesNotExist();
  }

  @Test
  void invalidNamesAndVersionsAreRefusedBeforeAnythingIsRecorded() throws Exception {
    Path file = model("a.onnx", 1, 2);

    assertThatThrownBy(() -> importAs(file, "../evil", null))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("not a valid model name");
    assertThatThrownBy(() -> importAs(file, "adder", 0))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("version must be 1 or more");
    assertThat(RecordedState.of(home)).isEqualTo(new RecordedState(0, 0, 0, 0, List.of()));
  }

  @Test
  void identicalFileReimportReportsTheExistingVersionAndAddsNothing() throws Exception {
    Path file = model("a.onnx", 1, 2);
    ModelVersion original = importAs(file, "adder", null).model();
    RecordedState before = RecordedState.of(home);
    Path copy = Files.copy(file, dir.resolve("copy-elsewhere.onnx"));

    ImportResult again = importAs(file, "adder", null);
    ImportResult copyUnderOtherName = importAs(copy, "other", null);

    assertThat(again).isInstanceOf(ImportResult.AlreadyPresent.class);
    assertThat(again.model()).isEqualTo(original);
    assertThat(copyUnderOtherName).isInstanceOf(ImportResult.AlreadyPresent.class);
    assertThat(copyUnderOtherName.model().ref()).isEqualTo("adder:1");
    assertThat(RecordedState.of(home)).isEqualTo(before);
  }

  @Test
  void removeDeletesTheRowTheStoredFolderAndWritesAnAuditEntry() throws Exception {
    ModelVersion kept = importAs(model("a.onnx", 1, 2), "adder", null).model();
    ModelVersion gone = importAs(model("b.onnx", 3, 4), "adder", null).model();
    Path goneFolder = home.modelStore().resolve(gone.sha256());
    assertThat(goneFolder).isDirectory();

    ModelVersion removed = workbench.models().remove(ModelRef.parse("adder:2"));

    assertThat(removed.ref()).isEqualTo("adder:2");
    assertThat(workbench.models().list()).extracting(ModelVersion::ref).containsExactly("adder:1");
    assertThat(goneFolder).doesNotExist();
    assertThat(home.modelStore().resolve(kept.sha256())).isDirectory();
    RecordedState state = RecordedState.of(home);
    assertThat(state.modelVersions()).isEqualTo(1);
    assertThat(state.modelFiles()).as("file rows go with the version").isEqualTo(1);
    AuditLog.Entry last = workbench.auditEntries().getLast();
    assertThat(last.action()).isEqualTo("model.remove");
    assertThat(last.objectRef()).isEqualTo("adder:2");
    assertThat(last.details()).contains(gone.sha256());
    assertThatThrownBy(() -> workbench.models().get(ModelRef.parse("adder:2")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void removeNeedsAnExistingExplicitVersion() throws Exception {
    importAs(model("a.onnx", 1, 2), "adder", null);

    assertThatThrownBy(() -> workbench.models().remove(ModelRef.parse("adder")))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("adder:VERSION");
    assertThatThrownBy(() -> workbench.models().remove(ModelRef.parse("adder:9")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("adder:9");
    assertThatThrownBy(() -> workbench.models().remove(ModelRef.parse("nobody:1")))
        .isInstanceOf(NotFoundException.class);
    assertThat(workbench.models().list()).hasSize(1);
  }

  @Test
  void importNeverModifiesTheOriginalFile() throws Exception {
    Path file = model("a.onnx", 1, 2);
    FileTime past = FileTime.from(Instant.parse("2020-05-06T07:08:09Z"));
    Files.setLastModifiedTime(file, past);
    byte[] bytes = Files.readAllBytes(file);
    var permissions = Files.getPosixFilePermissions(file);

    ModelVersion imported = importAs(file, "adder", null).model();
    workbench.models().remove(ModelRef.parse(imported.ref()));

    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(past);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(permissions);
  }

  @Test
  void storedCopyLivesInTheContentAddressedFolderAndHasTheSameHash() throws Exception {
    Path file = model("a.onnx", 1, 2);
    String expectedSha = sha256(file);

    ModelVersion version = importAs(file, "adder", null).model();

    Path stored = home.modelStore().resolve(expectedSha).resolve("a.onnx");
    assertThat(home.root().resolve("store/models/" + expectedSha + "/a.onnx")).isEqualTo(stored);
    assertThat(version.sha256()).isEqualTo(expectedSha);
    assertThat(version.sizeBytes()).isEqualTo(Files.size(file));
    assertThat(workbench.models().modelFile(version)).isEqualTo(stored);
    assertThat(sha256(stored)).isEqualTo(expectedSha);
    assertThat(Files.getPosixFilePermissions(stored))
        .as("stored copies are read-only")
        .doesNotContain(
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    assertThat(workbench.models().files(version))
        .containsExactly(
            new ContentStore.StoredFile("a.onnx", "model", expectedSha, Files.size(file)));
    assertThat(RecordedState.of(home).storeEntries()).containsExactly(expectedSha);
  }

  @Test
  void importRecordsNameTagsNotesUserSourcePathAndTime() throws Exception {
    Path file = model("a.onnx", 1, 2);

    ModelVersion version =
        workbench
            .models()
            .importModel(
                new ImportRequest(file, "adder", null, "first try", List.of("b", " a ", "a", " ")),
                Progress.NONE,
                Cancellation.NONE)
            .model();

    ModelVersion reread = workbench.models().get(ModelRef.parse("adder:1"));
    assertThat(reread).isEqualTo(version);
    assertThat(reread.name()).isEqualTo("adder");
    assertThat(reread.tags()).containsExactly("a", "b");
    assertThat(reread.notes()).isEqualTo("first try");
    assertThat(reread.importedBy()).isEqualTo("tester");
    assertThat(reread.importedAt()).isEqualTo(NOW);
    assertThat(reread.sourcePath()).isEqualTo(file.toAbsolutePath().normalize().toString());
    assertThat(reread.inspection().inputs())
        .extracting(ModelInspection.ValueSignature::name)
        .containsExactly("x");
  }

  @Test
  void registrySurvivesClosingAndReopeningTheWorkbench() throws Exception {
    ModelVersion version = importAs(model("a.onnx", 1, 2), "adder", null).model();
    workbench.close();

    workbench = Workbench.open(home, Clock.systemUTC(), "someone-else");

    assertThat(workbench.models().list()).containsExactly(version);
  }

  @Test
  void auditLogChainsEveryEntryToThePreviousOne() throws Exception {
    importAs(model("a.onnx", 1, 2), "adder", null);
    importAs(model("b.onnx", 3, 4), "adder", null);
    workbench.models().remove(ModelRef.parse("adder:1"));

    List<AuditLog.Entry> entries = workbench.auditEntries();

    assertThat(entries)
        .extracting(AuditLog.Entry::action, AuditLog.Entry::objectRef)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("model.import", "adder:1"),
            org.assertj.core.groups.Tuple.tuple("model.import", "adder:2"),
            org.assertj.core.groups.Tuple.tuple("model.remove", "adder:1"));
    String previous = AuditLog.GENESIS;
    for (AuditLog.Entry entry : entries) {
      assertThat(entry.previousHash()).isEqualTo(previous);
      assertThat(entry.osUser()).isEqualTo("tester");
      assertThat(entry.recordedAt()).isEqualTo(NOW);
      assertThat(entry.entryHash())
          .isEqualTo(
              AuditLog.hash(
                  entry.previousHash(),
                  entry.recordedAt(),
                  entry.osUser(),
                  entry.action(),
                  entry.objectRef(),
                  entry.details()));
      previous = entry.entryHash();
    }
    assertThat(entries.stream().map(AuditLog.Entry::entryHash).distinct()).hasSize(3);
  }

  @Test
  void editingAnAuditEntryAfterTheFactNoLongerMatchesItsHash() throws Exception {
    importAs(model("a.onnx", 1, 2), "adder", null);
    String url = "jdbc:h2:file:" + home.databaseDirectory().resolve("assay") + ";AUTO_SERVER=TRUE";
    try (Connection connection = DriverManager.getConnection(url, "assay", "");
        PreparedStatement update =
            connection.prepareStatement("UPDATE audit_entry SET details = ?")) {
      update.setString(1, "sha256=forged");
      update.executeUpdate();
    }

    AuditLog.Entry entry = workbench.auditEntries().getFirst();

    assertThat(entry.entryHash())
        .isNotEqualTo(
            AuditLog.hash(
                entry.previousHash(),
                entry.recordedAt(),
                entry.osUser(),
                entry.action(),
                entry.objectRef(),
                entry.details()));
  }

  @Test
  void samplesAreRegisteredOnceUnderTheirNamesAndVersions() throws Exception {
    Path samples = TestModels.repoRoot().resolve("models");

    List<String> problems = workbench.registerSamplesOnce(samples);
    workbench.models().remove(ModelRef.parse("hmda-deny:1"));
    List<String> later = workbench.registerSamplesOnce(samples);

    assertThat(problems).isEmpty();
    assertThat(later).isEmpty();
    assertThat(workbench.models().list())
        .extracting(ModelVersion::ref)
        .containsExactly("breast-cancer:1", "hmda-deny:2", "hmda-deny:3");
    assertThat(workbench.models().list())
        .allSatisfy(v -> assertThat(v.tags()).containsExactly("sample"));
  }
}
