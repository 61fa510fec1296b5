package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.testing.AssayProcess;
import dev.assay.testing.MonitorEvents;
import dev.assay.testing.TestModels;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay monitor --metrics --textfile} in a separate process, scraped by a real Prometheus
 * (Debian's {@code prometheus}, started here on 127.0.0.1) and queried through its HTTP API while
 * events are appended; the textfile passes {@code promtool check metrics}. Without a {@code
 * prometheus} binary the test is skipped, loudly, except under CI=true, where it fails.
 */
@Tag("multiprocess")
class MonitorPrometheusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  private static Path binary(String name) {
    for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(p, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      fail(name + " is not installed; CI must have Debian's prometheus package");
    }
    System.err.println(
        "SKIPPED MonitorPrometheusTest: " + name + " is not installed (apt install prometheus)");
    Assumptions.abort(name + " is not installed");
    return null;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void prometheusScrapesTheMonitorAndSeesEachNewWindowAndTheDriftedFeature() throws Exception {
    Path prometheus = binary("prometheus");
    Path promtool = binary("promtool");
    Path home = dir.resolve("home");
    MonitorEvents events = new MonitorEvents();
    assertThat(
            CliRun.run(home, "models", "import", TestModels.sample("hmda-deny-v1.onnx").toString())
                .code())
        .isZero();
    assertThat(
            CliRun.run(
                    home,
                    "eval",
                    "--model",
                    "hmda-deny-v1",
                    "--data",
                    TestModels.repoRoot().resolve("models/data/hmda_train.csv").toString(),
                    "--target",
                    "deny",
                    "--quiet")
                .code())
        .isZero();
    assertThat(
            CliRun.run(
                    home,
                    "monitor",
                    "add-rule",
                    "--model",
                    "hmda-deny-v1:1",
                    "--name",
                    "pirat-drift",
                    "--metric",
                    "drift:pirat",
                    "--when",
                    ">=",
                    "--threshold",
                    "1",
                    "--for",
                    "1")
                .code())
        .isZero();
    // a rollout plan of a challenger against the monitored version: its series and panels
    assertThat(
            CliRun.run(home, "models", "import", TestModels.sample("hmda-deny-v2.onnx").toString())
                .code())
        .isZero();
    CliRun.Outcome plan =
        CliRun.run(
            home,
            "rollout",
            "plan",
            "create",
            "--challenger",
            "hmda-deny-v2:1",
            "--champion",
            "hmda-deny-v1:1",
            "--stages",
            "10,100",
            "--min-events",
            "100000");
    assertThat(plan.code()).as(plan.err()).isZero();
    Path file = dir.resolve("events.jsonl");
    MonitorEvents.append(file, events.block(0, 1000, 0));
    Path textfiles = Files.createDirectories(dir.resolve("textfiles"));
    int metricsPort = freePort();
    AssayProcess monitor =
        AssayProcess.start(
            home,
            dir.resolve("logs"),
            dir.resolve("systmp"),
            "monitor",
            "--model",
            "hmda-deny-v1:1",
            "--reference",
            "hmda_train",
            "--window",
            "500",
            "--file",
            file.toString(),
            "--metrics",
            "127.0.0.1:" + metricsPort,
            "--textfile",
            textfiles.toString());
    Process server = null;
    try {
      Path prom = textfiles.resolve("assay_monitor.prom");
      waitFor(
          () ->
              Files.exists(prom)
                  && read(prom).contains("assay_monitor_windows_total{model=\"hmda-deny-v1:1\"} 2"),
          90);
      Process check =
          new ProcessBuilder(promtool.toString(), "check", "metrics")
              .redirectInput(prom.toFile())
              .redirectErrorStream(true)
              .start();
      String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor()).as(checked).isZero();
      assertThat(read(prom)).doesNotContainPattern("\\} \\S+ \\d{10,}\\n"); // no timestamps
      assertThat(textfiles.toFile().list()).containsExactly("assay_monitor.prom");

      int apiPort = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: assay\n"
              + "    static_configs:\n      - targets: ['127.0.0.1:"
              + metricsPort
              + "']\n");
      server =
          new ProcessBuilder(
                  prometheus.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("tsdb"),
                  "--web.listen-address=127.0.0.1:" + apiPort)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      String api = "http://127.0.0.1:" + apiPort;
      waitFor(() -> value(api, "assay_monitor_windows_total{job=\"assay\"}") == 2, 60);
      double accuracy = value(api, "assay_monitor_window_accuracy");
      // window 1 holds predictions 500..999; 499 are labelled when it closes (p999's label comes
      // after p999) and every 7th label is wrong: 504, 511, ..., 994 (71 of them)
      assertThat(accuracy).isEqualTo((499 - 71) / 499.0);
      assertThat(value(api, "assay_monitor_feature_drift{feature=\"pirat\"}")).isZero();

      MonitorEvents.append(file, rollout(events.block(1000, 1500, 0.5)));
      waitFor(() -> value(api, "assay_monitor_windows_total") == 3, 60);
      waitFor(() -> value(api, "assay_monitor_feature_drift{feature=\"pirat\"}") == 1, 30);
      assertThat(value(api, "count(assay_monitor_feature_drift)")).isEqualTo(13);
      assertThat(value(api, "up{job=\"assay\"}")).isEqualTo(1);
      waitFor(() -> value(api, "assay_monitor_alert_firing{rule=\"pirat-drift\"}") == 1, 30);
      // the plan's gate: stage 1 at 10 %; the pirat drift and the alert roll it back
      assertThat(value(api, "assay_rollout_stage{plan=\"1\"}")).isEqualTo(1);
      assertThat(value(api, "assay_rollout_traffic_share{plan=\"1\"}")).isEqualTo(10);
      waitFor(() -> value(api, "assay_rollout_verdict{verdict=\"roll back\"}") == 1, 30);
      assertThat(value(api, "sum(assay_rollout_verdict)")).isEqualTo(1);
      waitFor(
          () ->
              value(api, "assay_rollout_ab_difference{bound=\"lower\"}")
                  < value(api, "assay_rollout_ab_difference{bound=\"upper\"}"),
          30);

      // the shipped Grafana dashboard: its model variable's values and every panel's query
      assertThat(get(api + "/api/v1/label/model/values?match%5B%5D=assay_monitor_windows_total"))
          .contains("hmda-deny-v1:1");
      JsonNode dashboard = GrafanaDashboard.read();
      for (String model : new String[] {"hmda-deny-v1:1", ".*"}) {
        for (GrafanaDashboard.Query q : GrafanaDashboard.queries(dashboard, model, "1m")) {
          JsonNode answer = JSON.readTree(get(api + "/api/v1/query?query=" + encode(q.expr())));
          assertThat(answer.path("status").asText()).as(q + ": " + answer).isEqualTo("success");
          assertThat(answer.at("/data/result").size()).as(q + " returns data").isPositive();
        }
      }
    } finally {
      if (server != null) {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
      }
      monitor.kill();
    }
  }

  /**
   * The lines with every odd prediction made by the challenger and every prediction carrying its
   * probabilities (0.8 for the predicted class), so the A/B and CBPE series (and their dashboard
   * panels) have data.
   */
  private static List<String> rollout(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.contains("\"prediction\"")) {
        int from = line.indexOf("\"p") + 2;
        long id = Long.parseLong(line.substring(from, line.indexOf('"', from)));
        boolean one = line.endsWith("\"prediction\": 1}");
        line =
            line.substring(0, line.length() - 1)
                + ", \"probabilities\": {\"0\": "
                + (one ? "0.2" : "0.8")
                + ", \"1\": "
                + (one ? "0.8" : "0.2")
                + "}}";
        if (id % 2 == 1) {
          line = line.replace("\"variant\": \"champion\"", "\"variant\": \"challenger\"");
        }
      }
      out.add(line);
    }
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String get(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The instant query's single value, or NaN when there is none (yet). */
  private static double value(String api, String query) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          api
                              + "/api/v1/query?query="
                              + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode result = JSON.readTree(r.body()).at("/data/result");
      if (!result.isArray() || result.size() != 1) {
        return Double.NaN;
      }
      return Double.parseDouble(result.get(0).at("/value/1").asText());
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + seconds + " s");
      }
      Thread.sleep(200);
    }
  }
}
