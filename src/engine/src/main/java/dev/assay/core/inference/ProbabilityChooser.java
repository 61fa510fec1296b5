package dev.assay.core.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.core.AssayException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses, on a model's first batch, which candidate output holds the probabilities: by what the
 * candidates hold (rows in [0, 1] summing to 1, see {@link ProbabilityCheck}), in {@link
 * OutputSelection}'s order of names. A candidate that holds no distribution is read as logits only
 * with softmax; otherwise as scores, never as probabilities.
 */
final class ProbabilityChooser {
  private ProbabilityChooser() {}

  /**
   * The probability output once chosen.
   *
   * @param usable whether its rows are read as probabilities (a distribution, or softmax applied)
   * @param problem what is wrong with it when it is not a distribution, else null
   */
  record Chosen(
      OutputSelection.Candidate output,
      boolean usable,
      boolean softmax,
      String reason,
      String problem) {}

  /**
   * Chooses the probability output on the first batch: the first candidate (in {@link
   * OutputSelection} order) whose rows are all distributions; else the first candidate, read as
   * logits with softmax or as scores without.
   *
   * @throws AssayException when no candidate holds a distribution, none is read as logits, and the
   *     only candidate is a single score column with no label output beside it
   */
  static Chosen choose(
      List<OutputSelection.Candidate> candidates,
      String softmaxSource,
      String labelOutput,
      OrtSession.Result result,
      int n)
      throws OrtException {
    OutputSelection.Candidate first = candidates.getFirst();
    String firstProblem = null;
    List<String> passedOver = new ArrayList<>();
    for (OutputSelection.Candidate candidate : candidates) {
      OnnxTensor tensor = (OnnxTensor) result.get(candidate.name()).orElseThrow();
      float[] values = read(tensor, candidate, n, false, null);
      int c = candidate.narrow() ? 2 : (int) tensor.getInfo().getShape()[1];
      String problem = firstProblem(values, n, c);
      if (problem == null) {
        String reason =
            candidate.chosenByUser()
                ? "chosen by the user; its rows are probabilities"
                : "its rows are probabilities (in [0, 1], summing to 1)"
                    + (candidate.nameRank() == 0 ? " and it is named like them" : "");
        if (!passedOver.isEmpty()) {
          reason += "; passed over: " + String.join("; ", passedOver);
        }
        return new Chosen(candidate, true, false, reason, null);
      }
      passedOver.add("'" + candidate.name() + "' " + problem);
      if (candidate == first) {
        firstProblem = problem;
      }
    }
    if (softmaxSource != null) {
      return new Chosen(
          first,
          true,
          true,
          "read as logits through "
              + (first.narrow() ? "a sigmoid" : "softmax")
              + " ("
              + softmaxSource
              + "); its rows are not probabilities: "
              + firstProblem,
          null);
    }
    String problem =
        "output '" + first.name() + "' is not a probability distribution (" + firstProblem + ")";
    if (first.narrow() && labelOutput == null) {
      throw new AssayException(
          problem
              + " and the model has no label output, so its classes cannot be read: pass --softmax"
              + " to read it as a logit, or name another output with --probabilities-output");
    }
    return new Chosen(
        first,
        false,
        false,
        labelOutput == null
            ? "the only candidate; labels by its largest value, no probability metrics"
            : "no output holds probabilities; no probability metrics",
        problem
            + "; log loss, Brier score, ECE, calibration and ROC/PR curves are left out: pass"
            + " --softmax to read it as logits, or name the probability output with"
            + " --probabilities-output");
  }

  /** The first row's problem among {@code n} rows of {@code c} values, or null. */
  private static String firstProblem(float[] values, int n, int c) {
    for (int i = 0; i < n; i++) {
      String problem = ProbabilityCheck.problem(values, i * c, c);
      if (problem != null) {
        return "row " + (i + 1) + " of the first batch " + problem;
      }
    }
    return null;
  }

  /**
   * Reads a candidate as {@code n * C} values; a binary score {@code s} ({@code [N]} or {@code [N,
   * 1]}) becomes the two columns {@code [1 - s, s]}, or {@code [0, s]} for a sigmoid by softmax.
   */
  static float[] read(
      OnnxTensor tensor, OutputSelection.Candidate candidate, int n, boolean logit, float[] reuse)
      throws OrtException {
    if (!candidate.narrow()) {
      int c = (int) tensor.getInfo().getShape()[1];
      float[] values = OutputDecoder.ensure(reuse, n * c);
      OutputDecoder.copyFloats(tensor, values, n * c);
      return values;
    }
    float[] values = OutputDecoder.ensure(reuse, 2 * n);
    OutputDecoder.copyFloats(tensor, values, n);
    for (int i = n - 1; i >= 0; i--) {
      float s = values[i];
      values[2 * i + 1] = s;
      values[2 * i] = logit ? 0f : 1f - s;
    }
    return values;
  }
}
