package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A regression run's workbook: regression metrics with intervals, errors per row, no curves. */
class RegressionWorkbookTest {
  @TempDir Path temp;

  @Test
  void regressionRunsGetErrorMetricsWithIntervalsAndAnErrorColumn() throws Exception {
    try (TestWorkbench bench = TestWorkbench.open(temp)) {
      ModelVersion model =
          bench.importModel(TestModels.write(temp.resolve("id.onnx"), identity()), "echo");
      List<String> lines = new ArrayList<>(List.of("x,y"));
      for (int i = 0; i < 300; i++) {
        lines.add(i * 0.1 + "," + (i * 0.1 + (i % 7 - 3) * 0.05));
      }
      DatasetVersion data = bench.importCsv("reg.csv", lines.toArray(String[]::new));
      EvaluationResult result = bench.run(TestWorkbench.request(model, data, "y", List.of("x")));
      assertThat(result.task()).isEqualTo("regression");

      Path out = temp.resolve("reg.xlsx");
      bench
          .workbench()
          .reports()
          .export(
              WorkbookOptions.of(result.run().id()).withPredictions(true),
              out,
              Progress.NONE,
              Cancellation.NONE);
      try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out))) {
        XSSFSheet performance = book.getSheet("Performance");
        Row mae = row(performance, "mae");
        assertThat(mae.getCell(1).getNumericCellValue()).isEqualTo(result.regression().mae());
        assertThat(mae.getCell(2).getNumericCellValue()).isLessThan(result.regression().mae());
        assertThat(row(performance, "max_error").getCell(2).getStringCellValue()).isEqualTo("n/a");
        assertThat(performance.getDrawingPatriarch()).isNull();
        XSSFSheet predictions = book.getSheet("Predictions");
        assertThat(predictions.getRow(0).getCell(3).getStringCellValue())
            .isEqualTo("Error (predicted - actual)");
        Row second = predictions.getRow(2);
        assertThat(second.getCell(3).getNumericCellValue())
            .isEqualTo(
                second.getCell(2).getNumericCellValue() - second.getCell(1).getNumericCellValue());
        assertThat(predictions.getLastRowNum()).isEqualTo(300);
      }
    }
  }

  /** {@code y = x} on a {@code [N, 1]} input, declared a regression model. */
  private static ModelProto identity() {
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("echo")
            .addInput(TestModels.tensor("x", TensorProto.DataType.FLOAT_VALUE, "N", 1))
            .addOutput(TestModels.tensor("y", TensorProto.DataType.FLOAT_VALUE, "N", 1))
            .addNode(NodeProto.newBuilder().setOpType("Identity").addInput("x").addOutput("y"))
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

  private static Row row(XSSFSheet sheet, String first) {
    for (Row row : sheet) {
      if (row.getCell(0) != null
          && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
          && row.getCell(0).getStringCellValue().equals(first)) {
        return row;
      }
    }
    throw new AssertionError("no row " + first);
  }
}
