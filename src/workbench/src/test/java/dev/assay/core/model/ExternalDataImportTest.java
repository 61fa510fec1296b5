package dev.assay.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.store.ContentStore;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.RecordedState;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * External-data references: a weights file beside the model is imported with it; references that
 * leave the model's folder, are links, or do not fit the file are refused before ONNX Runtime opens
 * anything. Files outside the folder are named pipes: opening one for reading blocks, so a check
 * that opened it would hang and the timeout would fail the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExternalDataImportTest {
  private static final RecordedState NOTHING = new RecordedState(0, 0, 0, 0, List.of());
  private static final byte[] WEIGHTS = TestModels.floats(1.5f, -2.5f);

  @TempDir Path dir;
  private Path modelFolder;
  private WorkbenchHome home;
  private Workbench workbench;

  @BeforeEach
  void open() throws Exception {
    modelFolder = Files.createDirectory(dir.resolve("model"));
    home = new WorkbenchHome(dir.resolve("home"));
    workbench = Workbench.open(home, Clock.systemUTC(), "tester");
  }

  @AfterEach
  void close() {
    workbench.close();
  }

  private Path writeModel(ModelProto model) throws Exception {
    return TestModels.write(modelFolder.resolve("model.onnx"), model);
  }

  private ImportResult importModel(Path file) {
    return workbench.models().importModel(ImportRequest.of(file), Progress.NONE, Cancellation.NONE);
  }

  private Path outsidePipe() throws Exception {
    Path pipe = dir.resolve("outside.bin");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
    return pipe;
  }

  private void assertRefused(Path file, String... reasons) {
    assertThatThrownBy(() -> importModel(file))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageStartingWith("model.onnx: tensor 'w' external data")
        .hasMessageContainingAll(reasons);
    assertThat(RecordedState.of(home)).isEqualTo(NOTHING);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void weightsFileBesideTheModelIsImportedAndStoredWithIt() throws Exception {
    Files.write(modelFolder.resolve("weights.bin"), WEIGHTS);
    Path file = writeModel(TestModels.addWithExternalWeights("weights.bin", null, null));

    ImportResult result = importModel(file);

    assertThat(result).isInstanceOf(ImportResult.Imported.class);
    ModelVersion version = result.model();
    Path folder = home.modelStore().resolve(version.sha256());
    assertThat(folder.resolve("weights.bin")).hasBinaryContent(WEIGHTS);
    assertThat(folder.resolve("model.onnx")).hasSameBinaryContentAs(file);
    assertThat(workbench.models().files(version))
        .containsExactly(
            new ContentStore.StoredFile("model.onnx", "model", version.sha256(), Files.size(file)),
            new ContentStore.StoredFile("weights.bin", "external_data", sha256(WEIGHTS), 8));
    assertThat(version.inspection().externalData()).containsExactly("weights.bin");
    assertThat(version.inspection().parameterCount()).isEqualTo(2);
    assertThat(version.inspection().initializerBytes()).isEqualTo(8);
    assertThat(modelFolder.resolve("weights.bin")).hasBinaryContent(WEIGHTS);
  }

  @Test
  void weightsInASubfolderAtAnOffsetAreImported() throws Exception {
    byte[] padded = new byte[4 + WEIGHTS.length + 3];
    System.arraycopy(WEIGHTS, 0, padded, 4, WEIGHTS.length);
    Files.createDirectories(modelFolder.resolve("data"));
    Files.write(modelFolder.resolve("data/weights.bin"), padded);
    Path file = writeModel(TestModels.addWithExternalWeights("data/weights.bin", 4L, 8L));

    ModelVersion version = importModel(file).model();

    assertThat(home.modelStore().resolve(version.sha256()).resolve("data/weights.bin"))
        .hasBinaryContent(padded);
    assertThat(workbench.models().files(version))
        .extracting(ContentStore.StoredFile::relativePath)
        .containsExactly("model.onnx", "data/weights.bin");
  }

  @Test
  void locationWithDotDotIsRefusedAsOutsideTheFolder() throws Exception {
    outsidePipe();
    Path file = writeModel(TestModels.addWithExternalWeights("../outside.bin", null, null));

    assertRefused(file, "'../outside.bin'", "outside the model's folder");
  }

  @Test
  void locationThatClimbsOutThroughASubfolderIsRefused() throws Exception {
    outsidePipe();
    Files.createDirectories(modelFolder.resolve("data"));
    Path file = writeModel(TestModels.addWithExternalWeights("data/../../outside.bin", null, null));

    assertRefused(file, "outside the model's folder");
  }

  @Test
  void absoluteLocationIsRefused() throws Exception {
    Path file = writeModel(TestModels.addWithExternalWeights("/etc/passwd", null, null));

    assertRefused(file, "'/etc/passwd'", "absolute path");
  }

  @Test
  void absoluteLocationOfAPipeIsRefusedWithoutOpeningIt() throws Exception {
    Path pipe = outsidePipe();
    Path file = writeModel(TestModels.addWithExternalWeights(pipe.toString(), null, null));

    assertRefused(file, "absolute path");
  }

  @Test
  void windowsAbsoluteLocationsAreRefused() throws Exception {
    Path drive = writeModel(TestModels.addWithExternalWeights("C:\\weights.bin", null, null));
    assertRefused(drive, "absolute path");

    Path unc =
        writeModel(TestModels.addWithExternalWeights("\\\\server\\share\\w.bin", null, null));
    assertRefused(unc, "absolute path");
  }

  @Test
  void symbolicLinkInsideTheFolderPointingOutsideIsRefused() throws Exception {
    Path pipe = outsidePipe();
    Files.createSymbolicLink(modelFolder.resolve("weights.bin"), pipe);
    Path file = writeModel(TestModels.addWithExternalWeights("weights.bin", null, null));

    assertRefused(file, "symbolic link");
  }

  @Test
  void locationThroughASymbolicallyLinkedFolderIsRefused() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Files.write(elsewhere.resolve("weights.bin"), WEIGHTS);
    Files.createSymbolicLink(modelFolder.resolve("data"), elsewhere);
    Path file = writeModel(TestModels.addWithExternalWeights("data/weights.bin", null, null));

    assertRefused(file, "passes through a symbolic link");
  }

  @Test
  void hardLinkedWeightsFileIsRefused() throws Exception {
    Path outside = Files.write(dir.resolve("outside-weights.bin"), WEIGHTS);
    Files.createLink(modelFolder.resolve("weights.bin"), outside);
    Path file = writeModel(TestModels.addWithExternalWeights("weights.bin", null, null));

    assertRefused(file, "hard link");
  }

  @Test
  void offsetPlusLengthBeyondTheFileIsRefused() throws Exception {
    Files.write(modelFolder.resolve("weights.bin"), WEIGHTS);
    Path file = writeModel(TestModels.addWithExternalWeights("weights.bin", 4L, 8L));

    assertRefused(file, "offset 4 + length 8 lies beyond the end of 'weights.bin' (8 bytes)");
  }

  @Test
  void offsetBeyondTheFileIsRefused() throws Exception {
    Files.write(modelFolder.resolve("weights.bin"), WEIGHTS);
    Path file = writeModel(TestModels.addWithExternalWeights("weights.bin", 100L, null));

    assertRefused(file, "offset 100 lies beyond the end");
  }

  @Test
  void fileShorterThanTheTensorIsRefused() throws Exception {
    Files.write(modelFolder.resolve("weights.bin"), new byte[4]);
    Path file = writeModel(TestModels.addWithExternalWeights("weights.bin", null, null));

    assertRefused(file, "declares 8 bytes but only 4 are present");
  }

  @Test
  void negativeOrNonNumericOffsetIsRefused() throws Exception {
    Files.write(modelFolder.resolve("weights.bin"), WEIGHTS);

    assertRefused(
        writeModel(TestModels.addWithExternalWeights("weights.bin", -1L, null)), "negative");
    assertRefused(
        writeModel(
            TestModels.addWithExternalData(
                new TreeMap<>(Map.of("location", "weights.bin", "offset", "four")))),
        "'four' is not a number");
  }

  @Test
  void missingWeightsFileIsRefused() throws Exception {
    Path file = writeModel(TestModels.addWithExternalWeights("weights.bin", null, null));

    assertRefused(file, "'weights.bin' is missing");
  }

  @Test
  void locationNamingAFolderIsRefused() throws Exception {
    Files.createDirectories(modelFolder.resolve("data"));
    Path file = writeModel(TestModels.addWithExternalWeights("data", null, null));

    assertRefused(file, "not a regular file");
  }
}
