package dev.assay.core.explain;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.assay.core.AssayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trees of an {@code ai.onnx.ml} TreeEnsembleRegressor or TreeEnsembleClassifier, read from the
 * graph's node: one additive score {@code g(x) = Σ_trees leaf weight} for one target or class
 * (before base values, averaging and the post transform). Inputs are compared in float32, as ONNX
 * Runtime compares them.
 *
 * <p>{@link #find} accepts a graph whose ensemble reads the model's single input directly (through
 * Identity or Cast at most); anything after the ensemble (ZipMap, Identity) only repackages its
 * outputs. Whether the model's output in a given space is affine in {@code g} is for the caller to
 * check ({@link TreeShap} does, on the background).
 */
public final class TreeEnsemble {
  static final byte LEAF = 0;
  static final byte LEQ = 1;
  static final byte LT = 2;
  static final byte GEQ = 3;
  static final byte GT = 4;
  static final byte EQ = 5;
  static final byte NEQ = 6;

  private static final Set<String> PASS_THROUGH = Set.of("Identity", "Cast");

  final int[] roots;
  final byte[] mode;
  final int[] feature;
  final float[] threshold;
  final int[] yes;
  final int[] no;
  final boolean[] missingYes;
  final double[] leaf;
  final int features;
  final String opType;
  final String postTransform;

  /** The graph's {@code nodes_hitrates} (node covers) in node order, or null when absent. */
  final double[] hitrates;

  private TreeEnsemble(
      int[] roots,
      byte[] mode,
      int[] feature,
      float[] threshold,
      int[] yes,
      int[] no,
      boolean[] missingYes,
      double[] leaf,
      int features,
      String opType,
      String postTransform,
      double[] hitrates) {
    this.roots = roots;
    this.mode = mode;
    this.feature = feature;
    this.threshold = threshold;
    this.yes = yes;
    this.no = no;
    this.missingYes = missingYes;
    this.leaf = leaf;
    this.features = features;
    this.opType = opType;
    this.postTransform = postTransform;
    this.hitrates = hitrates;
  }

  /** The number of trees. */
  public int trees() {
    return roots.length;
  }

  /** TreeEnsembleRegressor or TreeEnsembleClassifier. */
  public String opType() {
    return opType;
  }

  /** The node's post_transform (NONE, LOGISTIC, SOFTMAX, ...). */
  public String postTransform() {
    return postTransform;
  }

  /** The additive score {@code g(x)}. */
  public double score(double[] x) {
    double sum = 0;
    for (int root : roots) {
      int n = root;
      while (mode[n] != LEAF) {
        n = goesYes(n, x[feature[n]]) ? yes[n] : no[n];
      }
      sum += leaf[n];
    }
    return sum;
  }

  /** Whether node {@code n}'s condition holds for the value {@code v} (compared in float32). */
  boolean goesYes(int n, double v) {
    float x = (float) v;
    if (Float.isNaN(x)) {
      return missingYes[n];
    }
    float t = threshold[n];
    return switch (mode[n]) {
      case LEQ -> x <= t;
      case LT -> x < t;
      case GEQ -> x >= t;
      case GT -> x > t;
      case EQ -> x == t;
      default -> x != t;
    };
  }

  /**
   * Reads the ensemble of a model of {@code features} numeric features.
   *
   * @param classIndex the class's position in the classifier's labels, -1 for the last (ignored for
   *     a regressor; for a binary classifier whose weights all name one class, that class's weights
   *     are read and the caller's affine check settles the sign)
   * @return the ensemble, or null with {@code why[0]} set when the graph is not a tree ensemble
   *     this reads
   * @throws AssayException when the file cannot be read as an ONNX model
   */
  public static TreeEnsemble find(Path modelFile, int features, int classIndex, String[] why) {
    ModelProto model;
    try (InputStream in = Files.newInputStream(modelFile)) {
      model = ModelProto.parseFrom(in);
    } catch (IOException e) {
      throw new AssayException("cannot read the model " + modelFile.getFileName() + ": " + e);
    }
    return find(model.getGraph(), features, classIndex, why);
  }

  static TreeEnsemble find(GraphProto graph, int features, int classIndex, String[] why) {
    NodeProto ensemble = null;
    Set<String> fromInput = new java.util.HashSet<>();
    if (graph.getInputCount() - graph.getInitializerCount() > 1) {
      why[0] = "the model has more than one input";
      return null;
    }
    fromInput.add(graph.getInput(0).getName());
    for (NodeProto node : graph.getNodeList()) {
      String op = node.getOpType();
      boolean ml = node.getDomain().equals("ai.onnx.ml");
      if (ml && (op.equals("TreeEnsembleRegressor") || op.equals("TreeEnsembleClassifier"))) {
        if (ensemble != null) {
          why[0] = "the model has more than one tree ensemble";
          return null;
        }
        if (!fromInput.contains(node.getInput(0))) {
          why[0] = "the tree ensemble does not read the model's input directly";
          return null;
        }
        ensemble = node;
      } else if (ensemble == null && PASS_THROUGH.contains(op)) {
        if (fromInput.contains(node.getInput(0))) {
          fromInput.addAll(node.getOutputList());
        }
      } else if (ensemble == null || !(ml && op.equals("ZipMap") || op.equals("Identity"))) {
        why[0] = "the graph holds a " + op + " node besides the tree ensemble";
        return null;
      }
    }
    if (ensemble == null) {
      why[0] = "the model has no ai.onnx.ml TreeEnsembleRegressor or TreeEnsembleClassifier";
      return null;
    }
    return read(ensemble, features, classIndex, why);
  }

  private static TreeEnsemble read(NodeProto node, int features, int classIndex, String[] why) {
    Map<String, AttributeProto> a = new HashMap<>();
    node.getAttributeList().forEach(attribute -> a.put(attribute.getName(), attribute));
    boolean regressor = node.getOpType().equals("TreeEnsembleRegressor");
    String prefix = regressor ? "target" : "class";
    String aggregate = string(a, "aggregate_function", "SUM");
    if (!aggregate.equals("SUM") && !aggregate.equals("AVERAGE")) {
      why[0] = "the ensemble aggregates its trees by " + aggregate + ", which is not additive";
      return null;
    }
    long[] treeIds = ints(a, "nodes_treeids");
    long[] nodeIds = ints(a, "nodes_nodeids");
    long[] featureIds = ints(a, "nodes_featureids");
    List<String> modes = strings(a, "nodes_modes");
    double[] values = floats(a, "nodes_values");
    long[] yesIds = ints(a, "nodes_truenodeids");
    long[] noIds = ints(a, "nodes_falsenodeids");
    long[] missing = ints(a, "nodes_missing_value_tracks_true");
    double[] hitrates = floats(a, "nodes_hitrates");
    int n = treeIds.length;
    if (n == 0 || nodeIds.length != n || modes.size() != n || values.length != n) {
      why[0] = "the ensemble's node attributes are missing or of unequal lengths";
      return null;
    }
    Map<Long, Integer> index = new HashMap<>();
    List<Integer> roots = new ArrayList<>();
    Map<Long, Integer> rootOf = new HashMap<>();
    for (int k = 0; k < n; k++) {
      index.put(key(treeIds[k], nodeIds[k]), k);
      Integer known = rootOf.get(treeIds[k]);
      if (known == null || nodeIds[k] < nodeIds[known]) {
        rootOf.put(treeIds[k], k);
      }
    }
    rootOf.keySet().stream().sorted().forEach(t -> roots.add(rootOf.get(t)));
    byte[] mode = new byte[n];
    int[] feature = new int[n];
    float[] threshold = new float[n];
    int[] yes = new int[n];
    int[] no = new int[n];
    boolean[] missingYes = new boolean[n];
    for (int k = 0; k < n; k++) {
      mode[k] = mode(modes.get(k));
      if (mode[k] < 0) {
        why[0] = "the ensemble has a node of mode " + modes.get(k);
        return null;
      }
      threshold[k] = (float) values[k];
      missingYes[k] = k < missing.length && missing[k] != 0;
      if (mode[k] == LEAF) {
        continue;
      }
      feature[k] = (int) featureIds[k];
      if (feature[k] < 0 || feature[k] >= features) {
        why[0] = "a node splits on input column " + featureIds[k] + " of " + features;
        return null;
      }
      Integer y = index.get(key(treeIds[k], yesIds[k]));
      Integer f = index.get(key(treeIds[k], noIds[k]));
      if (y == null || f == null) {
        why[0] = "a node of tree " + treeIds[k] + " points to a node the tree lacks";
        return null;
      }
      yes[k] = y;
      no[k] = f;
    }
    long[] wTrees = ints(a, prefix + "_treeids");
    long[] wNodes = ints(a, prefix + "_nodeids");
    long[] wIds = ints(a, prefix + "_ids");
    double[] weights = floats(a, prefix + "_weights");
    int classes =
        Math.max(ints(a, "classlabels_int64s").length, strings(a, "classlabels_strings").size());
    int target = regressor ? 0 : classIndex >= 0 ? classIndex : classes - 1;
    boolean any = false;
    for (long id : wIds) {
      any |= id == target;
    }
    if (!any && !regressor && wIds.length > 0) {
      long only = wIds[0];
      for (long id : wIds) {
        if (id != only) {
          why[0] = "the ensemble has no weights for class " + classIndex;
          return null;
        }
      }
      target = (int) only;
    }
    double[] leaf = new double[n];
    for (int k = 0; k < wIds.length; k++) {
      Integer at = index.get(key(wTrees[k], wNodes[k]));
      if (at == null) {
        why[0] = "a leaf weight names a node the ensemble lacks";
        return null;
      }
      if (wIds[k] == target) {
        leaf[at] += weights[k];
      }
    }
    if (aggregate.equals("AVERAGE")) {
      for (int k = 0; k < n; k++) {
        leaf[k] /= roots.size();
      }
    }
    return new TreeEnsemble(
        roots.stream().mapToInt(Integer::intValue).toArray(),
        mode,
        feature,
        threshold,
        yes,
        no,
        missingYes,
        leaf,
        features,
        node.getOpType(),
        string(a, "post_transform", "NONE"),
        hitrates.length == n ? hitrates : null);
  }

  private static long key(long tree, long node) {
    return tree << 32 | node & 0xffffffffL;
  }

  private static byte mode(String name) {
    return switch (name) {
      case "LEAF" -> LEAF;
      case "BRANCH_LEQ" -> LEQ;
      case "BRANCH_LT" -> LT;
      case "BRANCH_GTE" -> GEQ;
      case "BRANCH_GT" -> GT;
      case "BRANCH_EQ" -> EQ;
      case "BRANCH_NEQ" -> NEQ;
      default -> -1;
    };
  }

  private static String string(Map<String, AttributeProto> a, String name, String fallback) {
    AttributeProto attribute = a.get(name);
    return attribute == null ? fallback : attribute.getS().toStringUtf8();
  }

  private static long[] ints(Map<String, AttributeProto> a, String name) {
    AttributeProto attribute = a.get(name);
    return attribute == null
        ? new long[0]
        : attribute.getIntsList().stream().mapToLong(Long::longValue).toArray();
  }

  private static List<String> strings(Map<String, AttributeProto> a, String name) {
    AttributeProto attribute = a.get(name);
    List<String> out = new ArrayList<>();
    if (attribute != null) {
      attribute.getStringsList().forEach(s -> out.add(s.toStringUtf8()));
    }
    return out;
  }

  /** A float list attribute, or its {@code _as_tensor} form (float or double). */
  private static double[] floats(Map<String, AttributeProto> a, String name) {
    AttributeProto attribute = a.get(name);
    if (attribute != null) {
      double[] out = new double[attribute.getFloatsCount()];
      for (int k = 0; k < out.length; k++) {
        out[k] = attribute.getFloats(k);
      }
      return out;
    }
    AttributeProto tensor = a.get(name + "_as_tensor");
    if (tensor == null) {
      return new double[0];
    }
    TensorProto t = tensor.getT();
    boolean isDouble = t.getDataType() == TensorProto.DataType.DOUBLE_VALUE;
    if (!t.getRawData().isEmpty()) {
      ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      double[] out = new double[raw.remaining() / (isDouble ? 8 : 4)];
      for (int k = 0; k < out.length; k++) {
        out[k] = isDouble ? raw.getDouble() : raw.getFloat();
      }
      return out;
    }
    if (isDouble) {
      return t.getDoubleDataList().stream().mapToDouble(Double::doubleValue).toArray();
    }
    double[] out = new double[t.getFloatDataCount()];
    for (int k = 0; k < out.length; k++) {
      out[k] = t.getFloatData(k);
    }
    return out;
  }
}
