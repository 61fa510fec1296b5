package dev.assay.core.inference;

import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.core.AssayException;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelInspection.ValueSignature;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns a model's outputs into predictions: a label tensor (int64 or string), a probability tensor
 * {@code [N, C]}, a ZipMap {@code sequence<map<int64|string, float>>}, logits (softmax on request),
 * or a regression value {@code [N]} / {@code [N, 1]}. Class labels come from the caller (model
 * metadata) or, for ZipMap, from its keys.
 */
public final class OutputDecoder {
  /** What the model predicts. */
  public enum Task {
    CLASSIFICATION,
    REGRESSION
  }

  private final Task task;
  private final String labelOutput;
  private final String probabilityOutput;
  private final boolean zipMap;
  private final String regressionOutput;
  private final boolean softmax;
  private volatile List<String> classLabels;

  private OutputDecoder(
      Task task,
      String labelOutput,
      String probabilityOutput,
      boolean zipMap,
      String regressionOutput,
      boolean softmax,
      List<String> classLabels) {
    this.task = task;
    this.labelOutput = labelOutput;
    this.probabilityOutput = probabilityOutput;
    this.zipMap = zipMap;
    this.regressionOutput = regressionOutput;
    this.softmax = softmax;
    this.classLabels = classLabels;
  }

  /**
   * Plans decoding from the model's declared outputs.
   *
   * @param classLabels class labels in probability-column order when known (model metadata), else
   *     null
   * @param regression true when the target is continuous and the model has a single numeric output
   * @param softmax apply softmax to a score tensor (logits)
   */
  public static OutputDecoder plan(
      ModelInspection model, List<String> classLabels, boolean regression, boolean softmax) {
    String label = null;
    String probabilities = null;
    boolean zip = false;
    String value = null;
    for (ValueSignature out : model.outputs()) {
      if (out.elementType() == null) {
        if (out.type().startsWith("sequence<map<") && probabilities == null) {
          probabilities = out.name();
          zip = true;
        }
        continue;
      }
      List<Object> shape = out.shape();
      int rank = shape == null ? -1 : shape.size();
      boolean narrow = rank == 1 || rank == 2 && isOne(shape.get(1));
      boolean numericFloat =
          out.elementType().equals("float") || out.elementType().equals("double");
      boolean integral = out.elementType().startsWith("int") || out.elementType().equals("string");
      if (integral && narrow && label == null) {
        label = out.name();
      } else if (numericFloat && rank == 2 && !isOne(shape.get(1)) && probabilities == null) {
        probabilities = out.name();
      } else if (numericFloat && narrow && value == null) {
        value = out.name();
      }
    }
    if (regression || label == null && probabilities == null) {
      if (value == null) {
        throw new AssayException(
            "the model has no output Assay can read as a regression value ([N] or [N, 1] float)");
      }
      return new OutputDecoder(Task.REGRESSION, null, null, false, value, false, List.of());
    }
    return new OutputDecoder(
        Task.CLASSIFICATION, label, probabilities, zip, null, softmax, classLabels);
  }

  public Task task() {
    return task;
  }

  public boolean hasLabelOutput() {
    return labelOutput != null;
  }

  public boolean hasProbabilities() {
    return probabilityOutput != null;
  }

  public String labelOutput() {
    return labelOutput;
  }

  public String probabilityOutput() {
    return probabilityOutput;
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
    if (probabilityOutput != null) {
      OnnxValue value = result.get(probabilityOutput).orElseThrow();
      if (zipMap) {
        readZipMap((OnnxSequence) value, n, decoded);
      } else {
        OnnxTensor tensor = (OnnxTensor) value;
        long[] shape = tensor.getInfo().getShape();
        int c = (int) shape[1];
        decoded.classes = c;
        decoded.probabilities = ensure(decoded.probabilities, n * c);
        copyFloats(tensor, decoded.probabilities, n * c);
        if (softmax) {
          softmax(decoded.probabilities, n, c);
        }
        if (classLabels == null) {
          List<String> labels = new ArrayList<>();
          for (int i = 0; i < c; i++) {
            labels.add(Integer.toString(i));
          }
          classLabels = List.copyOf(labels);
        }
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

  private void readZipMap(OnnxSequence sequence, int n, Decoded decoded) throws OrtException {
    List<? extends OnnxValue> maps = sequence.getValue();
    if (maps.size() != n) {
      throw new AssayException(
          "output '" + probabilityOutput + "' has " + maps.size() + " rows, expected " + n);
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

  private static void copyFloats(OnnxTensor tensor, float[] into, int count) {
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

  private static boolean isOne(Object dim) {
    return dim instanceof Number n && n.longValue() == 1;
  }

  private static float[] ensure(float[] array, int size) {
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
