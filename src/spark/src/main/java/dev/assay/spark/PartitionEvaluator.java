package dev.assay.spark;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Json;
import dev.assay.core.data.Cells;
import dev.assay.core.eval.CellPolicy;
import dev.assay.core.eval.OutputReading;
import dev.assay.core.eval.PredictionRule;
import dev.assay.core.inference.Binding;
import dev.assay.core.inference.ClassLabels;
import dev.assay.core.inference.FeatureBatch;
import dev.assay.core.inference.OutputChoice;
import dev.assay.core.inference.OutputDecoder;
import dev.assay.core.inference.ProbabilityCheck;
import dev.assay.core.inference.TargetMap;
import dev.assay.core.metrics.ClassificationAccumulator;
import dev.assay.core.metrics.RegressionAccumulator;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * Scores one partition in the executor, as the local evaluation does row by row: the engine's
 * binding fills batches, the JVM's shared session scores them, the engine's decoder reads the
 * outputs, targets are matched with the class labels the same way, and the engine's accumulator
 * takes the rows in. Returns one {@link Partial} per partition. Rows arrive as (target, bound
 * columns...).
 *
 * <p>Rows are numbered within the partition (no pass over the input beforehand to count the rows of
 * the partitions before it): the partial reports how many input rows its partition had, and the
 * driver turns the partition-local numbers of examples and predictions into data-row numbers once
 * all partitions are counted. A row's error names the partition ({@link #PARTITION_MARK}); the
 * driver then counts the rows before it and scores that partition again with its offset known
 * ({@link #forPartition}), which gives the message a local run gives, naming the data row.
 */
final class PartitionEvaluator implements Function2<Integer, Iterator<Row>, Iterator<Partial>> {
  private static final long serialVersionUID = 1L;
  private static final int UNKNOWN = -2;

  /** What the driver settled: the binding and how outputs and targets are read. */
  record Settings(
      String modelSha,
      String bindingJson,
      int[][] columnIndex,
      String target,
      List<String> columnNames,
      ArrayList<String> metadataLabels,
      boolean softmax,
      String probabilitiesOutput,
      String labelOutput,
      HashMap<String, String> targetMap,
      String positiveLabel,
      boolean labelsFromLabelOutput,
      int batchSize,
      boolean allowNonFinite,
      boolean keepPredictions,
      boolean regression)
      implements Serializable {}

  /** How a row's error names its partition when rows are numbered within partitions. */
  static final String PARTITION_MARK = "[assay partition ";

  private final Broadcast<byte[]> model;
  private final Settings settings;

  /** The only partition scored, or -1 for all (rows numbered within each partition). */
  private final int only;

  /** The rows before {@link #only} (its first row is data row {@code offset + 1}). */
  private final long offset;

  PartitionEvaluator(Broadcast<byte[]> model, Settings settings) {
    this(model, settings, -1, 0);
  }

  private PartitionEvaluator(Broadcast<byte[]> model, Settings settings, int only, long offset) {
    this.model = model;
    this.settings = settings;
    this.only = only;
    this.offset = offset;
  }

  /** Scores only {@code partition}, whose first row is data row {@code offset + 1}. */
  PartitionEvaluator forPartition(int partition, long offset) {
    return new PartitionEvaluator(model, settings, partition, offset);
  }

  @Override
  public Iterator<Partial> call(Integer index, Iterator<Row> rows) throws Exception {
    Partial partial = new Partial();
    partial.partition = index;
    if (only >= 0 && index != only) {
      return java.util.Collections.emptyIterator();
    }
    if (!rows.hasNext()) {
      return List.of(partial).iterator();
    }
    ExecutorModels.Loaded loaded = ExecutorModels.get(settings.modelSha(), model::value);
    ObjectMapper json = Json.newMapper();
    Binding binding = json.readValue(settings.bindingJson(), Binding.class);
    OutputDecoder decoder =
        OutputDecoder.plan(
            loaded.inspection(),
            settings.metadataLabels(),
            settings.regression(),
            settings.softmax(),
            new OutputChoice(settings.probabilitiesOutput(), settings.labelOutput()));
    CellPolicy cells = CellPolicy.forModel(loaded.inspection(), settings.allowNonFinite());
    if (settings.keepPredictions()) {
      partial.predictions = new PredictionRows();
    }
    Scorer scorer =
        new Scorer(
            partial, loaded, decoder, cells, new FeatureBatch(binding, settings.batchSize()));
    try {
      scorer.run(rows);
    } catch (AssayException e) {
      if (only >= 0) {
        throw e;
      }
      throw new AssayException(PARTITION_MARK + index + "] " + e.getMessage(), e);
    }
    if (partial.predictions != null) {
      partial.predictions.seal();
    }
    return List.of(partial).iterator();
  }

  /** The state of one partition's pass. */
  private final class Scorer {
    private final Partial partial;
    private final ExecutorModels.Loaded loaded;
    private final OutputDecoder decoder;
    private final CellPolicy cells;
    private final FeatureBatch batch;
    private final ObjectMapper json;
    private final long[] rowNumbers;
    private final String[] targets;
    private final TargetMap targetMap;
    private final Map<String, Integer> targetIndex = new HashMap<>();
    private OutputDecoder.Decoded reuse;
    private int[] truth;
    private int[] predicted;
    private double[] actual;
    private ProbabilityCheck check;
    private int positiveIndex = -1;

    Scorer(
        Partial partial,
        ExecutorModels.Loaded loaded,
        OutputDecoder decoder,
        CellPolicy cells,
        FeatureBatch batch) {
      this.partial = partial;
      this.loaded = loaded;
      this.decoder = decoder;
      this.cells = cells;
      this.batch = batch;
      this.json = Json.newMapper();
      this.rowNumbers = new long[batch.capacity()];
      this.targets = new String[batch.capacity()];
      this.targetMap = new TargetMap(settings.targetMap());
      this.truth = new int[batch.capacity()];
      this.predicted = new int[batch.capacity()];
    }

    void run(Iterator<Row> rows) throws OrtException, IOException {
      int[][] columnIndex = settings.columnIndex();
      long rowNumber = offset;
      while (rows.hasNext()) {
        Row row = rows.next();
        rowNumber++;
        partial.inputRows++;
        String target = text(row.get(0));
        if (Cells.isMissing(target)) {
          partial.missingTargets++;
          continue;
        }
        int r = batch.addRow();
        rowNumbers[r] = rowNumber;
        targets[r] = target;
        for (int i = 0; i < columnIndex.length; i++) {
          boolean isText = batch.isText(i);
          for (int c = 0; c < columnIndex[i].length; c++) {
            int at = columnIndex[i][c];
            Object cell = row.get(at);
            if (isText) {
              batch.setText(i, r, c, cell == null ? "" : text(cell));
            } else {
              batch.setNumber(i, r, c, number(cell, rowNumber, at));
            }
          }
        }
        if (batch.isFull()) {
          score();
        }
      }
      if (batch.rows() > 0) {
        score();
      }
      if (check != null) {
        ProbabilityCheck.Summary summary = check.summary();
        partial.probabilitiesChecked = summary.checked();
        partial.probabilitiesInvalid = summary.invalid();
        for (ProbabilityCheck.Example e : summary.examples()) {
          float[] values = new float[e.values().size()];
          for (int k = 0; k < values.length; k++) {
            values[k] = e.values().get(k);
          }
          partial.probabilityExamples.add(
              new Partial.Shown(partial.partition, e.row(), e.problem(), null, values));
        }
      }
    }

    private double number(Object cell, long rowNumber, int at) {
      double value;
      if (cell == null) {
        value = Double.NaN;
      } else if (cell instanceof Number n) {
        value = n.doubleValue();
      } else if (cell instanceof Boolean b) {
        value = b ? 1 : 0;
      } else {
        String s = cell.toString();
        value = Cells.parseOrNaN(s);
        if (Double.isNaN(value) && !Cells.isMissing(s)) {
          throw new AssayException(
              "row " + rowNumber + ", column '" + column(at) + "': '" + s + "' is not a number");
        }
        if (Double.isNaN(value)) {
          cell = null;
        }
      }
      if (Double.isNaN(value)) {
        partial.missingCells++;
        if (!cells.passMissing()) {
          cells.check(value, rowNumber, rowNumber + 1, column(at));
        }
      } else if (Double.isInfinite(value)) {
        partial.nonFiniteCells++;
        if (!cells.allowNonFinite()) {
          cells.check(value, rowNumber, rowNumber + 1, column(at));
        }
      }
      return value;
    }

    private String column(int at) {
      return settings.columnNames().get(at);
    }

    private void score() throws OrtException, IOException {
      int n = batch.rows();
      long t0 = System.nanoTime();
      try (OrtSession.Result result = loaded.session().run(batch)) {
        long nanos = System.nanoTime() - t0;
        reuse = decoder.decode(result, n, reuse);
        partial.addBatch(nanos, n);
      }
      if (settings.regression()) {
        takeRegression(n, reuse);
      } else {
        take(n, reuse);
      }
      partial.rows += n;
      batch.clear();
    }

    /**
     * As the local run's {@code RunState.processClassification}; the predictions file's rows go to
     * the partition's {@link PredictionRows} when kept.
     */
    private void take(int n, OutputDecoder.Decoded decoded) throws IOException {
      List<String> labels = decoder.classLabels();
      if (partial.accumulator == null) {
        positiveIndex = PredictionRule.positiveIndex(labels, settings.positiveLabel());
        partial.accumulator = new ClassificationAccumulator(labels, positiveIndex);
        partial.classLabels = new ArrayList<>(labels);
        partial.providerUsed = loaded.session().provider().id();
        partial.sessionWarnings = new ArrayList<>(loaded.session().warnings());
        if (decoder.probabilityOutput() != null) {
          check = new ProbabilityCheck(decoder.probabilityOutput());
          partial.probabilityOutput = decoder.probabilityOutput();
        }
      }
      int c = labels.size();
      float[] probs = decoded.probabilities;
      boolean scored = probs != null;
      if (decoded.scores != null) {
        check.check(decoded.scores, n, c, rowNumbers);
      } else if (probs != null && decoder.checksProbabilities()) {
        check.check(probs, n, c, rowNumbers);
        scored = !check.failed();
      }
      boolean agreement = decoder.hasLabelOutput() && decoder.hasProbabilities();
      for (int i = 0; i < n; i++) {
        int index = classOf(labels, i);
        truth[i] = index;
        if (probs != null) {
          for (int k = 0; k < c; k++) {
            if (Float.isNaN(probs[i * c + k])) {
              throw new AssayException(
                  "row "
                      + rowNumbers[i]
                      + ": the model's probability of class '"
                      + labels.get(k)
                      + "' is NaN (a missing or infinite feature cell the model does not handle?)");
            }
          }
        }
        int fromProbs =
            probs != null
                ? PredictionRule.fromProbabilities(probs, i * c, c, positiveIndex)
                : decoded.scores != null ? PredictionRule.argmax(decoded.scores, i * c, c) : -1;
        int fromLabel = decoded.labelIndex == null ? -1 : decoded.labelIndex[i];
        if (decoded.labelIndex != null && fromLabel < 0) {
          throw new AssayException(
              "row "
                  + rowNumbers[i]
                  + ": the model's label output '"
                  + decoded.labelText[i]
                  + "' is not one of its classes "
                  + labels);
        }
        boolean useLabel =
            decoded.labelIndex != null && (settings.labelsFromLabelOutput() || probs == null);
        predicted[i] = useLabel ? fromLabel : fromProbs;
        if (partial.predictions != null) {
          partial.predictions.add(rowNumbers[i], index, predicted[i], probs, i * c, c);
        }
        if (agreement && probs != null) {
          partial.agreementCompared++;
          if (fromLabel != fromProbs) {
            partial.agreementDisagreements++;
            if (partial.disagreements.size() < Partial.EXAMPLES) {
              partial.disagreements.add(
                  new Partial.Shown(
                      partial.partition,
                      rowNumbers[i],
                      labels.get(fromLabel),
                      labels.get(fromProbs),
                      java.util.Arrays.copyOfRange(probs, i * c, i * c + c)));
            }
          }
        }
      }
      partial.accumulator.add(truth, predicted, scored ? probs : null, n);
      partial.hasLabelOutput = decoder.hasLabelOutput();
      partial.hasProbabilities = decoder.hasProbabilities();
      partial.outputsUsedJson = json.writeValueAsString(decoder.outputsUsed());
    }

    /** As the local run's {@code RunState.processRegression}, with the rows when kept. */
    private void takeRegression(int n, OutputDecoder.Decoded decoded) throws IOException {
      if (partial.regression == null) {
        partial.regression = new RegressionAccumulator();
        partial.classLabels = new ArrayList<>();
        partial.providerUsed = loaded.session().provider().id();
        partial.sessionWarnings = new ArrayList<>(loaded.session().warnings());
        partial.outputsUsedJson = json.writeValueAsString(decoder.outputsUsed());
        actual = new double[truth.length];
      }
      RegressionRows.take(
          partial, settings.target(), rowNumbers, targets, actual, n, decoded.values);
    }

    private int classOf(List<String> labels, int i) {
      Integer known = targetIndex.get(targets[i]);
      int index = known != null ? known : ClassLabels.indexOf(labels, targetMap.apply(targets[i]));
      if (index < 0) {
        throw OutputReading.unknownTarget(
            settings.target(),
            rowNumbers[i],
            targets[i],
            List.copyOf(targetIndex.keySet()),
            labels);
      }
      targetIndex.put(targets[i], index);
      return index;
    }
  }

  private static String text(Object cell) {
    return cell == null ? null : cell.toString();
  }
}
