package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Categorical columns in the domain classifier: the one-hot design (top 10 categories of the pooled
 * sample and "other", missing as its own category) and the fit on it equal scikit-learn's
 * OneHotEncoder + LogisticRegression (make_domain_onehot_golden.py); a column's separation weight
 * is the norm of its indicators' coefficients; a changed category mix alone is found and named.
 */
class DomainClassifierOneHotTest {
  private static final List<String> NUMERIC = List.of("x1", "x2");
  private static final List<String> TEXT = List.of("city", "tier");

  private static JsonNode golden() throws Exception {
    try (InputStream in =
        DomainClassifierOneHotTest.class.getResourceAsStream(
            "/golden/multivariate/domain_onehot.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static double[][] numeric(JsonNode side) {
    double[][] out = new double[NUMERIC.size()][];
    for (int j = 0; j < out.length; j++) {
      JsonNode v = side.get(NUMERIC.get(j));
      out[j] = new double[v.size()];
      for (int i = 0; i < v.size(); i++) {
        out[j][i] = v.get(i).isNull() ? Double.NaN : v.get(i).asDouble();
      }
    }
    return out;
  }

  private static String[][] text(JsonNode side) {
    String[][] out = new String[TEXT.size()][];
    for (int j = 0; j < out.length; j++) {
      JsonNode v = side.get(TEXT.get(j));
      out[j] = new String[v.size()];
      for (int i = 0; i < v.size(); i++) {
        out[j][i] = v.get(i).isNull() ? null : v.get(i).asText();
      }
    }
    return out;
  }

  @Test
  void designAndFitEqualScikitLearn() throws Exception {
    JsonNode g = golden();
    double[][] r = numeric(g.get("reference"));
    double[][] c = numeric(g.get("current"));
    int[] rr = IntStream.range(0, r[0].length).toArray();
    int[] cr = IntStream.range(0, c[0].length).toArray();
    DomainFeatures f =
        DomainFeatures.build(
            NUMERIC, r, c, TEXT, text(g.get("reference")), text(g.get("current")), rr, cr);
    for (int j = 0; j < TEXT.size(); j++) {
      List<String> expected = new ArrayList<>();
      g.get("levels").get(TEXT.get(j)).forEach(e -> expected.add(e.asText()));
      assertThat(f.categorical.get(j).levels()).isEqualTo(expected);
    }
    assertThat(f.categorical.get(0).levels()).endsWith(DomainFeatures.OTHER);
    JsonNode coef = g.get("coef");
    assertThat(f.x[0]).hasSize(coef.size());
    double[] beta = LogisticRegression.fit(f.x, f.y, IntStream.range(0, f.y.length).toArray());
    assertThat(beta[0]).isCloseTo(g.get("intercept").asDouble(), within(1e-6));
    for (int k = 0; k < coef.size(); k++) {
      assertThat(beta[k + 1])
          .as("coefficient %d", k)
          .isCloseTo(coef.get(k).asDouble(), within(1e-6));
    }
  }

  @Test
  void aCategoricalColumnsWeightIsTheNormOfItsIndicatorsCoefficients() throws Exception {
    JsonNode g = golden();
    DomainClassifier.Result result =
        DomainClassifier.run(
            NUMERIC,
            numeric(g.get("reference")),
            numeric(g.get("current")),
            TEXT,
            text(g.get("reference")),
            text(g.get("current")),
            3,
            9,
            0.05);
    JsonNode coef = g.get("coef");
    int at = 2 * NUMERIC.size();
    for (String name : TEXT) {
      int levels = g.get("levels").get(name).size();
      double squares = 0;
      for (int k = 0; k < levels; k++) {
        squares += coef.get(at + k).asDouble() * coef.get(at + k).asDouble();
      }
      at += levels;
      DomainClassifier.Separation s =
          result.separations().stream()
              .filter(e -> e.name().equals(name))
              .findFirst()
              .orElseThrow();
      assertThat(s.categorical()).isTrue();
      assertThat(s.weight()).isCloseTo(Math.sqrt(squares), within(1e-6));
    }
    DomainClassifier.Separation x1 =
        result.separations().stream().filter(e -> e.name().equals("x1")).findFirst().orElseThrow();
    assertThat(x1.categorical()).isFalse();
    assertThat(x1.weight())
        .isCloseTo(Math.hypot(coef.get(0).asDouble(), coef.get(2).asDouble()), within(1e-6));
  }

  private static String[][] mix(int n, long seed, double[] weights) {
    Random random = new Random(seed);
    String[][] out = new String[2][n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      int k = 0;
      double cumulative = weights[0];
      while (u > cumulative && k < weights.length - 1) {
        cumulative += weights[++k];
      }
      out[0][i] = "k" + k;
      out[1][i] = "t" + random.nextInt(3);
    }
    return out;
  }

  private static double[][] noise(int n, long seed) {
    Random random = new Random(seed);
    double[][] out = new double[2][n];
    for (int j = 0; j < 2; j++) {
      for (int i = 0; i < n; i++) {
        out[j][i] = random.nextGaussian();
      }
    }
    return out;
  }

  /** Two noise columns and a category mix (reference: the 'same' mix, seed 3) against another. */
  private static DomainClassifier.Result withMix(long seed, double[] current) {
    return DomainClassifier.run(
        NUMERIC,
        noise(900, 1),
        noise(900, 2),
        List.of("mix", "flat"),
        mix(900, 3, new double[] {0.3, 0.25, 0.2, 0.15, 0.1}),
        mix(900, seed, current),
        7,
        49,
        0.05);
  }

  @Test
  void aChangedCategoryMixAloneIsFoundAndNamed() {
    double[] same = {0.3, 0.25, 0.2, 0.15, 0.1};
    double[] changed = {0.15, 0.25, 0.2, 0.15, 0.25};
    DomainClassifier.Result drift = withMix(4, changed);
    assertThat(drift.drift()).isTrue();
    assertThat(drift.separations().get(0).name()).isEqualTo("mix");
    assertThat(drift.separations().get(0).level()).isIn("k0", "k4");
    DomainClassifier.Result none = withMix(5, same);
    assertThat(none.drift()).isFalse();
    assertThat(none.auc()).isCloseTo(0.5, within(0.05));
  }

  @Test
  void categoricalColumnsAloneAreEnough() {
    double[] same = {0.3, 0.25, 0.2, 0.15, 0.1};
    DomainClassifier.Result r =
        DomainClassifier.run(
            List.of(),
            new double[0][],
            new double[0][],
            List.of("mix", "flat"),
            mix(400, 3, same),
            mix(300, 4, new double[] {0.1, 0.1, 0.2, 0.3, 0.3}),
            7,
            39,
            0.05);
    assertThat(r.referenceRows()).isEqualTo(400);
    assertThat(r.drift()).isTrue();
  }
}
