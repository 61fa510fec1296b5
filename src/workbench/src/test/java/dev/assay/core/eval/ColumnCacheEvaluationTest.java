package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.ColumnCache;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Evaluations read the column cache written at import and give exactly what reading the CSV gives;
 * without a cache (or with a damaged one) they read the CSV and build the cache on the way.
 */
class ColumnCacheEvaluationTest {
  private static final String[] GAPS = {
    "id,b,a,y",
    "r1,0,-2,0",
    "\"r2",
    "two lines\",0,1,",
    "r3,0,0.5,1,extra",
    "",
    "r4,NA,1,NA",
    "r5,1,,1",
    "r6,-0.3",
    "r7,0.25,1e3,0",
    "r8,-0.1,0,0"
  };

  @TempDir Path dir;
  private TestWorkbench bench;

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(dir);
  }

  @AfterEach
  void close() {
    bench.close();
  }

  private Path cacheFile(DatasetVersion data) {
    return bench.workbench().datasets().file(data).resolveSibling(DatasetRegistry.COLUMN_CACHE);
  }

  private ModelVersion model(String name, ModelProto proto) throws IOException {
    return bench.importModel(TestModels.write(dir.resolve("models").resolve(name), proto), null);
  }

  /**
   * Runs the request from the cache written at import, then without a cache (the CSV, which builds
   * the cache again, byte for byte), then from the rebuilt cache; all three must agree.
   */
  private EvaluationResult runWithAndWithoutCache(EvaluationRequest request) throws IOException {
    Path cache = cacheFile(request.dataset());
    assertThat(cache).exists();
    byte[] imported = Files.readAllBytes(cache);
    EvaluationResult fromCache = bench.run(request);
    Files.delete(cache);
    EvaluationResult fromCsv = bench.run(request);
    assertThat(cache).exists();
    assertThat(Files.readAllBytes(cache)).isEqualTo(imported);
    EvaluationResult fromRebuilt = bench.run(request);
    assertSameOutcome(fromCsv, fromCache);
    assertSameOutcome(fromCsv, fromRebuilt);
    assertThat(fromCache.warnings()).isEqualTo(fromCsv.warnings());
    return fromCache;
  }

  private void assertSameOutcome(EvaluationResult expected, EvaluationResult actual) {
    assertThat(actual.rows()).isEqualTo(expected.rows());
    assertThat(actual.skippedRows()).isEqualTo(expected.skippedRows());
    assertThat(actual.missingFeatureCells()).isEqualTo(expected.missingFeatureCells());
    assertThat(actual.metrics()).isEqualTo(expected.metrics());
    assertThat(actual.classOrder()).isEqualTo(expected.classOrder());
    assertThat(actual.agreement()).isEqualTo(expected.agreement());
    assertThat(predictions(actual)).isEqualTo(predictions(expected));
  }

  private List<String> predictions(EvaluationResult result) {
    try {
      Path csv = dir.resolve("predictions-" + result.run().id() + ".csv");
      new PredictionsExport(bench.workbench().runs(), dir.resolve("scratch"))
          .toCsv(result.run().id(), csv);
      return Files.readAllLines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "hmda-deny-v1.onnx, hmda_test.csv, deny",
    "hmda-deny-v2.onnx, hmda_test.csv, deny",
    "hmda-deny-v3.onnx, hmda_test.csv, deny",
    "breast-cancer-v1.onnx, breast_cancer_test.csv, target"
  })
  void sampleModelsGiveIdenticalResultsFromTheCacheAndFromTheCsv(
      String modelFile, String dataFile, String target) throws IOException {
    ModelVersion model = bench.importModel(TestModels.sample(modelFile), null);
    DatasetVersion data = bench.importCsv(TestModels.repoRoot().resolve("models/data/" + dataFile));

    EvaluationResult result =
        runWithAndWithoutCache(TestWorkbench.request(model, data, target, null));

    assertThat(result.rows()).isEqualTo(data.rows());
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void missingTargetsAndCellsAndWrongRowsAreSkippedAndCountedAlike() throws IOException {
    ModelVersion model = model("int.onnx", withNanTest(intClassifier()));
    DatasetVersion data = bench.importCsv("gaps.csv", GAPS);

    EvaluationResult result = runWithAndWithoutCache(TestWorkbench.request(model, data, "y", null));

    assertThat(result.rows()).isEqualTo(4);
    assertThat(result.skippedRows()).isEqualTo(4);
    assertThat(result.missingFeatureCells()).isEqualTo(1);
    assertThat(result.warnings())
        .contains(
            "row 3 (line 5) has 5 fields, the header has 4; skipped",
            "row 6 (line 9) has 2 fields, the header has 4; skipped",
            "2 rows without a target value were skipped");
    assertThat(predictions(result))
        .extracting(line -> line.split(",")[0])
        .containsExactly("row", "1", "5", "7", "8");
  }

  @Test
  void anIntactCacheIsReadInsteadOfTheCsv() throws IOException {
    ModelVersion model = model("int.onnx", withNanTest(intClassifier()));
    DatasetVersion data = bench.importCsv("gaps.csv", GAPS);
    Path stored = bench.workbench().datasets().file(data);
    stored.toFile().setWritable(true);
    Files.writeString(stored, "id,b,a,y\n");

    EvaluationResult result = bench.run(TestWorkbench.request(model, data, "y", null));

    assertThat(result.rows()).isEqualTo(4);
  }

  @ParameterizedTest
  @CsvSource({"flip, checksum mismatch", "truncate, incomplete"})
  void aDamagedCacheIsNotReadButReplacedFromTheCsv(String damage, String reason)
      throws IOException {
    ModelVersion model = model("int.onnx", withNanTest(intClassifier()));
    DatasetVersion data = bench.importCsv("gaps.csv", GAPS);
    EvaluationRequest request = TestWorkbench.request(model, data, "y", null);
    EvaluationResult clean = bench.run(request);
    Path cache = cacheFile(data);
    byte[] bytes = Files.readAllBytes(cache);
    cache.toFile().setWritable(true);
    if (damage.equals("flip")) {
      byte[] flipped = bytes.clone();
      flipped[40] ^= 1; // inside the first row group, which starts after the 16-byte header
      Files.write(cache, flipped);
    } else {
      Files.write(cache, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    }

    EvaluationResult fromCsv = bench.run(request);

    assertSameOutcome(clean, fromCsv);
    assertThat(fromCsv.warnings())
        .anyMatch(
            w ->
                w.contains("column cache")
                    && w.contains(reason)
                    && w.endsWith("the CSV was read instead and the cache is rebuilt from it"));
    assertThat(Files.readAllBytes(cache)).isEqualTo(bytes);
    assertThat(bench.run(request).warnings()).isEqualTo(clean.warnings());
  }

  @Test
  void aTextCellInANumericInputFailsWithTheSameMessageFromTheCache() throws IOException {
    ModelVersion model = model("pc.onnx", TestModels.perColumnClassifier(0.5f));
    DatasetVersion data =
        bench.importCsv(
            "bad.csv", "id,b,a,y", "\"r\n1\",0,-2,0", "r2,0,1,", "r3,0,abc,", "r4,0,abc,1");
    EvaluationRequest request = TestWorkbench.request(model, data, "y", null);
    String message = "row 4 (line 6), column 'a': 'abc' is not a number";

    assertThatThrownBy(() -> bench.run(request))
        .isInstanceOf(AssayException.class)
        .hasMessage(message);
    Path cache = cacheFile(data);
    Files.delete(cache);
    assertThatThrownBy(() -> bench.run(request))
        .isInstanceOf(AssayException.class)
        .hasMessage(message);
    try (Stream<Path> files = Files.list(cache.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no cache is published from a failed pass, no temporary file is left")
          .containsExactly("bad.csv");
    }
  }

  @Test
  void aTextCellInARawStringChunkFailsNamingRowAndColumn() throws IOException {
    ModelVersion model = model("pc.onnx", TestModels.perColumnClassifier(0.5f));
    List<String> lines = new ArrayList<>(List.of("id,b,a,y"));
    for (int i = 1; i <= 5000; i++) {
      lines.add("r" + i + ",0," + (i == 4500 ? "n/a" : Integer.toString(i)) + "," + (i % 2));
    }
    DatasetVersion data = bench.importCsv("wide.csv", lines.toArray(String[]::new));

    assertThatThrownBy(() -> bench.run(TestWorkbench.request(model, data, "y", null)))
        .isInstanceOf(AssayException.class)
        .hasMessage("row 4500 (line 4501), column 'a': 'n/a' is not a number");
  }

  @Test
  void cancellingAnEvaluationThatBuildsTheCachePublishesNothing() throws IOException {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda");
    DatasetVersion data =
        bench.importCsv(TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
    Path cache = cacheFile(data);
    Files.delete(cache);
    int[] checks = {0};
    Cancellation afterTwoBatches = () -> ++checks[0] > 2;
    EvaluationRequest request =
        new EvaluationRequest(
            model, data, "deny", null, null, List.of(), ExecutionProvider.CPU, 10, 1, null, false);

    assertThatThrownBy(
            () -> bench.workbench().evaluations().run(request, Progress.NONE, afterTwoBatches))
        .isInstanceOf(Cancellation.CancelledException.class);

    try (Stream<Path> files = Files.list(cache.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("hmda_test.csv");
    }
  }

  /** Text inputs get each cell as written, from dictionary chunks and from raw-string chunks. */
  @ParameterizedTest
  @CsvSource({"12, 3", "6000, 6000", "6000, 2"})
  void textInputsGetTheCellsAsWritten(int rows, int colours) throws IOException {
    ModelVersion model = model("text.onnx", textClassifier());
    List<String> lines = new ArrayList<>(List.of("colour,a,y"));
    String[] fixed = {"red", "blue", "NA", "", " red"};
    for (int i = 0; i < rows; i++) {
      String colour = i % 7 < 5 ? fixed[i % 7] : "c" + (i % colours);
      lines.add(
          "\""
              + colour
              + "\","
              + String.format(Locale.ROOT, "%.3f", (i % 13) / 6.0 - 1)
              + ","
              + (i % 3 == 0 ? 1 : 0));
    }
    DatasetVersion data = bench.importCsv("text.csv", lines.toArray(String[]::new));

    EvaluationResult result = runWithAndWithoutCache(TestWorkbench.request(model, data, "y", null));

    assertThat(result.rows()).isEqualTo(rows);
  }

  @Test
  void numbersBoundToATextInputAreReadFromTheCsvWhereTheCacheKeptOnlyValues() throws IOException {
    ModelVersion model = model("text.onnx", textClassifier());
    List<String> lines = new ArrayList<>(List.of("colour,a,y"));
    for (int i = 0; i < 6000; i++) {
      lines.add((i % 10 == 0 ? "2.50" : Integer.toString(i)) + ",0.5," + (i % 2));
    }
    DatasetVersion data = bench.importCsv("numbers.csv", lines.toArray(String[]::new));

    EvaluationResult result = runWithAndWithoutCache(TestWorkbench.request(model, data, "y", null));

    assertThat(result.rows()).isEqualTo(6000);
  }

  @Test
  void aRegressionTargetStoredAsFloat64GivesTheSameMetrics() throws IOException {
    ModelVersion model = model("double.onnx", doubler());
    List<String> lines = new ArrayList<>(List.of("x,y"));
    for (int i = 0; i < 7000; i++) {
      double x = i / 7.0;
      lines.add(
          String.format(Locale.ROOT, "%.5f,%s", x, i == 3 ? "NA" : Double.toString(2 * x + i % 3)));
    }
    DatasetVersion data = bench.importCsv("reg.csv", lines.toArray(String[]::new));

    EvaluationResult result = runWithAndWithoutCache(TestWorkbench.request(model, data, "y", null));

    assertThat(result.task()).isEqualTo("regression");
    assertThat(result.rows()).isEqualTo(6999);
    assertThat(result.skippedRows()).isEqualTo(1);
  }

  @Test
  void classLabelsWrittenInMoreSpellingsThanTheDictionaryTakesAreReadFromTheCsv()
      throws IOException {
    ModelVersion model = model("pc.onnx", TestModels.perColumnClassifier(0.5f));
    List<String> lines = new ArrayList<>(List.of("b,a,y"));
    for (int p = 0; p <= 50; p++) {
      for (int q = 0; q <= 50; q++) {
        lines.add("0," + (lines.size() % 5 - 2) + "," + "0".repeat(p) + "1." + "0".repeat(q));
        lines.add("0," + (lines.size() % 5 - 2) + "," + "0".repeat(p + 1) + "." + "0".repeat(q));
      }
    }
    DatasetVersion data = bench.importCsv("spellings.csv", lines.toArray(String[]::new));
    assertThat(ColumnCache.open(cacheFile(data), data.sha256()).hasNumberChunks(2)).isTrue();

    EvaluationResult result = runWithAndWithoutCache(TestWorkbench.request(model, data, "y", null));

    assertThat(result.rows()).isEqualTo(2 * 51 * 51);
  }

  /**
   * Inputs {@code colour} (string [N, 1]) and {@code a} (float [N, 1]); p1 = sigmoid(code(colour) +
   * a) with red = 2, blue = -2, anything else 0; label = p1 > 0.5, probabilities [1 - p1, p1].
   */
  static ModelProto textClassifier() {
    NodeProto encoder =
        NodeProto.newBuilder()
            .setOpType("LabelEncoder")
            .setDomain("ai.onnx.ml")
            .addInput("colour")
            .addOutput("code")
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("keys_strings")
                    .setType(AttributeProto.AttributeType.STRINGS)
                    .addStrings(ByteString.copyFromUtf8("red"))
                    .addStrings(ByteString.copyFromUtf8("blue")))
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("values_floats")
                    .setType(AttributeProto.AttributeType.FLOATS)
                    .addFloats(2f)
                    .addFloats(-2f))
            .build();
    return classifier("colour", TensorProto.DataType.STRING_VALUE, encoder, "a");
  }

  /**
   * Inputs {@code a} (int64 [N, 1]: missing cells arrive as 0, fractions are cut) and {@code b}
   * (float [N, 1]); p1 = sigmoid(a + b).
   */
  static ModelProto intClassifier() {
    NodeProto cast =
        node("Cast", "code", "a").toBuilder()
            .addAttribute(ints("to", TensorProto.DataType.FLOAT_VALUE))
            .build();
    return classifier("a", TensorProto.DataType.INT64_VALUE, cast, "b");
  }

  /**
   * The model with an (unused) {@code IsNaN} of its input {@code b}: a graph that handles NaN
   * itself, so missing cells are passed to it (see {@link CellPolicy}).
   */
  static ModelProto withNanTest(ModelProto model) {
    ModelProto.Builder b = model.toBuilder();
    b.getGraphBuilder().addNode(node("IsNaN", "b_is_nan", "b"));
    return b.build();
  }

  private static ModelProto classifier(String first, int firstType, NodeProto code, String second) {
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("classifier")
            .addInput(TestModels.tensor(first, firstType, "N", 1))
            .addInput(TestModels.tensor(second, TestModels.FLOAT, "N", 1))
            .addOutput(TestModels.tensor("label", TensorProto.DataType.INT64_VALUE, "N", 1))
            .addOutput(TestModels.tensor("probabilities", TestModels.FLOAT, "N", 2))
            .addInitializer(scalar("one", 1f))
            .addInitializer(scalar("half", 0.5f))
            .addNode(code)
            .addNode(node("Add", "sum", "code", second))
            .addNode(node("Sigmoid", "p1", "sum"))
            .addNode(node("Sub", "p0", "one", "p1"))
            .addNode(
                node("Concat", "probabilities", "p0", "p1").toBuilder()
                    .addAttribute(ints("axis", 1)))
            .addNode(node("Greater", "above", "p1", "half"))
            .addNode(
                node("Cast", "label", "above").toBuilder()
                    .addAttribute(ints("to", TensorProto.DataType.INT64_VALUE)))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("assay-tests")
        .addOpsetImport(TestModels.opset("", 13))
        .addOpsetImport(TestModels.opset("ai.onnx.ml", 2))
        .setGraph(graph)
        .build();
  }

  /** Regression: y = 2 x, float [N, 1] in and out, marked as a regression model. */
  static ModelProto doubler() {
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("doubler")
            .addInput(TestModels.tensor("x", TestModels.FLOAT, "N", 1))
            .addOutput(TestModels.tensor("y_hat", TestModels.FLOAT, "N", 1))
            .addInitializer(scalar("two", 2f))
            .addNode(node("Mul", "y_hat", "x", "two"))
            .build();
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("assay-tests")
        .addOpsetImport(TestModels.opset("", 13))
        .addMetadataProps(
            StringStringEntryProto.newBuilder().setKey("assay.task").setValue("regression"))
        .setGraph(graph)
        .build();
  }

  private static TensorProto scalar(String name, float value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TestModels.FLOAT)
        .setRawData(ByteString.copyFrom(TestModels.floats(value)))
        .build();
  }

  private static NodeProto node(String op, String output, String... inputs) {
    NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).addOutput(output);
    for (String input : inputs) {
      node.addInput(input);
    }
    return node.build();
  }

  private static AttributeProto ints(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }
}
