package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.testing.AssayProcess;
import dev.assay.testing.MonitorEvents;
import dev.assay.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay monitor --kafka} against a real broker: a one-node KRaft cluster (broker and
 * controller in one, from the Kafka 4.3 test kit) started once for the class. The monitor, a
 * separate process, is killed with kill -9 twice while it consumes the topic, then run to the end;
 * its stored windows equal, one for one, those of {@code assay monitor --file} over a file of the
 * same events (no event lost or counted twice), and the group's committed offset is the stored one.
 */
@Tag("multiprocess")
class MonitorKafkaTest {
  private static final int PREDICTIONS = 6_000;
  private static final int WINDOW = 400;
  private static final String TOPIC = "predictions";
  private static final String GROUP = "assay-test";

  private static KafkaClusterTestKit cluster;

  @TempDir static Path dir;

  @BeforeAll
  static void startBroker() throws Exception {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBaseDirectory(dir.resolve("kafka"))
            .build();
    cluster =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killedTwiceTheKafkaMonitorStoresTheFileModesWindowsAndCommitsTheStoredOffset()
      throws Exception {
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
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < PREDICTIONS; i++) {
      lines.add(events.prediction(i, i >= PREDICTIONS / 2 ? 0.2 : 0));
      if (i >= 3) {
        long j = i - 3;
        lines.add(events.label(j, j < PREDICTIONS / 2 ? j % 9 == 0 : j % 2 == 0));
      }
    }
    lines.add(5, "not json"); // one invalid record, counted as the file mode counts a bad line
    Path whole = dir.resolve("whole.jsonl");
    MonitorEvents.append(whole, lines);
    try (Admin admin = cluster.admin()) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
    Path props = dir.resolve("consumer.properties");
    Files.writeString(
        props,
        "bootstrap.servers=" + cluster.bootstrapServers() + "\ngroup.id=" + GROUP + "\n",
        StandardCharsets.UTF_8);
    String[] follow = {
      "monitor",
      "--model",
      "hmda-deny-v1:1",
      "--reference",
      "hmda_train",
      "--window",
      String.valueOf(WINDOW),
      "--kafka",
      props.toString(),
      "--topic",
      TOPIC
    };
    Path logs = dir.resolve("logs");
    Path tmp = dir.resolve("systmp");
    String source = "kafka:" + cluster.bootstrapServers() + "/" + TOPIC + "?group=" + GROUP;
    int third = lines.size() / 3;
    // Each run is killed once it has reported (one stdout line per stored window) its stage's
    // window count; the database is read only while no monitor runs, and what was reported must
    // have survived kill -9.
    int[][] stages = {{0, third, 2}, {third, 2 * third, 6}};
    long reported = 0;
    try (KafkaProducer<String, String> producer = producer()) {
      for (int[] stage : stages) {
        send(producer, lines.subList(stage[0], stage[1]));
        AssayProcess p = AssayProcess.start(home, logs, tmp, follow);
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        long target = stage[2] - reported;
        while (p.linesSoFar("window ") < target
            && p.process().isAlive()
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        if (!p.process().isAlive()) {
          assertThat(p.await(Duration.ofSeconds(5)).toString())
              .isEqualTo("still working when killed");
        }
        p.kill();
        long thisRun = p.linesSoFar("window ");
        assertThat(thisRun)
            .as("windows reported by a monitor run in 240 s: %s", p.outSoFar())
            .isGreaterThanOrEqualTo(target);
        reported += thisRun;
        assertThat(windows(home, source))
            .as("windows stored after kill -9, against the %d the runs reported", reported)
            .isGreaterThanOrEqualTo(reported);
      }
      send(producer, lines.subList(2 * third, lines.size()));
    }
    long beforeLastRun = windows(home, source);
    assertThat(beforeLastRun).isBetween(6L, (long) PREDICTIONS / WINDOW - 1);
    String[] untilEnd =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(follow), java.util.stream.Stream.of("--until-end"))
            .toArray(String[]::new);
    AssayProcess.Result rest =
        AssayProcess.start(home, logs, tmp, untilEnd).await(Duration.ofSeconds(300));
    assertThat(rest.code()).as(rest.toString()).isZero();
    assertThat(rest.err()).contains("resuming after window " + beforeLastRun);

    CliRun.Outcome reference =
        CliRun.run(
            home,
            "monitor",
            "--model",
            "hmda-deny-v1:1",
            "--reference",
            "hmda_train",
            "--window",
            String.valueOf(WINDOW),
            "--until-end",
            "--file",
            whole.toString(),
            "--quiet");
    assertThat(reference.code()).as(reference.err()).isZero();
    List<String> a = results(home, source);
    List<String> b = results(home, whole.toAbsolutePath().normalize().toString());
    assertThat(a).hasSize(PREDICTIONS / WINDOW);
    assertThat(a).isEqualTo(b);
    assertThat(String.join("\n", a)).contains("\"invalid\":1");

    // the group's committed offset is the one stored with the newest window
    try (Admin admin = cluster.admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
      assertThat(committed.get(new TopicPartition(TOPIC, 0)).offset())
          .isEqualTo(storedOffset(home, source));
    }
  }

  @Test
  void aPropertiesFileWithoutServersIsRefusedInOneLine() throws Exception {
    Path props = dir.resolve("empty.properties");
    Files.writeString(props, "group.id=x\n");
    CliRun.Outcome o =
        CliRun.run(
            dir.resolve("home2"),
            "monitor",
            "--model",
            "m:1",
            "--reference",
            "r",
            "--kafka",
            props.toString(),
            "--topic",
            TOPIC);
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err().strip()).isEqualTo("assay: " + props + " names no bootstrap.servers");
  }

  private static KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(p);
  }

  private static void send(KafkaProducer<String, String> producer, List<String> values)
      throws Exception {
    for (String v : values) {
      producer.send(new ProducerRecord<>(TOPIC, "hmda-deny-v1", v));
    }
    producer.flush();
  }

  private static Connection connect(Path home) throws Exception {
    return DriverManager.getConnection(
        "jdbc:h2:file:"
            + home.resolve("db/assay")
            + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=0;WRITE_DELAY=0",
        "assay",
        "");
  }

  private static long windows(Path home, String source) throws Exception {
    if (!Files.exists(home.resolve("db"))) {
      return 0;
    }
    try (Connection c = connect(home);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT COUNT(*) FROM monitor_window w JOIN monitor_stream s ON s.id = w.stream_id"
                    + " WHERE s.source = ?")) {
      q.setString(1, source);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      return 0;
    }
  }

  private static long storedOffset(Path home, String source) throws Exception {
    try (Connection c = connect(home);
        PreparedStatement q =
            c.prepareStatement("SELECT state_json FROM monitor_stream WHERE source = ?")) {
      q.setString(1, source);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(rs.getString(1))
            .get("offsets")
            .get(TOPIC + "-0")
            .asLong();
      }
    }
  }

  private static List<String> results(Path home, String source) throws Exception {
    List<String> list = new ArrayList<>();
    try (Connection c = connect(home);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT w.window_index, w.result_json FROM monitor_window w JOIN monitor_stream s"
                    + " ON s.id = w.stream_id WHERE s.source = ? ORDER BY w.window_index")) {
      q.setString(1, source);
      try (ResultSet rs = q.executeQuery()) {
        long expected = 0;
        while (rs.next()) {
          assertThat(rs.getLong(1)).isEqualTo(expected++);
          list.add(rs.getString(2));
        }
      }
    }
    return list;
  }
}
