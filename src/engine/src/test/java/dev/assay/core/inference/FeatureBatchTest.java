package dev.assay.core.inference;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureBatchTest {
  private static final double[] A = {1.5, Double.NaN, -2.7, Double.POSITIVE_INFINITY, 0, -0.0};
  private static final double[] B = {3e9, -1, 0.25, Double.NEGATIVE_INFINITY, 1e-300, 7};

  private static Binding binding(String type) {
    return new Binding(List.of(new Binding.InputBinding("x", type, 2, 0, List.of("a", "b"))));
  }

  /** The tensor's cells as text: NaN, infinities and -0.0 stay visible. */
  private static String values(FeatureBatch batch) throws OrtException {
    try (OnnxTensor tensor = batch.tensor(OrtEnvironment.getEnvironment(), 0)) {
      return Arrays.deepToString((Object[]) tensor.getValue());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"float", "double", "int64", "int32", "bool"})
  void setRowsConvertsEveryCellAsSetNumberDoes(String type) throws OrtException {
    int[] rows = {4, 0, 5, 1, 3, 2};
    FeatureBatch cellByCell = new FeatureBatch(binding(type), 8);
    FeatureBatch byRows = new FeatureBatch(binding(type), 8);
    cellByCell.addRow();
    byRows.addRow();
    cellByCell.setNumber(0, 0, 0, 42);
    cellByCell.setNumber(0, 0, 1, 43);
    byRows.setRows(0, 0, new double[][] {{42}, {43}}, new int[] {0}, 0, 1);
    for (int k = 1; k < 5; k++) {
      int r = cellByCell.addRow();
      cellByCell.setNumber(0, r, 0, A[rows[k]]);
      cellByCell.setNumber(0, r, 1, B[rows[k]]);
    }

    assertThat(byRows.addRows(4)).isEqualTo(1);
    byRows.setRows(0, 1, new double[][] {A, B}, rows, 1, 4);

    assertThat(byRows.rows()).isEqualTo(5);
    assertThat(values(byRows)).isEqualTo(values(cellByCell));
  }
}
