package dev.assay.core.inference;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.core.AssayException;
import dev.assay.core.model.ModelInspection;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns a model's outputs into predictions: a label tensor (int64 or string), a probability tensor
 * {@code [N, C]} or binary scores {@code [N]} / {@code [N, 1]}, a ZipMap {@code
 * sequence<map<int64|string, float>>}, logits (softmax on request), or a regression value {@code
 * [N]} / {@code [N, 1]}. Class labels come from the caller (model metadata) or, for ZipMap, from
 * its keys.
 *
 * <p>The probability output is chosen by what it holds, then by name: on the first batch, the first
 * candidate whose rows lie in [0, 1] and sum to 1 (see {@link ProbabilityCheck}), candidates named
 * like probabilities ahead of the others and those named like logits or scores last. An output that
 * holds no distribution is read as logits only with softmax (requested, or the model's metadata
 * {@code assay.softmax}); otherwise it is decoded as {@link Decoded#scores} and never as
 * probabilities. See {@link OutputSelection} for the planning.
 */
public final class OutputDecoder {
  /** What the model predicts. */
  public enum Task {
    CLASSIFICATION,
    REGRESSION
  }

  private final Task task;
  private final String labelOutput;
  private final String labelReason;
  private final OutputSelection.Candidate zipMap;
  private final List<OutputSelection.Candidate> candidates;
  private final String regressionOutput;
  private final String softmaxSource;
  private volatile List<String> classLabels;
  private volatile ProbabilityChooser.Chosen chosen;

  private OutputDecoder(OutputSelection selection, List<String> classLabels) {
    this.task = selection.task();
    this.labelOutput = selection.label();
    this.labelReason = selection.labelReason();
    this.zipMap = selection.zipMap();
    this.candidates = selection.candidates();
    this.regressionOutput = selection.regressionOutput();
    this.softmaxSource = selection.softmaxSource();
    this.classLabels = classLabels;
    if (zipMap != null) {
      chosen = new ProbabilityChooser.Chosen(zipMap, true, false, selection.zipMapReason(), null);
    } else if (candidates.isEmpty()) {
      chosen = NONE;
    }
  }

  private static final ProbabilityChooser.Chosen NONE =
      new ProbabilityChooser.Chosen(null, false, false, null, null);

  /**
   * Plans decoding from the model's declared outputs, every output chosen by Assay.
   *
   * @param classLabels class labels in probability-column order when known (model metadata), else
   *     null
   * @param regression true when the target is continuous and the model has a single numeric output
   * @param softmax apply softmax to a score tensor (logits)
   * @throws AssayException when the model has no output Assay can read
   */
  public static OutputDecoder plan(
      ModelInspection model, List<String> classLabels, boolean regression, boolean softmax) {
    return plan(model, classLabels, regression, softmax, OutputChoice.AUTOMATIC);
  }

  /**
   * Plans decoding from the model's declared outputs and the user's choice of outputs.
   *
   * @param choice outputs the user named; what it leaves open is chosen by Assay
   * @throws AssayException when a named output is not one of the model's or not of a usable form,
   *     or the model has no output Assay can read
   */
  public static OutputDecoder plan(
      ModelInspection model,
      List<String> classLabels,
      boolean regression,
      boolean softmax,
      OutputChoice choice) {
    return new OutputDecoder(OutputSelection.plan(model, regression, softmax, choice), classLabels);
  }

  public Task task() {
    return task;
  }

  public boolean hasLabelOutput() {
    return labelOutput != null;
  }

  /**
   * Whether rows are read as probabilities: before the first batch, whether the model has a
   * candidate; after it, whether the chosen output holds a distribution (or softmax is applied).
   */
  public boolean hasProbabilities() {
    ProbabilityChooser.Chosen c = chosen;
    return c == null ? !candidates.isEmpty() : c.usable();
  }

  /**
   * Whether the probabilities come from the model as they are (not through softmax), so each row
   * must be checked to be a distribution.
   */
  public boolean checksProbabilities() {
    ProbabilityChooser.Chosen c = chosen;
    return c != null && c.usable() && !c.softmax();
  }

  public String labelOutput() {
    return labelOutput;
  }

  /** The output read as probabilities or scores, or null (known after the first batch). */
  public String probabilityOutput() {
    ProbabilityChooser.Chosen c = chosen;
    return c == null || c.output() == null ? null : c.output().name();
  }

  /** Which outputs were read and why; complete after the first batch. */
  public OutputsUsed outputsUsed() {
    ProbabilityChooser.Chosen c = chosen;
    return new OutputsUsed(
        c == null || c.output() == null ? null : c.output().name(),
        c == null ? null : c.reason(),
        c != null && c.softmax(),
        c != null && c.output() != null && !c.usable(),
        labelOutput,
        labelReason,
        c == null ? null : c.problem());
  }

  /**
   * Class labels in probability-column order; null until known (a ZipMap's keys are read from the
   * first batch).
   */
  public List<String> classLabels() {
    return classLabels;
  }

  /** Supplies the class labels when the model does not name them. */
  public void assumeClassLabels(List<String> labels) {
    if (classLabels == null) {
      classLabels = List.copyOf(labels);
    }
  }

  /** One decoded batch. Arrays are reused by the caller between batches. */
  public static final class Decoded {
    /** Label output mapped to class indices (-1 when unknown), or null without a label output. */
    public int[] labelIndex;

    /** Label output as written by the model, for messages. */
    public String[] labelText;

    /** Row-major probabilities {@code n * C}, or null without a probability output. */
    public float[] probabilities;

    /**
     * Row-major {@code n * C} values of a probability candidate that holds no distribution (logits
     * or scores without softmax), for labels by argmax only; null otherwise.
     */
    public float[] scores;

    /** Regression predictions. */
    public double[] values;

    public int classes;
  }

  /**
   * Decodes {@code n} rows.
   *
   * @throws AssayException when the outputs do not have the declared form
   */
  public Decoded decode(OrtSession.Result result, int n, Decoded reuse) throws OrtException {
    Decoded decoded = reuse == null ? new Decoded() : reuse;
    if (task == Task.REGRESSION) {
      decoded.values = ensure(decoded.values, n);
      OnnxTensor tensor = (OnnxTensor) result.get(regressionOutput).orElseThrow();
      copyNumbers(tensor, decoded.values, n);
      return decoded;
    }
    ProbabilityChooser.Chosen c = chosen;
    if (c == null) {
      c = settle(result, n);
    }
    float[] buffer = decoded.probabilities != null ? decoded.probabilities : decoded.scores;
    decoded.scores = null;
    if (c.output() != null && c.output() == zipMap) {
      readZipMap((OnnxSequence) result.get(zipMap.name()).orElseThrow(), n, decoded);
    } else if (c.output() != null) {
      OnnxTensor tensor = (OnnxTensor) result.get(c.output().name()).orElseThrow();
      float[] values = ProbabilityChooser.read(tensor, c.output(), n, c.softmax(), buffer);
      int classes = c.output().narrow() ? 2 : (int) tensor.getInfo().getShape()[1];
      if (c.softmax()) {
        softmax(values, n, classes);
      }
      decoded.classes = classes;
      if (c.usable()) {
        decoded.probabilities = values;
      } else {
        decoded.probabilities = null;
        decoded.scores = values;
      }
      if (classLabels == null) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
          labels.add(Integer.toString(i));
        }
        classLabels = List.copyOf(labels);
      }
    }
    if (labelOutput != null) {
      OnnxTensor tensor = (OnnxTensor) result.get(labelOutput).orElseThrow();
      decoded.labelText = ensure(decoded.labelText, n);
      readLabels(tensor, decoded.labelText, n);
      if (classLabels == null) {
        throw new AssayException(
            "the model's class labels are unknown: add metadata 'assay.class_labels' or a probability output");
      }
      decoded.labelIndex = ensure(decoded.labelIndex, n);
      for (int i = 0; i < n; i++) {
        decoded.labelIndex[i] = ClassLabels.indexOf(classLabels, decoded.labelText[i]);
      }
      if (decoded.classes == 0) {
        decoded.classes = classLabels.size();
      }
    }
    return decoded;
  }

  /** Chooses the probability output on the first batch (see {@link ProbabilityChooser}). */
  private synchronized ProbabilityChooser.Chosen settle(OrtSession.Result result, int n)
      throws OrtException {
    if (chosen == null) {
      chosen = ProbabilityChooser.choose(candidates, softmaxSource, labelOutput, result, n);
    }
    return chosen;
  }

  private void readZipMap(OnnxSequence sequence, int n, Decoded decoded) throws OrtException {
    List<? extends OnnxValue> maps = sequence.getValue();
    if (maps.size() != n) {
      throw new AssayException(
          "output '" + zipMap.name() + "' has " + maps.size() + " rows, expected " + n);
    }
    for (int row = 0; row < n; row++) {
      Map<?, ?> map = ((OnnxMap) maps.get(row)).getValue();
      if (classLabels == null) {
        List<Object> keys = new ArrayList<>(map.keySet());
        keys.sort(Comparator.comparing(Object::toString, ClassLabels.NATURAL));
        classLabels = keys.stream().map(Object::toString).toList();
      }
      int c = classLabels.size();
      if (row == 0) {
        decoded.classes = c;
        decoded.probabilities = ensure(decoded.probabilities, n * c);
        java.util.Arrays.fill(decoded.probabilities, 0, n * c, 0f);
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        int index = ClassLabels.indexOf(classLabels, entry.getKey().toString());
        if (index >= 0) {
          decoded.probabilities[row * c + index] = ((Number) entry.getValue()).floatValue();
        }
      }
    }
  }

  private static void readLabels(OnnxTensor tensor, String[] into, int n) throws OrtException {
    Object value = tensor.getValue();
    Object flat = value;
    if (value instanceof long[][] l) {
      flat = flattenLongs(l);
    } else if (value instanceof String[][] s) {
      flat = flattenStrings(s);
    } else if (value instanceof int[][] ints) {
      long[] l = new long[ints.length];
      for (int i = 0; i < ints.length; i++) {
        l[i] = ints[i][0];
      }
      flat = l;
    }
    switch (flat) {
      case long[] l -> {
        for (int i = 0; i < n; i++) {
          into[i] = Long.toString(l[i]);
        }
      }
      case int[] l -> {
        for (int i = 0; i < n; i++) {
          into[i] = Integer.toString(l[i]);
        }
      }
      case String[] s -> System.arraycopy(s, 0, into, 0, n);
      default ->
          throw new AssayException(
              "label output has an unexpected form: " + tensor.getInfo().toString());
    }
  }

  private static long[] flattenLongs(long[][] values) {
    long[] flat = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      flat[i] = values[i][0];
    }
    return flat;
  }

  private static String[] flattenStrings(String[][] values) {
    String[] flat = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      flat[i] = values[i][0];
    }
    return flat;
  }

  static void copyFloats(OnnxTensor tensor, float[] into, int count) {
    switch (tensor.getInfo().type) {
      case FLOAT -> {
        FloatBuffer buffer = tensor.getFloatBuffer();
        buffer.get(into, 0, count);
      }
      case DOUBLE -> {
        java.nio.DoubleBuffer buffer = tensor.getDoubleBuffer();
        for (int i = 0; i < count; i++) {
          into[i] = (float) buffer.get(i);
        }
      }
      default ->
          throw new AssayException(
              "probability output is " + tensor.getInfo().type + ", expected float or double");
    }
  }

  private static void copyNumbers(OnnxTensor tensor, double[] into, int count) {
    switch (tensor.getInfo().type) {
      case FLOAT -> {
        FloatBuffer buffer = tensor.getFloatBuffer();
        for (int i = 0; i < count; i++) {
          into[i] = buffer.get(i);
        }
      }
      case DOUBLE -> tensor.getDoubleBuffer().get(into, 0, count);
      default ->
          throw new AssayException(
              "regression output is " + tensor.getInfo().type + ", expected float or double");
    }
  }

  private static void softmax(float[] values, int n, int c) {
    for (int row = 0; row < n; row++) {
      int base = row * c;
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        max = Math.max(max, values[base + j]);
      }
      double sum = 0;
      for (int j = 0; j < c; j++) {
        sum += Math.exp(values[base + j] - max);
      }
      for (int j = 0; j < c; j++) {
        values[base + j] = (float) (Math.exp(values[base + j] - max) / sum);
      }
    }
  }

  static float[] ensure(float[] array, int size) {
    return array == null || array.length < size ? new float[size] : array;
  }

  private static double[] ensure(double[] array, int size) {
    return array == null || array.length < size ? new double[size] : array;
  }

  private static int[] ensure(int[] array, int size) {
    return array == null || array.length < size ? new int[size] : array;
  }

  private static String[] ensure(String[] array, int size) {
    return array == null || array.length < size ? new String[size] : array;
  }
}
