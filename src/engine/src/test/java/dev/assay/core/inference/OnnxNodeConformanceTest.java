package dev.assay.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.assay.core.Json;
import dev.assay.core.data.Cells;
import dev.assay.core.data.CsvSource;
import dev.assay.core.model.ModelInspection;
import dev.assay.testing.OnnxNodeTests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ONNX's own node tests (Debian/Ubuntu package {@code libonnx-testdata}, found or fetched by the
 * build: {@link OnnxNodeTests}) run through Assay's binding and decoding layer: the test input is
 * written as a CSV with columns f0..fK, read back by {@link CsvSource}, bound by {@link
 * BindingResolver} with explicit features, batched by {@link FeatureBatch}, run by {@link
 * InferenceSession} and decoded by {@link OutputDecoder}; the result must equal the test's expected
 * output.
 *
 * <p>The tests are selected by their signature, not by name: one graph input of rank 2, float or
 * int64, and one output whose rows are the input's rows and that the decoder reads: a float or
 * double {@code [N, C]} tensor (read as the probability tensor), an int64 {@code [N]} or {@code [N,
 * 1]} tensor (read as the label output), or for int64 inputs an int64 {@code [N, C]} tensor (read
 * directly, checking the int64 binding).
 */
class OnnxNodeConformanceTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir static Path dir;
  private static OnnxRuntime runtime;
  private static OnnxInspector inspector;

  @BeforeAll
  static void start() {
    runtime = new OnnxRuntime();
    inspector = new OnnxInspector(runtime);
  }

  /** How the test's single output is read. */
  enum Reading {
    PROBABILITIES,
    LABELS,
    INT64_TENSOR
  }

  record NodeTest(String name, Path folder, Reading reading) {
    @Override
    public String toString() {
      return name + " (" + reading.name().toLowerCase() + ")";
    }
  }

  static List<NodeTest> selected() throws IOException {
    Path nodeTests = OnnxNodeTests.folder();
    List<NodeTest> tests = new ArrayList<>();
    try (Stream<Path> folders = Files.list(nodeTests)) {
      for (Path folder : folders.sorted().toList()) {
        Path model = folder.resolve("model.onnx");
        if (!Files.isRegularFile(model)
            || !Files.isRegularFile(folder.resolve("test_data_set_0/input_0.pb"))) {
          continue;
        }
        Reading reading = reading(ModelProto.parseFrom(Files.readAllBytes(model)));
        if (reading != null) {
          tests.add(new NodeTest(folder.getFileName().toString(), folder, reading));
        }
      }
    }
    return tests;
  }

  /** How the model's output can be read, or null when the model is not a candidate. */
  private static Reading reading(ModelProto model) {
    Set<String> initializers = new HashSet<>();
    model.getGraph().getInitializerList().forEach(t -> initializers.add(t.getName()));
    List<ValueInfoProto> inputs =
        model.getGraph().getInputList().stream()
            .filter(i -> !initializers.contains(i.getName()))
            .toList();
    if (inputs.size() != 1 || model.getGraph().getOutputCount() != 1) {
      return null;
    }
    // Shape and Size describe the tensor, not its rows (test_shape_example's [2] output of a [2, 3]
    // input only looks like one label per row).
    if (model.getGraph().getNodeList().stream()
        .anyMatch(n -> n.getOpType().equals("Shape") || n.getOpType().equals("Size"))) {
      return null;
    }
    TypeProto.Tensor in = inputs.getFirst().getType().getTensorType();
    TypeProto.Tensor out = model.getGraph().getOutput(0).getType().getTensorType();
    boolean floatIn = in.getElemType() == TensorProto.DataType.FLOAT_VALUE;
    boolean int64In = in.getElemType() == TensorProto.DataType.INT64_VALUE;
    if (!(floatIn || int64In) || in.getShape().getDimCount() != 2) {
      return null;
    }
    int outRank = out.getShape().getDimCount();
    if (outRank == 0 || !sameRows(in, out)) {
      return null;
    }
    boolean narrow = outRank == 1 || outRank == 2 && out.getShape().getDim(1).getDimValue() == 1;
    int elem = out.getElemType();
    if ((elem == TensorProto.DataType.FLOAT_VALUE || elem == TensorProto.DataType.DOUBLE_VALUE)
        && outRank == 2
        && !narrow) {
      return Reading.PROBABILITIES;
    }
    if (elem == TensorProto.DataType.INT64_VALUE && narrow) {
      return Reading.LABELS;
    }
    if (elem == TensorProto.DataType.INT64_VALUE && int64In && outRank == 2) {
      return Reading.INT64_TENSOR;
    }
    return null;
  }

  private static boolean sameRows(TypeProto.Tensor in, TypeProto.Tensor out) {
    long rows = in.getShape().getDim(0).getDimValue();
    long outRows = out.getShape().getDim(0).getDimValue();
    return rows > 0 && rows == outRows;
  }

  @Test
  void atLeastTenNodeTestsAreSelectedAndEveryReadingIsCovered() throws IOException {
    List<NodeTest> tests = selected();

    assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
    assertThat(tests.stream().map(NodeTest::reading)).contains(Reading.values());
    assertThat(tests.stream().map(NodeTest::name))
        .contains("test_softmax_example", "test_logsoftmax_large_number", "test_hardmax_example");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("selected")
  void nodeTestOutputIsReproducedThroughCsvBindingAndDecoding(NodeTest test) throws Exception {
    TensorProto input = tensor(test.folder().resolve("test_data_set_0/input_0.pb"));
    TensorProto expected = tensor(test.folder().resolve("test_data_set_0/output_0.pb"));
    int rows = (int) input.getDims(0);
    int width = (int) input.getDims(1);
    double[] values = numbers(input);
    List<String> features = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      features.add("f" + c);
    }
    Path csv = writeCsv(test.name(), features, values, rows, input.getDataType());
    Path model = test.folder().resolve("model.onnx");
    ModelInspection inspection = inspector.inspect(model).inspection();

    BindingResolver.Resolved resolved =
        new BindingResolver(Json.newMapper())
            .resolve(inspection, features, features, null, Set.of());
    assertThat(resolved.source()).isEqualTo("given");
    assertThat(resolved.binding().columns()).isEqualTo(features);
    int capacity = resolved.binding().fixedBatch() > 0 ? resolved.binding().fixedBatch() : rows;
    assertThat(capacity).isEqualTo(rows);

    FeatureBatch batch = new FeatureBatch(resolved.binding(), capacity);
    try (CsvSource source = CsvSource.open(csv)) {
      assertThat(source.header()).isEqualTo(features);
      String[] record;
      while ((record = source.next()) != null) {
        int r = batch.addRow();
        for (int c = 0; c < width; c++) {
          batch.setNumber(0, r, c, Cells.parseNumber(record[c]));
        }
      }
    }
    assertThat(batch.rows()).isEqualTo(rows);

    try (InferenceSession session = runtime.open(model, ExecutionProvider.CPU, 1);
        OrtSession.Result result = session.run(batch)) {
      switch (test.reading()) {
        case PROBABILITIES -> {
          OutputDecoder decoder = OutputDecoder.plan(inspection, null, false, false);
          assertThat(decoder.hasProbabilities()).isTrue();
          OutputDecoder.Decoded decoded = decoder.decode(result, rows, null);
          double[] want = numbers(expected);
          assertThat(decoded.classes).isEqualTo((int) expected.getDims(1));
          // A tensor whose rows are not distributions is decoded as scores, never as
          // probabilities (issue 14); either way its values must come through unchanged.
          boolean distribution = rowsAreDistributions(want, decoded.classes);
          float[] decodedValues = distribution ? decoded.probabilities : decoded.scores;
          assertThat(decodedValues)
              .as("%s decoded as %s", test.name(), distribution ? "probabilities" : "scores")
              .isNotNull();
          for (int i = 0; i < want.length; i++) {
            assertThat((double) decodedValues[i])
                .as("%s element %d", test.name(), i)
                .isCloseTo(want[i], within(TOLERANCE * Math.max(1, Math.abs(want[i]))));
          }
        }
        case LABELS -> {
          List<String> classes = new ArrayList<>();
          for (int c = 0; c < width; c++) {
            classes.add(Integer.toString(c));
          }
          OutputDecoder decoder = OutputDecoder.plan(inspection, classes, false, false);
          assertThat(decoder.hasLabelOutput()).isTrue();
          OutputDecoder.Decoded decoded = decoder.decode(result, rows, null);
          double[] want = numbers(expected);
          for (int i = 0; i < rows; i++) {
            assertThat(decoded.labelText[i]).isEqualTo(Long.toString((long) want[i]));
            assertThat(decoded.labelIndex[i]).isEqualTo((int) want[i]);
          }
        }
        case INT64_TENSOR -> {
          OnnxTensor out = (OnnxTensor) result.get(0);
          LongBuffer got = out.getLongBuffer();
          double[] want = numbers(expected);
          assertThat(got.remaining()).isEqualTo(want.length);
          for (int i = 0; i < want.length; i++) {
            assertThat(got.get(i)).as("%s element %d", test.name(), i).isEqualTo((long) want[i]);
          }
        }
      }
    }
  }

  private static TensorProto tensor(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return TensorProto.parseFrom(in);
    }
  }

  /** A tensor's elements as doubles (float, double and int64 tensors; raw or typed fields). */
  static double[] numbers(TensorProto t) {
    long count = 1;
    for (long d : t.getDimsList()) {
      count *= d;
    }
    double[] out = new double[Math.toIntExact(count)];
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    boolean hasRaw = !t.getRawData().isEmpty();
    for (int i = 0; i < out.length; i++) {
      out[i] =
          switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE ->
                hasRaw ? raw.getFloat(4 * i) : t.getFloatData(i);
            case TensorProto.DataType.DOUBLE_VALUE ->
                hasRaw ? raw.getDouble(8 * i) : t.getDoubleData(i);
            case TensorProto.DataType.INT64_VALUE ->
                hasRaw ? raw.getLong(8 * i) : t.getInt64Data(i);
            default -> throw new IllegalArgumentException("data type " + t.getDataType());
          };
    }
    return out;
  }

  private static Path writeCsv(
      String name, List<String> header, double[] values, int rows, int dataType)
      throws IOException {
    StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
    int width = header.size();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < width; c++) {
        double v = values[r * width + c];
        text.append(c == 0 ? "" : ",")
            .append(
                dataType == TensorProto.DataType.INT64_VALUE
                    ? Long.toString((long) v)
                    : Float.toString((float) v));
      }
      text.append('\n');
    }
    Path file = dir.resolve(name + ".csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Whether every row of {@code values} ({@code classes} wide) lies in [0, 1] and sums to 1. */
  private static boolean rowsAreDistributions(double[] values, int classes) {
    for (int start = 0; start < values.length; start += classes) {
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        double v = values[start + k];
        if (!(v >= 0 && v <= 1)) {
          return false;
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > 1e-4) {
        return false;
      }
    }
    return true;
  }
}
