package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The domain classifier: its logistic regression and AUC equal scikit-learn's
 * (make_domain_golden.py); with no drift the AUC is near 0.5 and p is not small; a shift planted in
 * one column gives a high AUC, a small p and that column named first; a change of scale alone is
 * found too; a seed gives one answer.
 */
class DomainClassifierTest {
  private static JsonNode golden() throws Exception {
    try (InputStream in =
        DomainClassifierTest.class.getResourceAsStream("/golden/multivariate/domain.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void logisticRegressionEqualsScikitLearn() throws Exception {
    JsonNode g = golden().get("logistic");
    int n = g.get("y").size();
    double[][] x = new double[n][3];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = g.get("x").get(i).get(j).asDouble();
      }
      y[i] = g.get("y").get(i).asInt();
    }
    double[] beta = LogisticRegression.fit(x, y, IntStream.range(0, n).toArray());
    assertThat(beta[0]).isCloseTo(g.get("intercept").asDouble(), within(1e-6));
    for (int j = 0; j < 3; j++) {
      assertThat(beta[j + 1]).isCloseTo(g.get("coef").get(j).asDouble(), within(1e-6));
    }
  }

  @Test
  void aucEqualsScikitLearnWithTies() throws Exception {
    JsonNode g = golden().get("auc");
    int n = g.get("labels").size();
    double[] s = new double[n];
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = g.get("scores").get(i).asDouble();
      l[i] = g.get("labels").get(i).asInt();
    }
    assertThat(DomainClassifier.auc(s, l)).isCloseTo(g.get("auc").asDouble(), within(1e-14));
  }

  private static double[][] normal(int d, int n, long seed, int shifted, double by, double sd) {
    Random r = new Random(seed);
    double[][] x = new double[d][n];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        x[j][i] = r.nextGaussian() * (j == shifted ? sd : 1) + (j == shifted ? by : 0);
      }
    }
    return x;
  }

  private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");

  @Test
  void noDriftGivesAnAucNearOneHalfAndALargeP() {
    DomainClassifier.Result r =
        DomainClassifier.run(
            NAMES, normal(5, 1500, 1, -1, 0, 1), normal(5, 1200, 2, -1, 0, 1), 7, 99, 0.05);
    assertThat(r.auc()).isCloseTo(0.5, within(0.04));
    assertThat(r.pValue()).isGreaterThan(0.05);
    assertThat(r.drift()).isFalse();
    assertThat(r.referenceRows()).isEqualTo(DomainClassifier.ROW_CAP);
    assertThat(r.currentRows()).isEqualTo(DomainClassifier.ROW_CAP);
  }

  @Test
  void aShiftInOneColumnIsFoundAndNamedFirst() {
    DomainClassifier.Result r =
        DomainClassifier.run(
            NAMES, normal(5, 800, 3, -1, 0, 1), normal(5, 700, 4, 2, 0.8, 1), 7, 99, 0.05);
    assertThat(r.auc()).isGreaterThan(0.65);
    assertThat(r.pValue()).isEqualTo(1.0 / 100);
    assertThat(r.drift()).isTrue();
    assertThat(r.separations().get(0).name()).isEqualTo("c");
    assertThat(r.separations().get(0).meanShift()).isGreaterThan(0.5);
    assertThat(r.separations().get(0).weight()).isGreaterThan(3 * r.separations().get(1).weight());
  }

  @Test
  void aChangeOfScaleAloneIsFound() {
    DomainClassifier.Result r =
        DomainClassifier.run(
            NAMES, normal(5, 800, 5, -1, 0, 1), normal(5, 800, 6, 4, 0, 2), 7, 99, 0.05);
    assertThat(r.drift()).isTrue();
    assertThat(r.separations().get(0).name()).isEqualTo("e");
  }

  @Test
  void oneSeedOneAnswer() {
    double[][] a = normal(5, 600, 8, -1, 0, 1);
    double[][] b = normal(5, 600, 9, 1, 0.1, 1);
    DomainClassifier.Result x = DomainClassifier.run(NAMES, a, b, 11, 49, 0.05);
    DomainClassifier.Result y = DomainClassifier.run(NAMES, a, b, 11, 49, 0.05);
    assertThat(y.auc()).isEqualTo(x.auc());
    assertThat(y.pValue()).isEqualTo(x.pValue());
    assertThat(y.foldAucs()).containsExactly(x.foldAucs());
    assertThat(y.separations()).isEqualTo(x.separations());
  }

  @Test
  void tooFewRowsAreRefused() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DomainClassifier.run(
                    List.of("a"),
                    new double[][] {{1, 2, 3}},
                    new double[][] {{1, 2, 3}},
                    1,
                    9,
                    0.05))
        .withMessageContaining("at least 5 rows");
  }

  @Test
  void itIsFastAtTheCap() {
    long start = System.nanoTime();
    DomainClassifier.run(
        List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"),
        normal(13, 100_000, 12, -1, 0, 1),
        normal(13, 100_000, 13, -1, 0, 1),
        1,
        DomainClassifier.PERMUTATIONS,
        0.05);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("domain classifier, 13 columns, 100,000 rows per side: " + ms + " ms");
    assertThat(ms).isLessThan(20_000);
  }
}
