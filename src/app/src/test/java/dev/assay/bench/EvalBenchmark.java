package dev.assay.bench;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.data.Cells;
import dev.assay.core.data.CsvSource;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.eval.EvaluationRequest;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.workbench.Workbench;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The evaluation benchmark of issue 3, run by hand: {@code ./mvnw -Pbench -DskipTests
 * process-test-classes}.
 *
 * <p>It generates a deterministic 1,000,000-row CSV with the HMDA columns (resampling the real rows
 * with jitter on the continuous columns), imports it (timed: hash, profile, column cache, copy),
 * then measures in one JVM (-Xmx512m), in three interleaved rounds per model after a warm-up run:
 *
 * <ol>
 *   <li>the limit: a fast parse of the CSV into float batches plus raw {@code session.run} over
 *       pre-built tensors;
 *   <li>Assay end to end: {@code EvaluationRunner} on the imported dataset (reading its column
 *       cache, binding, decoding, metrics, stored predictions);
 *   <li>the same for a compute-heavier MLP (13-256-256-2), end to end versus raw {@code
 *       session.run}.
 * </ol>
 */
public final class EvalBenchmark {
  private static final int ROWS = 1_000_000;
  private static final int BATCH = 4096;
  private static final int ROUNDS = 3;

  private EvalBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
    Path work = repo.resolve("target/bench");
    Files.createDirectories(work);
    Path csv = work.resolve("hmda-1m.csv");
    if (!Files.exists(csv)) {
      generate(repo.resolve("models/data/hmda_train.csv"), csv);
    }
    Path home = Files.createTempDirectory(work, "home-");
    List<String> lines = new ArrayList<>();
    try (Workbench workbench =
        Workbench.open(new WorkbenchHome(home), Clock.systemUTC(), "bench")) {
      ModelVersion v2 =
          workbench
              .models()
              .importModel(
                  ImportRequest.of(repo.resolve("models/hmda-deny-v2.onnx")),
                  Progress.NONE,
                  Cancellation.NONE)
              .model();
      Path mlpFile = work.resolve("hmda-mlp.onnx");
      writeMlp(mlpFile, v2.inspection().metadata().get("assay.features"));
      ModelVersion mlp =
          workbench
              .models()
              .importModel(ImportRequest.of(mlpFile), Progress.NONE, Cancellation.NONE)
              .model();
      long importStart = System.nanoTime();
      DatasetVersion data =
          workbench
              .datasets()
              .importDataset(csv, "hmda-1m", Progress.NONE, Cancellation.NONE)
              .dataset();
      lines.add(
          String.format(
              Locale.ROOT,
              "dataset import (hash, profile and column cache, copy, record) of %,d rows: %.2f s",
              data.rows(),
              (System.nanoTime() - importStart) / 1e9));
      List<String> features = featureList(v2.inspection().metadata().get("assay.features"));

      for (ModelVersion model : List.of(v2, mlp)) {
        Path modelFile = workbench.models().modelFile(model);
        Path dataFile = workbench.datasets().file(data);
        // warm-up of the JIT and ORT
        run(workbench, model, data);
        List<FloatBuffer> batches = tensors(dataFile, features);
        double[] ratios = new double[ROUNDS];
        double[] throughput = new double[ROUNDS];
        double[] sameThreading = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
          double parse = parseSeconds(dataFile, features);
          double raw = rawRunSeconds(modelFile, batches, features.size());
          double rawParallel = rawParallelSeconds(modelFile, batches, features.size());
          long t0 = System.nanoTime();
          EvaluationResult result = run(workbench, model, data);
          double total = (System.nanoTime() - t0) / 1e9;
          double endToEnd = result.run().wallSeconds();
          ratios[round] = endToEnd / (parse + raw);
          throughput[round] = raw / endToEnd;
          sameThreading[round] = rawParallel / endToEnd;
          lines.add(
              String.format(
                  Locale.ROOT,
                  "%-16s round %d: parse %.2f s, raw session.run %.2f s (%,.0f rows/s) -> limit"
                      + " %,.0f rows/s; end-to-end %.2f s = %,.0f rows/s (%.2fx the limit time,"
                      + " %.2fx raw run throughput; raw run with Assay's threading %.2f s:"
                      + " %.2fx), peak heap %d MiB, batch p50/p95/p99"
                      + " %.2f/%.2f/%.2f ms; whole run incl. metrics snapshot and storing %.2f s",
                  model.ref(),
                  round + 1,
                  parse,
                  raw,
                  ROWS / raw,
                  ROWS / (parse + raw),
                  endToEnd,
                  ROWS / endToEnd,
                  ratios[round],
                  throughput[round],
                  rawParallel,
                  sameThreading[round],
                  result.run().peakHeapBytes() >> 20,
                  result.run().latencyP50Ms(),
                  result.run().latencyP95Ms(),
                  result.run().latencyP99Ms(),
                  total));
        }
        lines.add(
            String.format(
                Locale.ROOT,
                "%-16s median of %d rounds: %.2fx the limit time, %.2fx raw run throughput"
                    + " (%.2fx the raw run with Assay's threading)",
                model.ref(),
                ROUNDS,
                median(ratios),
                median(throughput),
                median(sameThreading)));
      }
    }
    lines.add(
        "JVM: "
            + Runtime.version()
            + ", max heap "
            + (Runtime.getRuntime().maxMemory() >> 20)
            + " MiB, "
            + Runtime.getRuntime().availableProcessors()
            + " cores");
    lines.forEach(System.out::println);
    Files.write(work.resolve("results.txt"), lines);
  }

  private static EvaluationResult run(
      Workbench workbench, ModelVersion model, DatasetVersion data) {
    return workbench
        .evaluations()
        .run(
            new EvaluationRequest(
                model,
                data,
                "deny",
                null,
                null,
                List.of("afam"),
                ExecutionProvider.CPU,
                BATCH,
                0,
                EvaluationRequest.LabelSource.LABEL_OUTPUT,
                false),
            Progress.NONE,
            Cancellation.NONE);
  }

  /** Fast parse: CSV records to float batches, nothing else. */
  private static double parseSeconds(Path csv, List<String> features) {
    long start = System.nanoTime();
    float[] batch = new float[BATCH * features.size()];
    double checksum = 0;
    try (CsvSource source = CsvSource.open(csv)) {
      int[] index = features.stream().mapToInt(source.header()::indexOf).toArray();
      int target = source.header().indexOf("deny");
      int row = 0;
      String[] record;
      while ((record = source.next()) != null) {
        for (int c = 0; c < index.length; c++) {
          batch[row * index.length + c] = (float) Cells.parseNumber(record[index[c]]);
        }
        checksum += Cells.parseNumber(record[target]);
        if (++row == BATCH) {
          row = 0;
        }
      }
    }
    if (checksum < 0) {
      throw new IllegalStateException();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** The model inputs of every row as float batches, built before any clock starts. */
  private static List<FloatBuffer> tensors(Path csv, List<String> features) {
    int f = features.size();
    List<FloatBuffer> batches = new ArrayList<>();
    try (CsvSource source = CsvSource.open(csv)) {
      int[] index = features.stream().mapToInt(source.header()::indexOf).toArray();
      FloatBuffer current = null;
      String[] record;
      while ((record = source.next()) != null) {
        if (current == null || !current.hasRemaining()) {
          current =
              ByteBuffer.allocateDirect(BATCH * f * 4)
                  .order(ByteOrder.nativeOrder())
                  .asFloatBuffer();
          batches.add(current);
        }
        for (int c = 0; c < f; c++) {
          current.put((float) Cells.parseNumber(record[index[c]]));
        }
      }
    }
    return batches;
  }

  /** Raw session.run over pre-built tensors (default session options with ALL_OPT). */
  private static double rawRunSeconds(Path model, List<FloatBuffer> batches, int f)
      throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      try (OrtSession session = env.createSession(model.toString(), options)) {
        String input = session.getInputNames().iterator().next();
        long start = System.nanoTime();
        for (FloatBuffer buffer : batches) {
          int rows = buffer.position() / f;
          try (OnnxTensor tensor =
                  OnnxTensor.createTensor(env, buffer.slice(0, rows * f), new long[] {rows, f});
              OrtSession.Result result = session.run(Map.of(input, tensor))) {
            result.get(0);
          }
        }
        return (System.nanoTime() - start) / 1e9;
      }
    }
  }

  /**
   * Raw session.run as Assay runs it on the CPU by default: one batch per core at once, each on a
   * single ONNX Runtime thread without spinning (see EvaluationRunner.inFlight).
   */
  private static double rawParallelSeconds(Path model, List<FloatBuffer> batches, int f)
      throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int lanes = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      try (OrtSession session = env.createSession(model.toString(), options)) {
        String input = session.getInputNames().iterator().next();
        java.util.concurrent.ExecutorService pool =
            java.util.concurrent.Executors.newFixedThreadPool(lanes);
        try {
          long start = System.nanoTime();
          List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
          for (FloatBuffer buffer : batches) {
            runs.add(
                pool.submit(
                    () -> {
                      int rows = buffer.position() / f;
                      try (OnnxTensor tensor =
                              OnnxTensor.createTensor(
                                  env, buffer.slice(0, rows * f), new long[] {rows, f});
                          OrtSession.Result result = session.run(Map.of(input, tensor))) {
                        result.get(0);
                      }
                      return null;
                    }));
          }
          for (java.util.concurrent.Future<?> run : runs) {
            run.get();
          }
          return (System.nanoTime() - start) / 1e9;
        } finally {
          pool.shutdown();
        }
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * Resamples the real HMDA rows with jitter on the continuous columns; seed 42, so always the same
   * file.
   */
  static void generate(Path source, Path target) throws IOException {
    List<String> all = Files.readAllLines(source, StandardCharsets.UTF_8);
    String header = all.getFirst();
    List<String[]> rows = all.subList(1, all.size()).stream().map(l -> l.split(",")).toList();
    List<String> columns = List.of(header.split(","));
    boolean[] continuous = new boolean[columns.size()];
    for (String name : List.of("pirat", "hirat", "lvrat", "unemp")) {
      continuous[columns.indexOf(name)] = true;
    }
    Random random = new Random(42);
    try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      out.write(header);
      out.write('\n');
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < ROWS; i++) {
        String[] row = rows.get(random.nextInt(rows.size()));
        line.setLength(0);
        for (int c = 0; c < row.length; c++) {
          if (c > 0) {
            line.append(',');
          }
          if (continuous[c]) {
            double v = Double.parseDouble(row[c]) * (1 + 0.05 * random.nextGaussian());
            line.append(String.format(Locale.ROOT, "%.4f", Math.max(0, v)));
          } else {
            line.append(row[c]);
          }
        }
        out.write(line.append('\n').toString());
      }
    }
  }

  private static List<String> featureList(String json) {
    return List.of(json.replaceAll("[\\[\\]\"]", "").split(","));
  }

  /** A 13-256-256-2 MLP with fixed random weights and the sample models' signature and metadata. */
  static void writeMlp(Path file, String features) throws IOException {
    Random random = new Random(7);
    int in = featureList(features).size();
    int[] sizes = {in, 256, 256, 2};
    OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("mlp");
    String current = "input";
    for (int layer = 0; layer < 3; layer++) {
      int rows = sizes[layer];
      int cols = sizes[layer + 1];
      ByteBuffer w = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < rows * cols; i++) {
        w.putFloat((float) (random.nextGaussian() * Math.sqrt(2.0 / rows) * 0.5));
      }
      ByteBuffer b = ByteBuffer.allocate(cols * 4).order(ByteOrder.LITTLE_ENDIAN);
      graph.addInitializer(tensor("W" + layer, new long[] {rows, cols}, w.array()));
      graph.addInitializer(tensor("B" + layer, new long[] {cols}, b.array()));
      String out = layer == 2 ? "logits" : "h" + layer;
      graph.addNode(
          OnnxMl.NodeProto.newBuilder()
              .setOpType("Gemm")
              .addInput(current)
              .addInput("W" + layer)
              .addInput("B" + layer)
              .addOutput(layer == 2 ? out : out + "_pre"));
      if (layer < 2) {
        graph.addNode(
            OnnxMl.NodeProto.newBuilder().setOpType("Relu").addInput(out + "_pre").addOutput(out));
      }
      current = out;
    }
    graph.addNode(
        OnnxMl.NodeProto.newBuilder()
            .setOpType("Softmax")
            .addInput("logits")
            .addOutput("output")
            .addAttribute(
                OnnxMl.AttributeProto.newBuilder()
                    .setName("axis")
                    .setType(OnnxMl.AttributeProto.AttributeType.INT)
                    .setI(1)));
    graph.addInput(valueInfo("input", in));
    graph.addOutput(valueInfo("output", 2));
    OnnxMl.ModelProto model =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("assay-bench")
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(graph)
            .addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder()
                    .setKey("assay.features")
                    .setValue(features))
            .addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder()
                    .setKey("assay.class_labels")
                    .setValue("[\"0\",\"1\"]"))
            .build();
    Files.write(file, model.toByteArray());
  }

  private static OnnxMl.TensorProto tensor(String name, long[] dims, byte[] data) {
    OnnxMl.TensorProto.Builder t =
        OnnxMl.TensorProto.newBuilder()
            .setName(name)
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
            .setRawData(ByteString.copyFrom(data));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  private static OnnxMl.ValueInfoProto valueInfo(String name, int width) {
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(
                            OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(
                                    OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                                .addDim(
                                    OnnxMl.TensorShapeProto.Dimension.newBuilder()
                                        .setDimValue(width)))))
        .build();
  }
}
