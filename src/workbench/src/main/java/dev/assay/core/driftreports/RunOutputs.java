package dev.assay.core.driftreports;

import dev.assay.core.NotFoundException;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.OutputDrift;
import dev.assay.core.eval.EvaluationResult;
import dev.assay.core.eval.PredictionsFile;
import dev.assay.core.eval.RunStatus;
import dev.assay.core.eval.RunStore;
import dev.assay.core.eval.RunSummary;
import dev.assay.core.model.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model version's outputs on a dataset, read from its newest completed evaluation run there (the
 * scores ONNX Runtime produced when the run was made, so no model is run twice): per row the
 * positive-class probability (binary classifiers with probabilities) or the regression value, the
 * predicted label, and the target.
 */
public final class RunOutputs {
  /**
   * One run's outputs.
   *
   * @param positiveLabel the positive class of a binary classifier, else null
   * @param truth per row 1 when the target is the positive class, else 0 (binary only, else null;
   *     null too for a run scored without a target)
   * @param dataRows per row its 1-based data row number in the dataset (to join other columns, such
   *     as a timestamp, to the run's rows)
   */
  public record Loaded(
      long runId,
      String target,
      OutputDrift.Outputs outputs,
      String positiveLabel,
      int[] truth,
      long[] dataRows) {}

  private final RunStore runs;
  private final Path tmp;

  public RunOutputs(RunStore runs, Path tmp) {
    this.runs = runs;
    this.tmp = tmp;
  }

  /** The outputs of the newest completed run of {@code model} on {@code dataset}, if any. */
  public Optional<Loaded> newest(ModelVersion model, DatasetVersion dataset) {
    Optional<RunSummary> run =
        runs.list(model.id()).stream()
            .filter(r -> r.datasetId() == dataset.id() && r.status() == RunStatus.COMPLETED)
            .findFirst();
    if (run.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(load(run.get()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private Loaded load(RunSummary run) {
    EvaluationResult result = runs.result(run.id());
    Path file = tmp.resolve("drift-outputs-" + run.id() + "-" + System.nanoTime() + ".pred");
    try {
      runs.copyPredictions(run.id(), file);
      List<PredictionsFile.Row> rows = new ArrayList<>();
      List<String> labels = PredictionsFile.read(file, rows::add);
      int n = rows.size();
      long[] dataRows = new long[n];
      for (int i = 0; i < n; i++) {
        dataRows[i] = rows.get(i).row();
      }
      // a run scored without a target (assay eval --no-target) has outputs but no target
      boolean labelled = run.target() != null;
      if (labels.isEmpty()) {
        double[] predicted = new double[n];
        String[] actual = new String[n];
        for (int i = 0; i < n; i++) {
          predicted[i] = rows.get(i).predicted();
          double a = rows.get(i).actual();
          actual[i] = Double.isNaN(a) ? null : Double.toString(a);
        }
        return new Loaded(
            run.id(),
            run.target(),
            new OutputDrift.Outputs(predicted, null, labelled ? actual : null, true),
            null,
            null,
            dataRows);
      }
      int positive =
          labels.size() == 2 && result.positiveLabel() != null
              ? labels.indexOf(result.positiveLabel())
              : -1;
      double[] score = positive >= 0 ? new double[n] : null;
      boolean anyScore = false;
      String[] predicted = new String[n];
      String[] target = new String[n];
      int[] truth = positive >= 0 ? new int[n] : null;
      for (int i = 0; i < n; i++) {
        PredictionsFile.Row r = rows.get(i);
        predicted[i] = label(labels, r.predictedClass());
        target[i] = label(labels, r.trueClass());
        if (score != null) {
          score[i] = r.probabilities()[positive];
          anyScore |= !Float.isNaN(r.probabilities()[positive]);
          truth[i] = r.trueClass() == positive ? 1 : 0;
        }
      }
      return new Loaded(
          run.id(),
          run.target(),
          new OutputDrift.Outputs(
              anyScore ? score : null, predicted, labelled ? target : null, false),
          positive >= 0 ? labels.get(positive) : null,
          anyScore && labelled ? truth : null,
          dataRows);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String label(List<String> labels, int index) {
    return index >= 0 && index < labels.size() ? labels.get(index) : null;
  }
}
