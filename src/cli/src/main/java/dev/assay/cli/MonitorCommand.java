package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Json;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.DriftSettings;
import dev.assay.core.live.EventFileMonitor;
import dev.assay.core.live.MetricsEndpoint;
import dev.assay.core.live.MetricsTextfile;
import dev.assay.core.live.MonitorReferences;
import dev.assay.core.live.MonitorStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.monitor.AlertTracker;
import dev.assay.core.monitor.MonitorMetrics;
import dev.assay.core.monitor.MonitorPipeline;
import dev.assay.core.monitor.WindowResult;
import dev.assay.core.monitor.WindowSpec;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay monitor}: windows of a deployed model's prediction events, drift and alarms. */
@Command(
    name = "monitor",
    mixinStandardHelpOptions = true,
    description = {
      "Follows an appended events file (JSON lines, or CSV when it ends in .csv), or consumes a"
          + " Kafka topic (one JSON event per record; --kafka PROPS --topic T), of --model's"
          + " predictions and later labels, groups predictions into windows, and per window"
          + " compares features and predicted labels with --reference as 'assay drift' does,"
          + " reports realised accuracy from the labels known at its close, and runs DDM, ADWIN"
          + " and Page-Hinkley on the labelled error stream. Each window is stored (audited) with"
          + " the file position (Kafka: the partitions' offsets, committed to the group only"
          + " after the windows are stored) after it; a restart resumes there.",
      "Event: {\"id\", \"model\": \"NAME:VERSION\", \"variant\", \"ts\": ISO-8601, \"features\":"
          + " {...}, \"prediction\", \"probabilities\": {...}}; label: {\"id\", \"ts\","
          + " \"label\"}. CSV: columns id, model, variant, ts, prediction, label,"
          + " features.COL, probabilities.CLASS."
    },
    footer = {"", "Exit codes: 0 ok, 1 refused input, 2 usage error, 3 internal error."})
final class MonitorCommand implements java.util.concurrent.Callable<Integer>, ParentCommand {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper();

  @Option(names = "--model", paramLabel = "NAME:VERSION", description = "required")
  String model;

  @Option(names = "--reference", paramLabel = "DATASET", description = "required")
  String reference;

  @Option(names = "--file", paramLabel = "EVENTS", description = "an appended events file")
  Path file;

  @Option(
      names = "--kafka",
      paramLabel = "PROPS",
      description =
          "a Kafka consumer properties file (bootstrap.servers, group.id, TLS/SASL settings);"
              + " with --topic, instead of --file")
  Path kafka;

  @Option(names = "--topic", paramLabel = "TOPIC", description = "the Kafka topic of the events")
  String topic;

  @Option(
      names = "--window",
      defaultValue = "1000",
      paramLabel = "N[/STEP]|DURATION[/STEP]",
      description =
          "predictions per window (1000, sliding 1000/250) or event time (5m, 5m/1m)"
              + " (default: ${DEFAULT-VALUE})")
  String window;

  @Option(
      names = "--lateness",
      defaultValue = "0s",
      paramLabel = "DURATION",
      description = "allowed lateness of time windows (default: ${DEFAULT-VALUE})")
  String lateness;

  @Option(
      names = "--features",
      split = ",",
      paramLabel = "a,b,c",
      description = "columns to monitor (default: the reference's columns but the target)")
  List<String> features;

  @Option(
      names = "--target",
      paramLabel = "COLUMN",
      description = "the reference's label column, left out (default: the model's run's target)")
  String target;

  @Option(
      names = "--label-horizon",
      defaultValue = "10000",
      description = "prediction ids remembered for joining labels (default: ${DEFAULT-VALUE})")
  int labelHorizon;

  @Option(names = "--until-end", description = "process what the file holds, then exit")
  boolean untilEnd;

  @Option(
      names = "--json",
      paramLabel = "OUT",
      description = "append each window's results as a JSON line (- for stdout)")
  String jsonOut;

  @Option(
      names = "--metrics",
      paramLabel = "[HOST:]PORT",
      description =
          "serve Prometheus metrics at http://HOST:PORT/metrics (host 127.0.0.1 if left out)")
  String metrics;

  @Option(
      names = "--textfile",
      paramLabel = "DIR",
      description = "write assay_monitor.prom for the node exporter's textfile collector")
  Path textfile;

  @CommandLine.Mixin MonitorAbOptions ab = new MonitorAbOptions();

  @Option(names = "--quiet", description = "no progress on stderr")
  boolean quiet;

  MonitorCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void addChildren(CommandLine self, AssayCommand root) {
    self.addSubcommand(new MonitorRulesCommand.Add(root));
    self.addSubcommand(new MonitorRulesCommand.ListRules(root));
  }

  @Override
  public Integer call() throws Exception {
    WindowSpec spec;
    try {
      spec = WindowSpec.parse(window, Duration.ofMillis(WindowSpec.duration(lateness, lateness)));
    } catch (IllegalArgumentException e) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE, "--window/--lateness: " + e.getMessage());
    }
    if (model == null || reference == null) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE,
          "assay monitor needs --model NAME:VERSION and --reference DATASET");
    }
    if ((file == null) == (kafka == null) || (kafka == null) != (topic == null)) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE, "give either --file EVENTS or --kafka PROPS with --topic TOPIC");
    }
    java.util.Properties kafkaProperties = kafka == null ? null : KafkaProperties.read(kafka);
    if (file != null && !Files.isRegularFile(file)) {
      throw new AssayCommand.ExitException(AssayCommand.EXIT_REFUSED, "no events file " + file);
    }
    MetricsTextfile prom = textfile == null ? null : new MetricsTextfile(textfile);
    Workbench workbench = root.workbench();
    PrintWriter err = root.context().err();
    ModelVersion version = CliInputs.model(workbench, model);
    String modelRef = version.name() + ":" + version.version();
    DatasetVersion ref = CliInputs.dataset(workbench, reference);
    DriftSettings drift = DriftSettings.DEFAULTS;
    MonitorReferences.Built built =
        new MonitorReferences(workbench.datasets(), workbench.runs(), workbench.scratch().folder())
            .build(version, ref, features, target, drift);
    MonitorPipeline.Settings settings =
        new MonitorPipeline.Settings(
            modelRef,
            spec,
            labelHorizon,
            ab.settings(),
            workbench.monitors().rollouts().sensitiveColumns(version.id()));
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("window", spec);
    stored.put("label_horizon", labelHorizon);
    stored.put("features", built.features());
    stored.put("reference_run", built.runId());
    stored.put("drift", drift);
    if (MonitorAbOptions.stored(settings.ab()) != null) {
      stored.put("ab", MonitorAbOptions.stored(settings.ab()));
    }
    String source =
        file != null
            ? file.toAbsolutePath().normalize().toString()
            : dev.assay.core.live.KafkaMonitor.source(kafkaProperties, topic);
    MonitorStore.Stream stream =
        workbench.monitors().open(version.id(), ref.id(), source, json.writeValueAsString(stored));
    if (!quiet) {
      err.printf(
          "monitor: %s on %s, %d features, %s, prediction drift %s, estimated performance %s;"
              + " %s%n",
          modelRef,
          ref.ref(),
          built.features().size(),
          describe(spec),
          built.runId() == null
              ? "off (no completed run on the reference)"
              : "against run " + built.runId(),
          built.reference().cbpe() == null
              ? "off (needs a labelled run with positive-class scores)"
              : "CBPE on class " + built.reference().positive(),
          stream.windows() == 0
              ? "new stream"
              : "resuming after window "
                  + stream.windows()
                  + (kafka == null ? " at byte " : " after record ")
                  + stream.position());
    }
    if (!quiet && !settings.sensitive().isEmpty()) {
      err.println(
          "monitor: counting the groups of "
              + String.join(", ", settings.sensitive())
              + " per variant for rollout fairness gates");
    }
    MonitorMetrics gauges = new MonitorMetrics(modelRef, stream.windows());
    AlertTracker alerts = MonitorAlerts.tracker(workbench.monitors(), version.id(), stream, gauges);
    MonitorRollouts rollouts =
        metrics == null && prom == null
            ? null
            : new MonitorRollouts(workbench.monitors().rollouts(), version.id());
    if (rollouts != null) {
      rollouts.export(gauges, true);
    }
    if (prom != null) {
      prom.write(gauges.render());
    }
    boolean toStdout = "-".equals(jsonOut);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                finished.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    try (MetricsEndpoint endpoint = metrics == null ? null : endpoint(gauges);
        Writer lines = jsonOut == null || toStdout ? null : open(jsonOut)) {
      if (endpoint != null && !quiet) {
        err.println("monitor: metrics at http://" + host() + ":" + endpoint.port() + "/metrics");
      }
      java.util.function.Consumer<List<WindowResult>> onWindows =
          results -> {
            for (WindowResult r : results) {
              gauges.add(r);
              write(r, toStdout, lines);
            }
            MonitorAlerts.export(alerts, gauges);
            if (rollouts != null) {
              rollouts.export(gauges, false);
            }
            if (prom != null) {
              prom.write(gauges.render());
            }
          };
      if (kafka != null) {
        dev.assay.core.live.KafkaMonitor.Outcome outcome =
            new dev.assay.core.live.KafkaMonitor(
                    workbench.monitors(), json, kafkaProperties, topic, err)
                .alerting(alerts)
                .run(stream, settings, built.reference(), untilEnd, stop::get, onWindows);
        if (!quiet) {
          err.printf(
              "monitor: %d windows stored this run, %d predictions in open windows, %d records"
                  + " consumed in all%n",
              outcome.windows(), outcome.pending(), outcome.records());
        }
      } else {
        EventFileMonitor.Outcome outcome =
            new EventFileMonitor(workbench.monitors(), json, file, err)
                .alerting(alerts)
                .run(stream, settings, built.reference(), untilEnd, stop::get, onWindows);
        if (!quiet) {
          err.printf(
              "monitor: %d windows stored this run, %d predictions in open windows, position"
                  + " %d%s%n",
              outcome.windows(),
              outcome.pending(),
              outcome.position(),
              outcome.partialLine() ? "; the last line has no newline yet and was left" : "");
        }
      }
      if (rollouts != null) {
        rollouts.export(gauges, true);
        if (prom != null) {
          prom.write(gauges.render());
        }
      }
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
    }
    return 0;
  }

  private void write(WindowResult r, boolean toStdout, Writer lines) {
    try {
      if (toStdout) {
        root.context().out().println(json.writeValueAsString(r));
      } else {
        if (lines != null) {
          lines.write(json.writeValueAsString(r) + "\n");
          lines.flush();
        }
        root.context().out().println(MonitorText.line(r));
      }
    } catch (IOException e) {
      throw new AssayException("cannot write " + jsonOut + ": " + e.getMessage(), e);
    }
  }

  private static Writer open(String out) {
    try {
      return Files.newBufferedWriter(
          Path.of(out),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_REFUSED, "cannot write " + out + ": " + e.getMessage());
    }
  }

  private String host() {
    int colon = metrics.lastIndexOf(':');
    return colon <= 0 ? "127.0.0.1" : metrics.substring(0, colon);
  }

  private MetricsEndpoint endpoint(MonitorMetrics gauges) {
    int colon = metrics.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(metrics.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65_535) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE,
          "--metrics '" + metrics + "' is not [HOST:]PORT with a port 0..65535");
    }
    return MetricsEndpoint.start(host(), port, gauges::render);
  }

  private static String describe(WindowSpec spec) {
    String kind = spec.kind() == WindowSpec.Kind.COUNT ? " predictions" : " ms";
    return (spec.tumbling()
            ? "tumbling windows of " + spec.size() + kind
            : "sliding windows of " + spec.size() + kind + " every " + spec.slide())
        + (spec.kind() == WindowSpec.Kind.TIME
            ? ", allowed lateness " + spec.lateness() + " ms"
            : "");
  }
}
