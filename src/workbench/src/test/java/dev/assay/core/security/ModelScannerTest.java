package dev.assay.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.model.ModelProblem;
import dev.assay.core.model.ModelRejectedException;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.isolation.CrashingChild;
import dev.assay.isolation.HangingChild;
import dev.assay.testing.HostileModels;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken model files made in the test each give their finding, before ONNX Runtime sees
 * them. Files outside the model's folder are named pipes: opening one for reading blocks, so a scan
 * that opened it would hang and the timeout would fail the test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ModelScannerTest {
  private static final byte[] WEIGHTS = TestModels.floats(1.5f, -2.5f);

  @TempDir Path dir;
  private TestWorkbench bench;
  private ModelScanner scanner;

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(dir);
    scanner = bench.workbench().security().scanner();
  }

  @AfterEach
  void close() {
    bench.close();
  }

  /** Builds a hostile file in the model folder (and around it) and returns the model's path. */
  @FunctionalInterface
  interface Hostile {
    Path make(Path modelFolder, Path outside) throws Exception;
  }

  private static Path model(Path folder, ModelProto proto) throws Exception {
    return TestModels.write(folder.resolve("model.onnx"), proto);
  }

  private static Path bytes(Path folder, byte[] content) throws Exception {
    return Files.write(folder.resolve("model.onnx"), content);
  }

  private static Path pipe(Path file) throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).as("mkfifo").isZero();
    return file;
  }

  static Stream<Arguments> hostileFiles() {
    return Stream.of(
        Arguments.of(
            "zero bytes", (Hostile) (f, o) -> bytes(f, new byte[0]), "empty_file", "0 bytes"),
        Arguments.of(
            "CSV text",
            (Hostile) (f, o) -> bytes(f, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)),
            "not_onnx",
            "not an ONNX model"),
        Arguments.of(
            "sample model cut in half",
            (Hostile)
                (f, o) -> {
                  byte[] whole = Files.readAllBytes(TestModels.sample("hmda-deny-v2.onnx"));
                  return bytes(f, Arrays.copyOf(whole, whole.length / 2));
                },
            "truncated",
            "truncated"),
        Arguments.of(
            "protobuf without a graph",
            (Hostile) (f, o) -> model(f, ModelProto.newBuilder().setIrVersion(8).build()),
            "no_model",
            "no graph"),
        Arguments.of(
            "future IR version",
            (Hostile)
                (f, o) -> model(f, TestModels.identity(8, 13).toBuilder().setIrVersion(99).build()),
            "ir_version_unsupported",
            "IR version 99"),
        Arguments.of(
            "future opset",
            (Hostile) (f, o) -> model(f, TestModels.identity(8, 99)),
            "opset_unsupported",
            "opset ai.onnx 99"),
        Arguments.of(
            "future ai.onnx.ml opset",
            (Hostile) (f, o) -> model(f, TestModels.mlNormalizer(8, 99)),
            "opset_unsupported",
            "opset ai.onnx.ml 99"),
        Arguments.of(
            "custom operator domain",
            (Hostile) (f, o) -> model(f, HostileModels.customDomain("com.evil", "Pwn")),
            "custom_operator_domain",
            "domain 'com.evil' imported at version 1; operators: Pwn"),
        Arguments.of(
            "tensor claiming 10^12 elements",
            (Hostile) (f, o) -> model(f, HostileModels.hugeInitializer(1_000_000, 1_000_000)),
            "tensor_size_implausible",
            "declares 1,000,000,000,000 elements (4,000,000,000,000 bytes)"),
        Arguments.of(
            "tensor whose dims overflow",
            (Hostile) (f, o) -> model(f, HostileModels.hugeInitializer(1L << 40, 1L << 40)),
            "tensor_size_implausible",
            "more than 2^63 elements"),
        Arguments.of(
            "raw data shorter than the dims",
            (Hostile) (f, o) -> model(f, HostileModels.wrongRawSize(4)),
            "tensor_data_mismatch",
            "stores 4 bytes but its dimensions need 8"),
        Arguments.of(
            "path traversal",
            (Hostile)
                (f, o) -> {
                  pipe(o.resolve("outside.bin"));
                  return model(f, TestModels.addWithExternalWeights("../outside.bin", null, null));
                },
            "external_data_outside_folder",
            "'../outside.bin' points outside the model's folder"),
        Arguments.of(
            "absolute path",
            (Hostile)
                (f, o) -> {
                  Path p = pipe(o.resolve("outside.bin"));
                  return model(f, TestModels.addWithExternalWeights(p.toString(), null, null));
                },
            "external_data_absolute_path",
            "is an absolute path"),
        Arguments.of(
            "symbolic link out of the folder",
            (Hostile)
                (f, o) -> {
                  Files.createSymbolicLink(
                      f.resolve("weights.bin"), pipe(o.resolve("outside.bin")));
                  return model(f, TestModels.addWithExternalWeights("weights.bin", null, null));
                },
            "external_data_link",
            "symbolic link"),
        Arguments.of(
            "hard-linked weights file",
            (Hostile)
                (f, o) -> {
                  Path outside = Files.write(o.resolve("outside-weights.bin"), WEIGHTS);
                  Files.createLink(f.resolve("weights.bin"), outside);
                  return model(f, TestModels.addWithExternalWeights("weights.bin", null, null));
                },
            "external_data_link",
            "hard link"),
        Arguments.of(
            "missing weights file",
            (Hostile)
                (f, o) -> model(f, TestModels.addWithExternalWeights("weights.bin", null, null)),
            "external_data_missing",
            "'weights.bin' is missing"),
        Arguments.of(
            "offset and length beyond the weights file",
            (Hostile)
                (f, o) -> {
                  Files.write(f.resolve("weights.bin"), WEIGHTS);
                  return model(f, TestModels.addWithExternalWeights("weights.bin", 4L, 8L));
                },
            "external_data_out_of_range",
            "offset 4 + length 8 lies beyond the end of 'weights.bin' (8 bytes)"),
        Arguments.of(
            "AWS key in the metadata",
            (Hostile)
                (f, o) ->
                    model(
                        f, HostileModels.withMetadata(Map.of("note", "key AKIAIOSFODNN7EXAMPLE"))),
            "secret_in_metadata",
            "metadata 'note': AWS access key id"),
        Arguments.of(
            "private key in the metadata",
            (Hostile)
                (f, o) ->
                    model(
                        f,
                        HostileModels.withMetadata(
                            Map.of(
                                "deploy",
                                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                                    + "-----END OPENSSH PRIVATE KEY-----"))),
            "secret_in_metadata",
            "private key"),
        Arguments.of(
            "password in the metadata",
            (Hostile)
                (f, o) ->
                    model(f, HostileModels.withMetadata(Map.of("db_password", "hunter2hunter2"))),
            "secret_in_metadata",
            "metadata 'db_password': value of a credential-named key (hun…, 14 characters)"),
        Arguments.of(
            "token in the metadata",
            (Hostile)
                (f, o) ->
                    model(
                        f,
                        HostileModels.withMetadata(
                            Map.of("hub", "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"))),
            "secret_in_metadata",
            "GitHub token"),
        Arguments.of(
            "URL in the metadata",
            (Hostile)
                (f, o) ->
                    model(
                        f,
                        HostileModels.withMetadata(
                            Map.of("source", "https://models.example.com/x"))),
            "url_in_metadata",
            "https://models.example.com/x"),
        Arguments.of(
            "absolute path in the metadata",
            (Hostile)
                (f, o) ->
                    model(
                        f,
                        HostileModels.withMetadata(
                            Map.of("trained_on", "/home/alice/data/loans.csv"))),
            "absolute_path_in_metadata",
            "/home/alice/data/loans.csv"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileFiles")
  void hostileFileGivesItsFindingBeforeOnnxRuntimeSeesIt(
      String description, Hostile hostile, String id, String evidence) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("model"));
    Path file = hostile.make(folder, dir);

    ScanReport report = scanner.scan(file, ScanOptions.DEFAULT, Progress.NONE, Cancellation.NONE);

    assertThat(report.findings())
        .filteredOn(f -> f.id().equals(id))
        .as(report.findings().toString())
        .singleElement()
        .satisfies(f -> assertThat(f.evidence()).contains(evidence))
        .satisfies(
            f -> {
              SecurityCheck check = SecurityCheck.valueOf(id.toUpperCase(java.util.Locale.ROOT));
              assertThat(f.severity()).isEqualTo(check.severity());
              assertThat(f.title()).isEqualTo(check.title());
              assertThat(f.explanation()).isEqualTo(check.explanation());
              assertThat(f.atlas()).isEqualTo(check.atlas() == null ? null : check.atlas().id());
            });
    assertThat(report.sha256()).hasSize(64);
    if (report.findings().stream()
        .anyMatch(
            f ->
                SecurityCheck.valueOf(f.id().toUpperCase(java.util.Locale.ROOT)).blocksLoading())) {
      assertThat(report.isolation()).isInstanceOf(IsolationOutcome.NotRun.class);
    }
  }

  @Test
  void secretsAreNeverRepeatedInTheReport() throws Exception {
    String secret = "AKIAIOSFODNN7EXAMPLE";
    Path file =
        model(
            Files.createDirectories(dir.resolve("m")),
            HostileModels.withMetadata(
                Map.of(
                    "aws_secret_access_key",
                    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "id",
                    secret)));

    ScanReport report = scanner.scan(file, ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE);

    String json = Json.newMapper().writeValueAsString(report);
    assertThat(report.findings()).filteredOn(f -> f.id().equals("secret_in_metadata")).hasSize(2);
    assertThat(json).doesNotContain(secret).doesNotContain("wJalrXUtnFEMI/K7MDENG");
  }

  @Test
  void theSampleModelsScanCleanAndLoadInIsolation() throws Exception {
    for (String name :
        List.of(
            "hmda-deny-v1.onnx",
            "hmda-deny-v2.onnx",
            "hmda-deny-v3.onnx",
            "breast-cancer-v1.onnx")) {
      ScanReport report =
          scanner.scan(
              TestModels.sample(name), ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE);
      assertThat(report.findings()).as(name).extracting(Finding::id).containsExactly("unsigned");
      assertThat(report.blocking()).isFalse();
    }

    ScanReport isolated =
        scanner.scan(
            TestModels.sample("hmda-deny-v2.onnx"),
            ScanOptions.DEFAULT,
            Progress.NONE,
            Cancellation.NONE);

    assertThat(isolated.isolation())
        .isInstanceOfSatisfying(
            IsolationOutcome.Loaded.class, l -> assertThat(l.inference()).isEqualTo("ok"));
    assertThat(isolated.highestSeverity()).isEqualTo(Severity.LOW);
  }

  @Test
  void everyProblemOfAFileIsReportedNotOnlyTheFirst() throws Exception {
    ModelProto custom = HostileModels.customDomain("com.evil", "Pwn");
    ModelProto many =
        custom.toBuilder()
            .setIrVersion(99)
            .addMetadataProps(
                ai.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder()
                    .setKey("api_key")
                    .setValue("sk-abcdefghijklmnopqrstuvwx"))
            .build();
    Path file = model(Files.createDirectories(dir.resolve("m")), many);

    ScanReport report = scanner.scan(file, ScanOptions.DEFAULT, Progress.NONE, Cancellation.NONE);

    assertThat(report.findings())
        .extracting(Finding::id)
        .containsExactly(
            "ir_version_unsupported", "custom_operator_domain", "secret_in_metadata", "unsigned");
    assertThat(report.blocking()).isTrue();
    assertThat(report.highestSeverity()).isEqualTo(Severity.HIGH);
    assertThat(report.isolation())
        .isEqualTo(
            new IsolationOutcome.NotRun(
                "the file checks found problems that must not reach ONNX Runtime"
                    + " (ir_version_unsupported)"));
  }

  @Test
  void aCustomDomainModelGoesToIsolationWhereOnnxRuntimeRefusesIt() throws Exception {
    Path file =
        model(
            Files.createDirectories(dir.resolve("m")),
            HostileModels.customDomain("com.evil", "Pwn"));

    ScanReport report = scanner.scan(file, ScanOptions.DEFAULT, Progress.NONE, Cancellation.NONE);

    assertThat(report.findings())
        .extracting(Finding::id)
        .containsExactly("custom_operator_domain", "isolation_refused", "unsigned");
    assertThat(report.isolation()).isInstanceOf(IsolationOutcome.Refused.class);
  }

  @Test
  void modelLocalFunctionsAreInformationNotACustomDomain() throws Exception {
    Path file = model(Files.createDirectories(dir.resolve("m")), HostileModels.localFunction());

    ScanReport report = scanner.scan(file, ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE);

    assertThat(report.findings())
        .extracting(Finding::id, Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("unsigned", Severity.LOW),
            org.assertj.core.groups.Tuple.tuple("local_function_domain", Severity.INFO));
  }

  @Test
  void aThousandBadTensorsGiveTwentyFindingsAndASummary() throws Exception {
    ModelProto add = HostileModels.wrongRawSize(4);
    var graph = add.getGraph().toBuilder();
    for (int i = 0; i < 999; i++) {
      graph.addInitializer(graph.getInitializer(0).toBuilder().setName("w" + i));
    }
    Path file =
        model(Files.createDirectories(dir.resolve("m")), add.toBuilder().setGraph(graph).build());

    ScanReport report = scanner.scan(file, ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE);

    assertThat(report.findings())
        .filteredOn(f -> f.id().equals("tensor_data_mismatch"))
        .hasSize(21);
    assertThat(report.findings())
        .extracting(Finding::evidence)
        .contains("and 980 more of the same kind (not listed)");
  }

  @Test
  void aFileThatCannotBeReadAtAllIsAnErrorNotAReport() throws Exception {
    assertThatThrownBy(
            () ->
                scanner.scan(
                    dir.resolve("nowhere.onnx"),
                    ScanOptions.DEFAULT,
                    Progress.NONE,
                    Cancellation.NONE))
        .isInstanceOfSatisfying(
            ModelRejectedException.class,
            e -> assertThat(e.problem()).isEqualTo(ModelProblem.NOT_FOUND))
        .hasMessage("nowhere.onnx: file not found");
    Path folder = Files.createDirectories(dir.resolve("folder.onnx"));
    assertThatThrownBy(
            () -> scanner.scan(folder, ScanOptions.DEFAULT, Progress.NONE, Cancellation.NONE))
        .hasMessage("folder.onnx: not a regular file");
  }

  @Test
  void aModelThatCrashesOrHangsInIsolationIsAFindingAndThisJvmCarriesOn() throws Exception {
    Path file = TestModels.write(dir.resolve("m/add.onnx"), TestModels.addWithInlineWeights(1, 2));
    var workbench = bench.workbench();
    for (var child : List.of(CrashingChild.class, HangingChild.class)) {
      IsolatedLoader.ChildCommand current = IsolatedLoader.ChildCommand.currentJvm(child.getName());
      ModelScanner withChild =
          new ModelScanner(
              workbench.models(),
              workbench.security().signatures(),
              new IsolatedLoader(
                  current, IsolatedLoader.Limits.DEFAULT, dir.resolve("tmp"), Json.newMapper()),
              "test",
              Clock.systemUTC());

      ScanReport report =
          withChild.scan(
              file,
              new ScanOptions(true, new IsolatedLoader.Limits(128, Duration.ofSeconds(3))),
              Progress.NONE,
              Cancellation.NONE);

      Finding first = report.findings().getFirst();
      if (child == CrashingChild.class) {
        assertThat(first.id()).isEqualTo("isolation_crashed");
        assertThat(first.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(first.evidence())
            .contains("exited with code 134 (SIGABRT)")
            .contains("onnxruntime::Exception");
      } else {
        assertThat(first.id()).isEqualTo("isolation_hung");
        assertThat(first.evidence()).contains("no result within 3 s");
      }
      assertThat(first.atlas()).isEqualTo("AML.T0029");
    }
  }

  @Test
  void aRegisteredVersionIsScannedFromTheStoreAndItsReportStoredAndAudited() throws Exception {
    ModelVersion version = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda");
    SecurityServices security = bench.workbench().security();

    ScanReport report =
        security.scanner().scan(version, ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE);
    long id = security.reports().store(report, version.id());

    assertThat(report.model()).isEqualTo("hmda:1");
    assertThat(report.sha256()).isEqualTo(version.sha256());
    assertThat(security.reports().list())
        .singleElement()
        .satisfies(r -> assertThat(r.subject()).isEqualTo("hmda:1"))
        .satisfies(r -> assertThat(r.highestSeverity()).isEqualTo(Severity.LOW));
    assertThat(
            Json.newMapper().readValue(security.reports().json(id).orElseThrow(), ScanReport.class))
        .isEqualTo(report);
    assertThat(bench.workbench().auditEntries())
        .extracting(AuditLog.Entry::action)
        .containsExactly("model.import", "security.report");
  }
}
