import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The whole-process benchmark's floor: a JVM that parses the CSV.gz fast (feature columns to
 * float32, the target to an int) and runs raw ONNX Runtime {@code session.run} per batch of 4096
 * rows with default session options, counting correct predictions of a {@code [N,2]} probability
 * output. No registry, no metrics beyond accuracy, nothing stored.
 *
 * <p>{@code java -cp onnxruntime.jar RawEval MODEL.onnx DATA.csv.gz TARGET FEATURE,FEATURE,...}
 */
public final class RawEval {
  private static final int BATCH = 4096;

  private RawEval() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    Path data = Path.of(args[1]);
    String target = args[2];
    List<String> features = List.of(args[3].split(","));
    int f = features.size();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long rows = 0;
    long correct = 0;
    try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(data), 1 << 16),
                    StandardCharsets.UTF_8),
                1 << 16)) {
      String inputName = session.getInputNames().iterator().next();
      List<String> header = Arrays.asList(in.readLine().split(","));
      int[] slot = new int[header.size()];
      Arrays.fill(slot, -1);
      for (int c = 0; c < f; c++) {
        slot[header.indexOf(features.get(c))] = c;
      }
      int targetColumn = header.indexOf(target);
      FloatBuffer batch =
          ByteBuffer.allocateDirect(BATCH * f * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
      int[] labels = new int[BATCH];
      int n = 0;
      String line;
      while ((line = in.readLine()) != null) {
        int start = 0;
        for (int c = 0; c < slot.length; c++) {
          int end = line.indexOf(',', start);
          if (end < 0) {
            end = line.length();
          }
          if (slot[c] >= 0) {
            batch.put(n * f + slot[c], (float) Double.parseDouble(line.substring(start, end)));
          } else if (c == targetColumn) {
            labels[n] = (int) Double.parseDouble(line.substring(start, end));
          }
          start = end + 1;
        }
        if (++n == BATCH) {
          correct += score(env, session, inputName, batch, labels, n, f);
          rows += n;
          n = 0;
        }
      }
      if (n > 0) {
        correct += score(env, session, inputName, batch, labels, n, f);
        rows += n;
      }
    }
    System.out.printf("raw: %d rows, accuracy %.6f%n", rows, (double) correct / rows);
  }

  private static long score(
      OrtEnvironment env,
      OrtSession session,
      String inputName,
      FloatBuffer batch,
      int[] labels,
      int n,
      int f)
      throws Exception {
    batch.rewind().limit(n * f);
    long correct = 0;
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, batch, new long[] {n, f});
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      float[][] p = (float[][]) result.get(0).getValue();
      for (int i = 0; i < n; i++) {
        if ((p[i][1] > p[i][0] ? 1 : 0) == labels[i]) {
          correct++;
        }
      }
    }
    batch.clear();
    return correct;
  }
}
