package dev.assay.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.assay.core.AssayException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.DatasetRegistry;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Infinite and missing feature cells are a decision: infinite cells are refused naming the 1-based
 * data row and the column unless allowed; missing cells go to a model that handles NaN itself and
 * are refused otherwise; a NaN the model gives back names the row and the class. The column cache
 * and the CSV give the same answers.
 */
class NonFiniteCellsTest {
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

  private ModelVersion model(String name, ModelProto proto) throws IOException {
    return bench.importModel(TestModels.write(dir.resolve("models").resolve(name), proto), null);
  }

  /** Five rows; row 3 (line 4) has {@code cell} in column b. */
  private DatasetVersion data(String cell) throws IOException {
    return bench.importCsv(
        "d.csv",
        "id,a,b,y",
        "r1,0.5,1,1",
        "r2,-1,0.25,0",
        "r3,2," + cell + ",1",
        "r4,0,-3,0",
        "r5,1,1,1");
  }

  /** Runs the request from the column cache, then from the CSV (cache removed). */
  private void fromCacheAndCsv(EvaluationRequest request, Consumer<EvaluationRequest> check)
      throws IOException {
    check.accept(request);
    Path cache =
        bench
            .workbench()
            .datasets()
            .file(request.dataset())
            .resolveSibling(DatasetRegistry.COLUMN_CACHE);
    Files.deleteIfExists(cache);
    check.accept(request);
  }

  private static EvaluationRequest allowing(EvaluationRequest r) {
    return new EvaluationRequest(
        r.model(),
        r.dataset(),
        r.target(),
        r.features(),
        r.positiveLabel(),
        r.sensitive(),
        r.provider(),
        r.batchSize(),
        r.threads(),
        r.labelSource(),
        r.softmax(),
        r.outputs(),
        r.targetMap(),
        true);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"inf, +inf", "-inf, -inf", "Infinity, +inf", "-Infinity, -inf", "1e309, +inf"})
  void anInfiniteCellIsRefusedNamingTheDataRowAndColumn(String cell, String shown)
      throws IOException {
    ModelVersion model = model("pc.onnx", TestModels.perColumnClassifier(0.5f));
    EvaluationRequest request = TestWorkbench.request(model, data(cell), "y", null);

    fromCacheAndCsv(
        request,
        r ->
            assertThatThrownBy(() -> bench.run(r))
                .isInstanceOf(AssayException.class)
                .hasMessage(
                    "row 3 (line 4), column 'b': infinite value ("
                        + shown
                        + "); fix the data or pass --allow-nonfinite to give it to the model"));
  }

  @Test
  void allowedInfiniteCellsReachTheModelWithAWarningAndTheImportFinding() throws IOException {
    ModelVersion model = model("pc.onnx", TestModels.perColumnClassifier(0.5f));
    EvaluationRequest request = allowing(TestWorkbench.request(model, data("inf"), "y", null));

    fromCacheAndCsv(
        request,
        r -> {
          EvaluationResult result = bench.run(r);
          assertThat(result.rows()).isEqualTo(5);
          // sigmoid(2 + inf) = 1: row 3 is predicted positive, as its target; so is every row
          assertThat(result.classification().accuracy()).isEqualTo(1.0);
          assertThat(result.warnings())
              .contains(
                  "input column 'b': 1 infinite value (rows 3); they are left out of min, max and"
                      + " mean",
                  "1 infinite feature cells were passed to the model (--allow-nonfinite)");
        });
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"''", "NA", "NaN", "null"})
  void aMissingCellIsRefusedWhenTheModelCannotHandleNaN(String cell) throws IOException {
    ModelVersion model = model("pc.onnx", TestModels.perColumnClassifier(0.5f));
    EvaluationRequest request = TestWorkbench.request(model, data(cell), "y", null);

    fromCacheAndCsv(
        request,
        r ->
            assertThatThrownBy(() -> bench.run(r))
                .isInstanceOf(AssayException.class)
                .hasMessage(
                    "row 3 (line 4), column 'b': missing value, and the model has no operator that"
                        + " handles missing values (an Imputer, IsNaN or a tree ensemble); fill the"
                        + " cell or drop the row"));
  }

  @Test
  void aMissingCellGoesToAModelThatImputesIt() throws IOException {
    ModelVersion model = model("imputing.onnx", imputing());
    EvaluationRequest request = TestWorkbench.request(model, data(""), "y", null);

    fromCacheAndCsv(
        request,
        r -> {
          EvaluationResult result = bench.run(r);
          assertThat(result.rows()).isEqualTo(5);
          assertThat(result.missingFeatureCells()).isEqualTo(1);
          // b imputed as 0: sigmoid(2 + 0) > 0.5, row 3 predicted positive, as its target; so is
          // every row
          assertThat(result.classification().accuracy()).isEqualTo(1.0);
        });
  }

  @Test
  void aNaNProbabilityNamesTheDataRowAndTheClassWithoutAJavaName() throws IOException {
    ModelVersion model =
        model(
            "nan-aware.onnx",
            ColumnCacheEvaluationTest.withNanTest(TestModels.perColumnClassifier(0.5f)));
    EvaluationRequest request = TestWorkbench.request(model, data(""), "y", null);

    fromCacheAndCsv(
        request,
        r ->
            assertThatThrownBy(() -> bench.run(r))
                .isInstanceOf(AssayException.class)
                .hasMessageStartingWith("row 3: the model's probability of class '0' is NaN")
                .hasMessageNotContaining("Exception"));
  }

  /** {@link TestModels#perColumnClassifier} with an ONNX-ML Imputer (NaN to 0) on input b. */
  private static ModelProto imputing() {
    ModelProto base = TestModels.perColumnClassifier(0.5f);
    GraphProto.Builder graph = base.getGraph().toBuilder();
    for (int i = 0; i < graph.getNodeCount(); i++) {
      NodeProto n = graph.getNode(i);
      if (n.getOpType().equals("Add")) {
        graph.setNode(i, n.toBuilder().setInput(1, "b_imputed").build());
      }
    }
    graph.addNode(
        0,
        NodeProto.newBuilder()
            .setOpType("Imputer")
            .setDomain("ai.onnx.ml")
            .addInput("b")
            .addOutput("b_imputed")
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("imputed_value_floats")
                    .setType(AttributeProto.AttributeType.FLOATS)
                    .addFloats(0f))
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("replaced_value_float")
                    .setType(AttributeProto.AttributeType.FLOAT)
                    .setF(Float.NaN))
            .build());
    return base.toBuilder()
        .setGraph(graph)
        .addOpsetImport(TestModels.opset("ai.onnx.ml", 2))
        .build();
  }
}
