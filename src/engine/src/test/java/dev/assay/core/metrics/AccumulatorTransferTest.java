package dev.assay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClassificationAccumulator#writeTo} / {@link ClassificationAccumulator#readFrom}: parts
 * written, read back and merged (as a Spark job's partitions reach the driver) give the metrics of
 * one pass over all rows, binary and multiclass; the same for {@link RegressionAccumulator}.
 */
class AccumulatorTransferTest {
  @TempDir Path spill;

  @Test
  void partsReadBackAndMergedEqualOnePass() throws IOException {
    for (List<String> labels : List.of(List.of("0", "1"), List.of("a", "b", "c"))) {
      int c = labels.size();
      Random random = new Random(7);
      ClassificationAccumulator whole = new ClassificationAccumulator(labels, 1);
      ClassificationAccumulator merged = null;
      for (int part = 0; part < 3; part++) {
        ClassificationAccumulator piece = new ClassificationAccumulator(labels, 1, spill);
        int n = 20_000;
        int[] truth = new int[n];
        int[] predicted = new int[n];
        float[] probs = new float[n * c];
        for (int i = 0; i < n; i++) {
          truth[i] = random.nextInt(c);
          float sum = 0;
          for (int k = 0; k < c; k++) {
            // few distinct scores in part 0, many in the others
            probs[i * c + k] = part == 0 ? random.nextInt(5) + 1 : random.nextFloat() + 1e-3f;
            sum += probs[i * c + k];
          }
          int top = 0;
          for (int k = 0; k < c; k++) {
            probs[i * c + k] /= sum;
            top = probs[i * c + k] > probs[i * c + top] ? k : top;
          }
          predicted[i] = top;
        }
        whole.add(truth, predicted, probs, n);
        piece.add(truth, predicted, probs, n);
        ClassificationAccumulator back = roundTrip(piece);
        if (merged == null) {
          merged = back;
        } else {
          merged.merge(back);
        }
      }
      ClassificationMetrics expected = whole.snapshot();
      ClassificationMetrics actual = merged.snapshot();
      assertThat(actual.toJsonMap().keySet()).isEqualTo(expected.toJsonMap().keySet());
      expected
          .toJsonMap()
          .forEach(
              (key, value) -> {
                if (value instanceof Number number) {
                  assertThat(((Number) actual.toJsonMap().get(key)).doubleValue())
                      .as(key)
                      .isCloseTo(
                          number.doubleValue(), org.assertj.core.api.Assertions.within(1e-12));
                }
              });
      assertThat(actual.confusionMatrix()).isDeepEqualTo(expected.confusionMatrix());
    }
  }

  /**
   * Read back and merged, the parts give exactly what merging them in memory gives (the transfer
   * loses nothing), and one pass's metrics to 1e-12; r2 to 1e-10 here, where Chan's merge of the
   * targets' M2 at an offset of 1e6 differs from Welford's one pass by about 5e-12.
   */
  @Test
  void regressionPartsReadBackAndMergedEqualOnePass() throws IOException {
    Random random = new Random(11);
    RegressionAccumulator whole = new RegressionAccumulator();
    RegressionAccumulator inMemory = null;
    RegressionAccumulator merged = null;
    for (int part = 0; part < 3; part++) {
      RegressionAccumulator piece = new RegressionAccumulator(spill);
      int n = 15_000;
      double[] actual = new double[n];
      double[] predicted = new double[n];
      for (int i = 0; i < n; i++) {
        // a large offset (r2's M2 merge) and repeated errors (the median's counts)
        actual[i] = 1e6 + random.nextGaussian() * (part + 1);
        predicted[i] = actual[i] + (part == 0 ? random.nextInt(7) - 3 : random.nextGaussian());
      }
      whole.add(actual, predicted, n);
      piece.add(actual, predicted, n);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        piece.writeTo(out);
      }
      RegressionAccumulator back =
          RegressionAccumulator.readFrom(
              new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), spill);
      if (merged == null) {
        merged = back;
      } else {
        merged.merge(back);
      }
      if (inMemory == null) {
        inMemory = piece;
      } else {
        inMemory.merge(piece);
      }
    }
    RegressionMetrics expected = whole.snapshot();
    RegressionMetrics actual = merged.snapshot();
    assertThat(actual).isEqualTo(inMemory.snapshot());
    assertThat(actual.rows()).isEqualTo(45_000);
    assertThat(actual.medianAbsoluteError()).isEqualTo(expected.medianAbsoluteError());
    assertThat(actual.maxError()).isEqualTo(expected.maxError());
    expected
        .toJsonMap()
        .forEach(
            (key, value) ->
                assertThat(((Number) actual.toJsonMap().get(key)).doubleValue())
                    .as(key)
                    .isCloseTo(
                        ((Number) value).doubleValue(),
                        org.assertj.core.api.Assertions.within(key.equals("r2") ? 1e-10 : 1e-12)));
    assertThatThrownBy(
            () ->
                RegressionAccumulator.readFrom(
                    new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 9})), null))
        .isInstanceOf(IOException.class);
  }

  @Test
  void anotherFormatIsRefused() {
    byte[] bytes = {0, 0, 0, 9};
    assertThatThrownBy(
            () ->
                ClassificationAccumulator.readFrom(
                    new DataInputStream(new ByteArrayInputStream(bytes)), null))
        .isInstanceOf(IOException.class);
  }

  private static ClassificationAccumulator roundTrip(ClassificationAccumulator a)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      a.writeTo(out);
    }
    return ClassificationAccumulator.readFrom(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), null);
  }
}
