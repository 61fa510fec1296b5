package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay drift --mode evidently} on cases of the engine's Evidently golden
 * (make_evidently_golden.py), {@code --domain-classifier} on a planted shift, and the refusals.
 */
class DriftEvidentlyCommandTest {
  @TempDir Path dir;

  private static JsonNode golden(String name) throws Exception {
    JsonNode g =
        new ObjectMapper()
            .readTree(
                TestModels.repoRoot()
                    .resolve("src/engine/src/test/resources/golden/evidently/evidently.json")
                    .toFile());
    for (JsonNode c : g.get("cases")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError(name);
  }

  private Path csv(String file, JsonNode values) throws Exception {
    StringBuilder s = new StringBuilder("x\n");
    for (JsonNode v : values) {
      s.append(v.isNull() ? "" : v.isNumber() ? Double.toString(v.asDouble()) : v.asText());
      s.append('\n');
    }
    Path p = dir.resolve(file);
    Files.writeString(p, s);
    return p;
  }

  private CliRun.Outcome evidently(JsonNode c, String... more) throws Exception {
    String[] base = {
      "drift",
      "--reference",
      csv("ref-" + c.get("name").asText() + ".csv", c.get("reference")).toString(),
      "--current",
      csv("cur-" + c.get("name").asText() + ".csv", c.get("current")).toString(),
      "--mode",
      "evidently",
      "--json",
      "-",
      "--quiet"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return CliRun.run(dir.resolve("home"), all);
  }

  @Test
  void aShiftedColumnDriftsByKsAsEvidentlySays() throws Exception {
    JsonNode c = golden("ks_shift");
    CliRun.Outcome run = evidently(c, "--fail-on-drift");
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("assay: drift in x");
    JsonNode doc = run.json();
    assertThat(doc.at("/settings/mode").asText()).isEqualTo("evidently");
    JsonNode f = doc.get("features").get(0);
    assertThat(f.get("stattest").asText()).isEqualTo("ks");
    assertThat(f.get("score").asDouble()).isCloseTo(c.get("score").asDouble(), within(1e-12));
    assertThat(f.at("/tests/ks/statistic").asDouble())
        .isCloseTo(c.get("statistic").asDouble(), within(1e-12));
    assertThat(f.get("drift").asBoolean()).isTrue();
    assertThat(doc.get("share_drifted").asDouble()).isEqualTo(1.0);
    assertThat(doc.get("drift").asBoolean()).isTrue();
    assertThat(doc.get("report_id").asLong()).isPositive();
  }

  @Test
  void textCategoriesUseChiSquareAndTheTextReportSaysSo() throws Exception {
    JsonNode c = golden("text_missing_chisquare");
    CliRun.Outcome run = evidently(c);
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode f = run.json().get("features").get(0);
    assertThat(f.get("kind").asText()).isEqualTo("categorical");
    assertThat(f.get("stattest").asText()).isEqualTo("chisquare");
    assertThat(f.get("n_reference").asLong()).isEqualTo(c.get("n_reference").asLong());
    assertThat(f.get("score").asDouble()).isCloseTo(c.get("score").asDouble(), within(1e-12));
    assertThat(f.at("/tests/chi2/form").asText()).isEqualTo("goodness_of_fit");

    JsonNode same = golden("text_four_chisquare");
    CliRun.Outcome text =
        CliRun.run(
            dir.resolve("home"),
            "drift",
            "--reference",
            csv("r.csv", same.get("reference")).toString(),
            "--current",
            csv("c.csv", same.get("current")).toString(),
            "--mode",
            "evidently",
            "--quiet");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("Evidently-compatible mode")
        .contains("chisquare")
        .contains("0 of 1 columns drifted")
        .contains("no dataset drift");
  }

  @Test
  void soundModeSaysItsMode() throws Exception {
    JsonNode c = golden("ks_same");
    CliRun.Outcome run =
        CliRun.run(
            dir.resolve("home"),
            "drift",
            "--reference",
            csv("r.csv", c.get("reference")).toString(),
            "--current",
            csv("c.csv", c.get("current")).toString(),
            "--json",
            "-",
            "--quiet");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.json().at("/settings/mode").asText()).isEqualTo("sound");
  }

  @Test
  void badModesAreUsageErrors() throws Exception {
    JsonNode c = golden("ks_same");
    CliRun.Outcome bogus =
        CliRun.run(
            dir.resolve("home"),
            "drift",
            "--reference",
            csv("r.csv", c.get("reference")).toString(),
            "--current",
            csv("c.csv", c.get("current")).toString(),
            "--mode",
            "nannyml");
    assertThat(bogus.code()).isEqualTo(2);
    assertThat(bogus.err()).contains("--mode must be sound or evidently");
    CliRun.Outcome chunked = evidently(c, "--chunk", "rows=50");
    assertThat(chunked.code()).isEqualTo(2);
    assertThat(chunked.err()).contains("no --model or --chunk");
  }

  @Test
  void theDomainClassifierNamesThePlantedShift() throws Exception {
    Random r = new Random(3);
    StringBuilder ref = new StringBuilder("a,b,c,kind\n");
    StringBuilder cur = new StringBuilder("a,b,c,kind\n");
    for (int i = 0; i < 600; i++) {
      ref.append(
          String.format(
              Locale.ROOT,
              "%.4f,%.4f,%.4f,%s%n",
              r.nextGaussian(),
              r.nextGaussian(),
              r.nextGaussian(),
              i % 2 == 0 ? "u" : "v"));
      cur.append(
          String.format(
              Locale.ROOT,
              "%.4f,%.4f,%.4f,%s%n",
              r.nextGaussian(),
              r.nextGaussian() + 0.7,
              r.nextGaussian(),
              i % 2 == 0 ? "u" : "v"));
    }
    Path rp = dir.resolve("dr.csv");
    Path cp = dir.resolve("dc.csv");
    Files.writeString(rp, ref);
    Files.writeString(cp, cur);
    CliRun.Outcome run =
        CliRun.run(
            dir.resolve("home"),
            "drift",
            "--reference",
            rp.toString(),
            "--current",
            cp.toString(),
            "--domain-classifier",
            "--seed",
            "5",
            "--json",
            "-",
            "--quiet");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode m = run.json().get("domain_classifier");
    assertThat(m.get("columns")).hasSize(3);
    assertThat(m.get("auc").asDouble()).isGreaterThan(0.65);
    assertThat(m.get("p_value").asDouble()).isEqualTo(0.01);
    assertThat(m.get("drift").asBoolean()).isTrue();
    assertThat(m.at("/separating_features/0/name").asText()).isEqualTo("b");
    assertThat(m.at("/separating_features/0/kind").asText()).isEqualTo("numeric");
    assertThat(m.get("categorical_columns")).hasSize(1);
    assertThat(m.at("/categorical_columns/0").asText()).isEqualTo("kind");
    JsonNode kind = null;
    for (JsonNode s : m.get("separating_features")) {
      if ("kind".equals(s.get("name").asText())) {
        kind = s;
      }
    }
    assertThat(kind).isNotNull();
    assertThat(kind.get("kind").asText()).isEqualTo("categorical");
    assertThat(kind.get("category").asText()).isIn("u", "v");
    assertThat(Math.abs(kind.get("largest_share_shift").asDouble())).isLessThan(1e-12);
    assertThat(m.get("seed").asLong()).isEqualTo(5);
    assertThat(run.json().get("drift").asBoolean()).isTrue();
  }
}
