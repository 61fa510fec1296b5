import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.data.csv.CSVDataSource;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.LabelTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;

/**
 * The whole-process benchmark's peer: Tribuo 4.3 evaluating the same ONNX model on the same rows
 * its documented way: {@code CSVDataSource} with a {@code RowProcessor} (a double field per
 * feature, the target as the response) into a {@code MutableDataset}, {@code
 * ONNXExternalModel.createOnnxModel} with a {@code DenseTransformer} and a {@code
 * LabelTransformer}, and {@code LabelEvaluator}. Tribuo's CSV reader takes plain CSV, so it gets
 * the decompressed file.
 *
 * <p>{@code java -cp TRIBUO-JARS TribuoEval MODEL.onnx DATA.csv TARGET FEATURE,FEATURE,...}
 */
public final class TribuoEval {
  private TribuoEval() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    Path data = Path.of(args[1]);
    String target = args[2];
    List<String> features = List.of(args[3].split(","));
    LabelFactory labels = new LabelFactory();
    Map<String, FieldProcessor> fields = new HashMap<>();
    Map<String, Integer> featureMapping = new HashMap<>();
    for (int i = 0; i < features.size(); i++) {
      fields.put(features.get(i), new DoubleFieldProcessor(features.get(i), true, true));
      featureMapping.put(features.get(i), i);
    }
    RowProcessor<Label> rows =
        new RowProcessor<>(new FieldResponseProcessor<>(target, "0", labels), fields);
    MutableDataset<Label> dataset = new MutableDataset<>(new CSVDataSource<>(data, rows, true));
    Map<Label, Integer> outputMapping = Map.of(new Label("0"), 0, new Label("1"), 1);
    try (ONNXExternalModel<Label> onnx =
        ONNXExternalModel.createOnnxModel(
            labels,
            featureMapping,
            outputMapping,
            new DenseTransformer(),
            new LabelTransformer(),
            new OrtSession.SessionOptions(),
            model,
            "input")) {
      LabelEvaluation evaluation = new LabelEvaluator().evaluate(onnx, dataset);
      System.out.printf(
          "tribuo: %d rows, accuracy %.6f, AUC(1) %.6f%n",
          dataset.size(), evaluation.accuracy(), evaluation.AUCROC(new Label("1")));
    }
  }
}
