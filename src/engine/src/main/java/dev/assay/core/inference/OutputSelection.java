package dev.assay.core.inference;

import dev.assay.core.AssayException;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelInspection.ValueSignature;
import dev.assay.core.model.ModelMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The plan of which outputs to read, made from the model's declared outputs, its metadata and the
 * user's {@link OutputChoice}. The probability output among several candidates is settled by {@link
 * OutputDecoder} on the first batch, by what the candidates hold.
 *
 * @param candidates float tensors that may hold probabilities, in the order they are tried: the
 *     user's choice alone, else named like probabilities first and like logits or scores last, wide
 *     ({@code [N, C]}) before binary scores, then in declaration order
 * @param softmaxSource why softmax is applied to a candidate that holds no distribution ({@code
 *     --softmax}, model metadata), or null when it is not
 */
record OutputSelection(
    OutputDecoder.Task task,
    String label,
    String labelReason,
    Candidate zipMap,
    String zipMapReason,
    List<Candidate> candidates,
    String regressionOutput,
    String softmaxSource) {

  /** A float tensor that may hold probabilities. */
  record Candidate(String name, boolean narrow, int nameRank, int order, boolean chosenByUser) {}

  static OutputSelection plan(
      ModelInspection model, boolean regression, boolean softmax, OutputChoice choice) {
    Map<String, String> metadata = model.metadata();
    String softmaxSource =
        softmax
            ? "--softmax"
            : ModelMetadata.declaresSoftmax(metadata)
                ? "model metadata " + ModelMetadata.SOFTMAX
                : null;
    boolean declaredClassifier = ModelMetadata.isClassifier(metadata);
    String label = null;
    String zip = null;
    String value = null;
    List<Candidate> wide = new ArrayList<>();
    List<Candidate> narrow = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int order = 0;
    for (ValueSignature out : model.outputs()) {
      names.add(out.name());
      order++;
      if (out.elementType() == null) {
        if (out.type().startsWith("sequence<map<") && zip == null) {
          zip = out.name();
        }
        continue;
      }
      boolean isNarrow = narrow(out);
      if (integral(out) && isNarrow && label == null) {
        label = out.name();
      } else if (floating(out) && rank(out) == 2 && !isNarrow) {
        wide.add(new Candidate(out.name(), false, OutputChoice.nameRank(out.name()), order, false));
      } else if (floating(out) && isNarrow) {
        narrow.add(
            new Candidate(out.name(), true, OutputChoice.nameRank(out.name()), order, false));
        if (value == null) {
          value = out.name();
        }
      }
    }
    String labelReason = label == null ? null : "the model's label output (int64 or string)";
    if (choice.label() != null) {
      ValueSignature out = find(model, choice.label(), names, "--label-output");
      if (!integral(out) || !narrow(out)) {
        throw new AssayException(
            "--label-output '"
                + out.name()
                + "' is "
                + out.type()
                + "; a label output is int64 or string of shape [N] or [N, 1]");
      }
      label = out.name();
      labelReason = "chosen by the user";
    }
    List<Candidate> candidates = new ArrayList<>();
    Candidate zipMap = null;
    String zipReason = null;
    if (choice.probabilities() != null) {
      ValueSignature out = find(model, choice.probabilities(), names, "--probabilities-output");
      if (out.elementType() == null && out.type().startsWith("sequence<map<")) {
        zipMap = new Candidate(out.name(), false, 0, 0, true);
        zipReason = "chosen by the user (a ZipMap)";
      } else if (out.elementType() != null && floating(out) && (narrow(out) || rank(out) == 2)) {
        candidates.add(new Candidate(out.name(), narrow(out), 0, 0, true));
      } else {
        throw new AssayException(
            "--probabilities-output '"
                + out.name()
                + "' is "
                + out.type()
                + "; probabilities are float [N, C], binary scores float [N] or [N, 1], or a"
                + " ZipMap");
      }
    } else if (zip != null) {
      zipMap = new Candidate(zip, false, 0, 0, false);
      zipReason = "the model's ZipMap output";
    } else {
      candidates.addAll(wide);
      boolean classifier = label != null || !wide.isEmpty() || declaredClassifier;
      for (Candidate c : narrow) {
        if (classifier || c.nameRank() == 0) {
          candidates.add(c);
        }
      }
      candidates.sort(
          Comparator.comparingInt(Candidate::nameRank)
              .thenComparing(Candidate::narrow)
              .thenComparingInt(Candidate::order));
    }
    if (regression || label == null && zipMap == null && candidates.isEmpty()) {
      if (value == null) {
        throw new AssayException(
            "the model has no output Assay can read as a regression value ([N] or [N, 1] float)");
      }
      return new OutputSelection(
          OutputDecoder.Task.REGRESSION, null, null, null, null, List.of(), value, null);
    }
    return new OutputSelection(
        OutputDecoder.Task.CLASSIFICATION,
        label,
        labelReason,
        zipMap,
        zipReason,
        List.copyOf(candidates),
        null,
        softmaxSource);
  }

  private static ValueSignature find(
      ModelInspection model, String name, List<String> names, String option) {
    for (ValueSignature out : model.outputs()) {
      if (out.name().equals(name)) {
        return out;
      }
    }
    throw new AssayException(
        option + " '" + name + "' is not an output of the model; its outputs: " + names);
  }

  private static int rank(ValueSignature out) {
    return out.shape() == null ? -1 : out.shape().size();
  }

  private static boolean narrow(ValueSignature out) {
    List<Object> shape = out.shape();
    int rank = rank(out);
    return rank == 1 || rank == 2 && isOne(shape.get(1));
  }

  private static boolean floating(ValueSignature out) {
    return "float".equals(out.elementType()) || "double".equals(out.elementType());
  }

  private static boolean integral(ValueSignature out) {
    return out.elementType() != null
        && (out.elementType().startsWith("int") || out.elementType().equals("string"));
  }

  private static boolean isOne(Object dim) {
    return dim instanceof Number n && n.longValue() == 1;
  }
}
