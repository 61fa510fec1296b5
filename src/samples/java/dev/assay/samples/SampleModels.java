package dev.assay.samples;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains Assay's sample classifiers with Tribuo and writes them as reproducible ONNX files.
 *
 * <p>Usage: {@code SampleModels [<datasetsDir> [<outputDir>]]}, defaults {@code models/data} and
 * {@code models} (relative to the working directory, normally the repository root). For every
 * recipe in {@link #RECIPES} it
 *
 * <ol>
 *   <li>reads {@code <dataset>_train.csv} and {@code <dataset>_test.csv};
 *   <li>standardises the chosen feature columns with the training means and standard deviations;
 *   <li>trains a Tribuo model with a fixed seed and exports it to ONNX;
 *   <li>puts the standardisation in front of the graph, replaces Tribuo's provenance (timestamps,
 *       host, paths) by the {@code assay.*} metadata and writes {@code <name>.onnx};
 *   <li>scores the test set with Tribuo and, from the written file, with ONNX Runtime, prints
 *       accuracy and ROC AUC from both and fails unless they agree.
 * </ol>
 *
 * <p>Finally it writes {@code SHA256SUMS} ({@code sha256sum -c} format) for the ONNX files. Running
 * it twice gives byte-identical files.
 */
public final class SampleModels {

  private static final String DOMAIN = "dev.assay.samples";
  private static final String POSITIVE_LABEL = "1";
  private static final long SEED = 42L;

  /**
   * Largest accepted difference between Tribuo's (float64) and ONNX Runtime's (float32)
   * probabilities.
   */
  private static final double PROBABILITY_TOLERANCE = 1e-4;

  private static final List<String> HMDA_ALL =
      List.of(
          "pirat",
          "hirat",
          "lvrat",
          "chist",
          "mhist",
          "phist",
          "unemp",
          "selfemp",
          "insurance",
          "condomin",
          "afam",
          "single",
          "hschool");
  private static final List<String> HMDA_WITHOUT_AFAM =
      HMDA_ALL.stream().filter(column -> !column.equals("afam")).toList();
  private static final List<String> HMDA_RATIOS = List.of("pirat", "hirat", "lvrat");

  /**
   * One sample model.
   *
   * @param name file name without {@code .onnx}
   * @param version ONNX {@code model_version}
   * @param dataset data set prefix: {@code <dataset>_train.csv}, {@code <dataset>_test.csv}
   * @param target target column
   * @param features feature columns, empty for every column but the target (the model's input order
   *     is decided by Tribuo and recorded in {@code assay.features})
   * @param sensitive sensitive columns of the data set
   * @param recipe short description of the trainer, written to {@code assay.trainer}
   * @param description one-line model description, written to the ONNX doc string
   * @param trainer makes a fresh, seeded trainer
   */
  record Recipe(
      String name,
      long version,
      String dataset,
      String target,
      List<String> features,
      List<String> sensitive,
      String recipe,
      String description,
      Supplier<Trainer<Label>> trainer) {}

  static final List<Recipe> RECIPES =
      List.of(
          new Recipe(
              "hmda-deny-v1",
              1,
              "hmda",
              "deny",
              HMDA_RATIOS,
              List.of("afam"),
              logisticRecipe(HMDA_RATIOS.size()),
              "Mortgage denial (HMDA 1990), baseline: logistic regression on the three ratio"
                  + " columns.",
              SampleModels::logisticRegression),
          new Recipe(
              "hmda-deny-v2",
              2,
              "hmda",
              "deny",
              HMDA_ALL,
              List.of("afam"),
              logisticRecipe(HMDA_ALL.size()),
              "Mortgage denial (HMDA 1990): logistic regression on all 13 columns, including afam.",
              SampleModels::logisticRegression),
          new Recipe(
              "hmda-deny-v3",
              3,
              "hmda",
              "deny",
              HMDA_WITHOUT_AFAM,
              List.of("afam"),
              logisticRecipe(HMDA_WITHOUT_AFAM.size()),
              "Mortgage denial (HMDA 1990): logistic regression on 12 columns, afam left out.",
              SampleModels::logisticRegression),
          new Recipe(
              "breast-cancer-v1",
              1,
              "breast_cancer",
              "target",
              List.of(),
              List.of(),
              logisticRecipe(30),
              "Breast cancer diagnosis (Wisconsin): logistic regression on 30 features, 1 ="
                  + " benign.",
              SampleModels::logisticRegression));

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Held so the level set in {@link #main} is not lost when the logger is garbage collected. */
  private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

  private SampleModels() {}

  /** Entry point; see the class description. */
  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args.length > 0 ? args[0] : "models/data");
    Path outputDir = Path.of(args.length > 1 ? args[1] : "models");
    TRIBUO_LOGGER.setLevel(Level.WARNING);
    Files.createDirectories(outputDir);
    List<String> files = new ArrayList<>();
    for (Recipe recipe : RECIPES) {
      files.add(build(recipe, dataDir, outputDir));
    }
    writeChecksums(outputDir, files);
  }

  static Trainer<Label> logisticRegression() {
    return new LinearSGDTrainer(
        new LogMulticlass(), new AdaGrad(0.1, 0.1), 30, Integer.MAX_VALUE, 1, SEED);
  }

  private static String logisticRecipe(int featureCount) {
    return "Tribuo 4.3.2 LinearSGDTrainer(LogMulticlass, AdaGrad lr=0.1 eps=0.1, 30 epochs,"
        + " minibatch 1, seed "
        + SEED
        + ") on "
        + featureCount
        + " features standardised with the training mean/sd (Sub, Mul in the graph)";
  }

  private static String build(Recipe recipe, Path dataDir, Path outputDir) throws Exception {
    CsvTable train = CsvTable.read(dataDir.resolve(recipe.dataset() + "_train.csv"));
    CsvTable test = CsvTable.read(dataDir.resolve(recipe.dataset() + "_test.csv"));
    List<String> features =
        !recipe.features().isEmpty()
            ? recipe.features()
            : train.header().stream().filter(column -> !column.equals(recipe.target())).toList();

    double[][] trainRaw = train.numeric(features);
    Standardizer standardizer = Standardizer.fit(trainRaw);
    LabelFactory factory = new LabelFactory();
    Dataset<Label> trainSet =
        dataset(train, recipe.target(), features, standardizer.apply(trainRaw), factory);
    double[][] testRaw = test.numeric(features);
    Dataset<Label> testSet =
        dataset(test, recipe.target(), features, standardizer.apply(testRaw), factory);

    Model<Label> model = recipe.trainer().get().train(trainSet);

    // The ONNX input order is Tribuo's feature-id order, the output order its label-id order.
    List<String> inputOrder = new ArrayList<>();
    for (int id = 0; id < model.getFeatureIDMap().size(); id++) {
      inputOrder.add(model.getFeatureIDMap().get(id).getName());
    }
    if (!inputOrder.containsAll(features) || inputOrder.size() != features.size()) {
      throw new IllegalStateException(
          recipe.name() + ": model features " + inputOrder + " != " + features);
    }
    List<String> classOrder = new ArrayList<>();
    for (int id = 0; id < model.getOutputIDInfo().size(); id++) {
      classOrder.add(model.getOutputIDInfo().getOutput(id).getLabel());
    }
    int positiveColumn = classOrder.indexOf(POSITIVE_LABEL);

    double[] means = new double[inputOrder.size()];
    double[] scales = new double[inputOrder.size()];
    int[] csvIndexOfInput = new int[inputOrder.size()];
    for (int i = 0; i < inputOrder.size(); i++) {
      int column = features.indexOf(inputOrder.get(i));
      csvIndexOfInput[i] = column;
      means[i] = standardizer.means()[column];
      scales[i] = standardizer.scales()[column];
    }

    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("assay.features", json(inputOrder));
    metadata.put("assay.target", recipe.target());
    metadata.put("assay.class_labels", json(classOrder));
    metadata.put("assay.positive_label", POSITIVE_LABEL);
    metadata.put("assay.sensitive", json(recipe.sensitive()));
    metadata.put("assay.training_data", train.fileName());
    metadata.put("assay.trainer", recipe.recipe());
    OnnxMl.ModelProto exported = ((ONNXExportable) model).exportONNXModel(DOMAIN, recipe.version());
    OnnxMl.ModelProto finished =
        OnnxModelFinisher.finish(exported, means, scales, recipe.description(), metadata);
    byte[] bytes = finished.toByteArray();
    String fileName = recipe.name() + ".onnx";
    Files.write(outputDir.resolve(fileName), bytes);

    // Tribuo's view of the test set.
    LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, testSet);
    List<Prediction<Label>> predictions = model.predict(testSet);
    boolean[] truth = new boolean[test.rows().size()];
    double[] tribuoScores = new double[truth.length];
    boolean[] tribuoPredicted = new boolean[truth.length];
    List<String> targets = test.text(recipe.target());
    for (int r = 0; r < truth.length; r++) {
      truth[r] = targets.get(r).equals(POSITIVE_LABEL);
      tribuoScores[r] = predictions.get(r).getOutputScores().get(POSITIVE_LABEL).getScore();
      tribuoPredicted[r] = predictions.get(r).getOutput().getLabel().equals(POSITIVE_LABEL);
    }
    BinaryMetrics tribuoMetrics = BinaryMetrics.of(truth, tribuoScores, tribuoPredicted);

    // ONNX Runtime's view of the written file, fed raw CSV values in the recorded input order.
    double[][] onnxInput = new double[testRaw.length][inputOrder.size()];
    for (int r = 0; r < testRaw.length; r++) {
      for (int i = 0; i < inputOrder.size(); i++) {
        onnxInput[r][i] = testRaw[r][csvIndexOfInput[i]];
      }
    }
    OnnxRuntimeCheck.Result ort =
        OnnxRuntimeCheck.run(Files.readAllBytes(outputDir.resolve(fileName)), onnxInput);
    double[] ortScores = new double[truth.length];
    boolean[] ortPredicted = new boolean[truth.length];
    double maxDifference = 0;
    for (int r = 0; r < truth.length; r++) {
      float[] row = ort.probabilities()[r];
      ortScores[r] = row[positiveColumn];
      ortPredicted[r] = row[positiveColumn] > row[1 - positiveColumn];
      maxDifference = Math.max(maxDifference, Math.abs(ortScores[r] - tribuoScores[r]));
    }
    BinaryMetrics ortMetrics = BinaryMetrics.of(truth, ortScores, ortPredicted);

    System.out.printf(
        Locale.ROOT,
        "%s (%d train / %d test rows)%n",
        fileName,
        train.rows().size(),
        test.rows().size());
    System.out.printf(
        Locale.ROOT,
        "  input order  %s%n  class order  %s%n  signature    %s%n",
        inputOrder,
        classOrder,
        ort.signature());
    System.out.printf(
        Locale.ROOT,
        "  Tribuo       %s (Tribuo evaluator: accuracy %.4f, AUC %.4f)%n",
        tribuoMetrics,
        evaluation.accuracy(),
        evaluation.AUCROC(new Label(POSITIVE_LABEL)));
    System.out.printf(
        Locale.ROOT, "  ONNX Runtime %s, max |p - p_tribuo| = %.2e%n", ortMetrics, maxDifference);
    if (maxDifference > PROBABILITY_TOLERANCE
        || ortMetrics.accuracy() != tribuoMetrics.accuracy()) {
      throw new IllegalStateException(fileName + ": ONNX Runtime and Tribuo disagree");
    }
    return fileName;
  }

  private static Dataset<Label> dataset(
      CsvTable table,
      String target,
      List<String> features,
      double[][] values,
      LabelFactory factory) {
    MutableDataset<Label> dataset =
        new MutableDataset<>(new SimpleDataSourceProvenance(table.fileName(), factory), factory);
    String[] names = features.toArray(String[]::new);
    List<String> labels = table.text(target);
    for (int r = 0; r < values.length; r++) {
      dataset.add(new ArrayExample<>(new Label(labels.get(r)), names, values[r]));
    }
    return dataset;
  }

  private static String json(List<String> values) throws JsonProcessingException {
    return JSON.writeValueAsString(values);
  }

  private static void writeChecksums(Path outputDir, List<String> files)
      throws IOException, NoSuchAlgorithmException {
    StringBuilder sums = new StringBuilder();
    for (String file : files.stream().sorted().toList()) {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(outputDir.resolve(file)));
      sums.append(HexFormat.of().formatHex(digest)).append("  ").append(file).append('\n');
    }
    Files.writeString(outputDir.resolve("SHA256SUMS"), sums, StandardCharsets.UTF_8);
    System.out.print(sums);
  }
}
