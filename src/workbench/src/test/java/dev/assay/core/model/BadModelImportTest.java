package dev.assay.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.RecordedState;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files that are not usable ONNX models are refused with the file and the reason, and leave no
 * trace.
 */
class BadModelImportTest {
  private static final RecordedState NOTHING = new RecordedState(0, 0, 0, 0, List.of());

  @TempDir Path dir;
  private WorkbenchHome home;
  private Workbench workbench;

  @BeforeEach
  void open() {
    home = new WorkbenchHome(dir.resolve("home"));
    workbench = Workbench.open(home, Clock.systemUTC(), "tester");
  }

  @AfterEach
  void close() {
    workbench.close();
  }

  /** Bytes of a bad model file, made in the test. */
  @FunctionalInterface
  interface BadBytes {
    byte[] make() throws Exception;
  }

  static Stream<Arguments> badFiles() {
    byte[] png = {
      (byte) 0x89,
      'P',
      'N',
      'G',
      '\r',
      '\n',
      0x1a,
      '\n',
      0,
      0,
      0,
      13,
      'I',
      'H',
      'D',
      'R',
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      1,
      8,
      6,
      0,
      0,
      0,
      0x1f,
      0x15,
      (byte) 0xc4,
      (byte) 0x89
    };
    ModelProto identity = TestModels.identity(8, 13);
    return Stream.of(
        Arguments.of("empty file", (BadBytes) () -> new byte[0], "empty"),
        Arguments.of(
            "sample model cut in half",
            (BadBytes)
                () -> {
                  byte[] whole = Files.readAllBytes(TestModels.sample("hmda-deny-v2.onnx"));
                  return Arrays.copyOf(whole, whole.length / 2);
                },
            "truncated"),
        Arguments.of(
            "CSV text",
            (BadBytes) () -> "name,age\nalice,31\nbob,42\n".getBytes(StandardCharsets.UTF_8),
            "not an ONNX model"),
        Arguments.of("PNG image", (BadBytes) () -> png, "not an ONNX model"),
        Arguments.of(
            "bytes 0xff",
            (BadBytes) () -> new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff},
            "not an ONNX model"),
        Arguments.of(
            "1 KiB of random bytes",
            (BadBytes)
                () -> {
                  byte[] random = new byte[1024];
                  new Random(42).nextBytes(random);
                  return random;
                },
            "not an ONNX model"),
        Arguments.of(
            "sample model cut after three quarters",
            (BadBytes)
                () -> {
                  byte[] whole = Files.readAllBytes(TestModels.sample("breast-cancer-v1.onnx"));
                  return Arrays.copyOf(whole, whole.length * 3 / 4);
                },
            "truncated"),
        Arguments.of(
            "protobuf without IR version or graph",
            (BadBytes) () -> ModelProto.newBuilder().setProducerName("x").build().toByteArray(),
            "no IR version"),
        Arguments.of(
            "protobuf with IR version but no graph",
            (BadBytes)
                () ->
                    ModelProto.newBuilder()
                        .setIrVersion(8)
                        .addOpsetImport(TestModels.opset("", 13))
                        .build()
                        .toByteArray(),
            "no graph"),
        Arguments.of(
            "future IR version 99",
            (BadBytes) () -> identity.toBuilder().setIrVersion(99).build().toByteArray(),
            "IR version 99 is newer than"),
        Arguments.of(
            "future opset ai.onnx 99",
            (BadBytes) () -> TestModels.identity(8, 99).toByteArray(),
            "opset ai.onnx 99 is newer than"),
        Arguments.of(
            "future opset ai.onnx.ml 99",
            (BadBytes) () -> TestModels.mlNormalizer(8, 99).toByteArray(),
            "opset ai.onnx.ml 99 is newer than"),
        Arguments.of(
            "operator ONNX Runtime does not know",
            (BadBytes)
                () ->
                    identity.toBuilder()
                        .setGraph(
                            identity.getGraph().toBuilder()
                                .setNode(
                                    0,
                                    NodeProto.newBuilder()
                                        .setOpType("NoSuchOperator")
                                        .addInput("x")
                                        .addOutput("y")))
                        .build()
                        .toByteArray(),
            "ONNX Runtime cannot load it"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badFileIsRefusedNamingFileAndReasonAndNothingIsRecorded(
      String description, BadBytes bytes, String reason) throws Exception {
    Path file = Files.write(dir.resolve("bad-model.onnx"), bytes.make());

    assertThatThrownBy(
            () ->
                workbench
                    .models()
                    .importModel(ImportRequest.of(file), Progress.NONE, Cancellation.NONE))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessageStartingWith("bad-model.onnx: ")
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((ModelRejectedException) e).file()).isEqualTo(file));

    assertThat(RecordedState.of(home)).isEqualTo(NOTHING);
    assertThat(workbench.models().list()).isEmpty();
  }

  @Test
  void missingFileAndFolderAreRefusedByName() throws Exception {
    Path missing = dir.resolve("nowhere.onnx");
    Path folder = Files.createDirectory(dir.resolve("folder.onnx"));

    assertThatThrownBy(
            () ->
                workbench
                    .models()
                    .importModel(ImportRequest.of(missing), Progress.NONE, Cancellation.NONE))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessage("nowhere.onnx: file not found");
    assertThatThrownBy(
            () ->
                workbench
                    .models()
                    .importModel(ImportRequest.of(folder), Progress.NONE, Cancellation.NONE))
        .isInstanceOf(ModelRejectedException.class)
        .hasMessage("folder.onnx: not a regular file");
    assertThat(RecordedState.of(home)).isEqualTo(NOTHING);
  }

  @Test
  void aRefusalDoesNotDisturbModelsAlreadyRegistered() throws Exception {
    Path good = TestModels.write(dir.resolve("good.onnx"), TestModels.identity(8, 13));
    workbench.models().importModel(ImportRequest.of(good), Progress.NONE, Cancellation.NONE);
    RecordedState before = RecordedState.of(home);
    Path bad = Files.write(dir.resolve("good-v2.onnx"), new byte[] {1, 2, 3});

    assertThatThrownBy(
            () ->
                workbench
                    .models()
                    .importModel(
                        new ImportRequest(bad, "good", null, null, List.of()),
                        Progress.NONE,
                        Cancellation.NONE))
        .isInstanceOf(ModelRejectedException.class);

    assertThat(RecordedState.of(home)).isEqualTo(before);
  }
}
