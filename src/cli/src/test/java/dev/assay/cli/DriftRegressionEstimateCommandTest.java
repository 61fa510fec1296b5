package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay drift --model} with a regression model: Direct Loss Estimation of MAE and RMSE,
 * back-tested against the realised metrics of an ordinary {@code assay eval} (the evaluation's
 * accumulators, not DLE). The model is {@code y = 2 x1 - x2 + 0.5 x3}; the target has noise of sd
 * {@code 0.3 + 0.7 |x1|}, and the current data's x1 is shifted (N(0.8, 1.3) against N(0, 1)), so
 * its realised MAE rises by about a third while the model's outputs are unchanged.
 */
class DriftRegressionEstimateCommandTest {
  @TempDir Path dir;

  private CliRun.Outcome assay(String... args) {
    return CliRun.run(dir.resolve("home"), args);
  }

  private Path data(String name, long seed, double mean, double sd, boolean target)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>();
    lines.add(target ? "x1,x2,x3,y" : "x1,x2,x3");
    for (int i = 0; i < 4000; i++) {
      double x1 = mean + sd * gaussian(random);
      double x2 = 2 * random.nextDouble();
      double x3 = gaussian(random);
      double y = 2 * x1 - x2 + 0.5 * x3 + (0.3 + 0.7 * Math.abs(x1)) * gaussian(random);
      String row = String.format(Locale.ROOT, "%.6f,%.6f,%.6f", x1, x2, x3);
      lines.add(target ? row + String.format(Locale.ROOT, ",%.6f", y) : row);
    }
    Path file = dir.resolve(name + ".csv");
    Files.write(file, lines);
    return file;
  }

  /**
   * x1..x3 as in {@link #data} with x1 ~ N(0, 1) on both sides, and a categorical {@code region}:
   * "west" (share {@code west}) adds 1.2 to the noise's sd.
   */
  private Path regional(String name, long seed, double west) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>();
    lines.add("x1,x2,x3,region,y");
    for (int i = 0; i < 4000; i++) {
      double x1 = gaussian(random);
      double x2 = 2 * random.nextDouble();
      double x3 = gaussian(random);
      double u = random.nextDouble();
      String region = u < west ? "west" : u < (1 + west) / 2 ? "north" : "south";
      double sd = 0.3 + 0.7 * Math.abs(x1) + ("west".equals(region) ? 1.2 : 0);
      double y = 2 * x1 - x2 + 0.5 * x3 + sd * gaussian(random);
      lines.add(String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%s,%.6f", x1, x2, x3, region, y));
    }
    Path file = dir.resolve(name + ".csv");
    Files.write(file, lines);
    return file;
  }

  private static double gaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }

  /** {@code y = x . w + b} on {@code x} float {@code [N, 3]}, declared a regression model. */
  private Path model() throws Exception {
    TensorProto w =
        TensorProto.newBuilder()
            .setName("w")
            .setDataType(TensorProto.DataType.FLOAT_VALUE)
            .addDims(3)
            .addDims(1)
            .setRawData(ByteString.copyFrom(TestModels.floats(2f, -1f, 0.5f)))
            .build();
    TensorProto b =
        TensorProto.newBuilder()
            .setName("b")
            .setDataType(TensorProto.DataType.FLOAT_VALUE)
            .setRawData(ByteString.copyFrom(TestModels.floats(0f)))
            .build();
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("linear_regression")
            .addInput(TestModels.tensor("x", TensorProto.DataType.FLOAT_VALUE, "N", 3))
            .addOutput(TestModels.tensor("y", TensorProto.DataType.FLOAT_VALUE, "N", 1))
            .addInitializer(w)
            .addInitializer(b)
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("MatMul")
                    .addInput("x")
                    .addInput("w")
                    .addOutput("xw"))
            .addNode(
                NodeProto.newBuilder().setOpType("Add").addInput("xw").addInput("b").addOutput("y"))
            .build();
    ModelProto model =
        ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("assay-tests")
            .addOpsetImport(TestModels.opset("", 13))
            .addMetadataProps(
                StringStringEntryProto.newBuilder().setKey("assay.task").setValue("regression"))
            .setGraph(graph)
            .build();
    return TestModels.write(dir.resolve("linear-regression.onnx"), model);
  }

  private JsonNode eval(Path model, Path data, String... target) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "eval",
                "--model",
                model.toString(),
                "--data",
                data.toString(),
                "--json",
                "-",
                "--quiet"));
    args.addAll(List.of(target));
    CliRun.Outcome eval = assay(args.toArray(String[]::new));
    assertThat(eval.code()).as(eval.err()).isZero();
    return eval.json();
  }

  private JsonNode drift(String version, String current, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "drift",
                "--model",
                version,
                "--reference",
                "reference",
                "--current",
                current,
                "--json",
                "-",
                "--quiet"));
    args.addAll(List.of(more));
    CliRun.Outcome drift = assay(args.toArray(String[]::new));
    assertThat(drift.code()).as(drift.err()).isZero();
    return drift.json();
  }

  @Test
  void estimatesMaeAndRmseOfAShiftedRegressionAndBackTestsThem() throws Exception {
    Path model = model();
    JsonNode reference = eval(model, data("reference", 18, 0, 1, true), "--target", "y");
    assertThat(reference.get("task").asText()).isEqualTo("regression");
    String version = reference.get("run").get("model").asText();
    JsonNode realised =
        eval(model, data("current", 19, 0.8, 1.3, true), "--target", "y").get("metrics");
    double refMae = reference.get("metrics").get("mae").asDouble();
    assertThat(realised.get("mae").asDouble() / refMae)
        .as("the planted shift raises the MAE")
        .isGreaterThan(1.2);

    JsonNode e = drift(version, "current", "--chunk", "count=4").get("estimated_performance");
    assertThat(e.get("method").asText()).isEqualTo("dle");
    assertThat(e.get("features")).extracting(JsonNode::asText).containsExactly("x1", "x2", "x3");
    assertThat(e.get("rows").asLong()).isEqualTo(4000);
    assertThat(e.get("reference_mae").asDouble()).isCloseTo(refMae, within(1e-9));
    assertThat(e.get("current_labelled").asBoolean()).isTrue();
    // the realised part equals the evaluation's own metrics
    JsonNode r = e.get("realised");
    assertThat(r.get("mae").asDouble()).isCloseTo(realised.get("mae").asDouble(), within(1e-9));
    assertThat(r.get("rmse").asDouble()).isCloseTo(realised.get("rmse").asDouble(), within(1e-9));
    // the back-test: the estimate follows the rise, within a tenth of the realised value
    assertThat(e.get("mae").asDouble())
        .isCloseTo(realised.get("mae").asDouble(), within(0.1 * realised.get("mae").asDouble()));
    assertThat(e.get("rmse").asDouble())
        .isCloseTo(realised.get("rmse").asDouble(), within(0.1 * realised.get("rmse").asDouble()));
    assertThat(e.get("mae").asDouble() / refMae).isGreaterThan(1.15);
    JsonNode chunks = e.get("chunks");
    assertThat(chunks).hasSize(4);
    assertThat(chunks.get(0).get("chunk").asText()).isEqualTo("rows 1-1000");
    for (JsonNode c : chunks) {
      assertThat(c.get("mae_error").asDouble())
          .isCloseTo(c.get("mae").asDouble() - c.get("realised_mae").asDouble(), within(1e-12));
      assertThat(Math.abs(c.get("mae_error").asDouble()))
          .isLessThan(0.15 * c.get("realised_mae").asDouble());
      assertThat(c.get("mae_standard_error").asDouble())
          .isCloseTo(2 * e.get("mae_standard_error").asDouble(), within(1e-12));
    }

    // without labels: the same estimate from the same predictions, no realised part
    eval(model, data("current_unlabelled", 19, 0.8, 1.3, false), "--no-target");
    JsonNode u = drift(version, "current_unlabelled").get("estimated_performance");
    assertThat(u.get("current_labelled").asBoolean()).isFalse();
    assertThat(u.has("realised")).isFalse();
    assertThat(u.get("mae").asDouble()).isCloseTo(e.get("mae").asDouble(), within(1e-12));
    assertThat(u.get("rmse").asDouble()).isCloseTo(e.get("rmse").asDouble(), within(1e-12));

    CliRun.Outcome text =
        assay("drift", "--model", version, "--reference", "reference", "--current", "current");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).contains("Estimated performance (DLE): MAE ");
  }

  /**
   * A shift in a categorical column alone (west from 15 % to 50 % of the rows, x1 unchanged): DLE
   * uses the column one-hot and follows the realised rise of the MAE, which the numeric columns
   * alone do not show.
   */
  @Test
  void aCategoricalColumnEntersTheLossModel() throws Exception {
    Path model = model();
    JsonNode reference =
        eval(model, regional("reference", 28, 0.15), "--target", "y", "--sensitive", "region");
    String version = reference.get("run").get("model").asText();
    JsonNode realised =
        eval(model, regional("current", 29, 0.5), "--target", "y", "--sensitive", "region")
            .get("metrics");
    double refMae = reference.get("metrics").get("mae").asDouble();
    double mae = realised.get("mae").asDouble();
    assertThat(mae / refMae).as("the planted shift raises the MAE").isGreaterThan(1.3);

    JsonNode e = drift(version, "current").get("estimated_performance");
    assertThat(e.get("realised").get("mae").asDouble()).isCloseTo(mae, within(1e-9));
    assertThat(e.get("mae").asDouble() / refMae).isGreaterThan(1.25);
    assertThat(e.get("mae").asDouble()).isCloseTo(mae, within(0.1 * mae));
    assertThat(e.get("features")).extracting(JsonNode::asText).containsExactly("x1", "x2", "x3");
    assertThat(e.get("categorical_features"))
        .extracting(JsonNode::asText)
        .containsExactly("region");
  }
}
