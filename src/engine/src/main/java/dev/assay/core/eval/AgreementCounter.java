package dev.assay.core.eval;

import java.util.ArrayList;
import java.util.List;

/** Counts rows where the label output and the probability-derived label differ. */
final class AgreementCounter {
  long compared;
  long disagreements;
  final List<EvaluationResult.Disagreement> examples = new ArrayList<>();

  void compare(
      long row,
      int fromLabel,
      int fromProbs,
      List<String> labels,
      float[] probs,
      int offset,
      int c) {
    compared++;
    if (fromLabel != fromProbs) {
      disagreements++;
      if (examples.size() < 10) {
        List<Float> p = new ArrayList<>();
        for (int j = 0; j < c; j++) {
          p.add(probs[offset + j]);
        }
        examples.add(
            new EvaluationResult.Disagreement(
                row, labels.get(fromLabel), labels.get(fromProbs), p));
      }
    }
  }

  EvaluationResult.Agreement summary() {
    return new EvaluationResult.Agreement(compared, disagreements, List.copyOf(examples));
  }
}
