package dev.assay.core.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.monitor.AlertTracker;
import dev.assay.core.monitor.EventParser;
import dev.assay.core.monitor.MonitorEvent;
import dev.assay.core.monitor.MonitorPipeline;
import dev.assay.core.monitor.MonitorReference;
import dev.assay.core.monitor.WindowResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumes a Kafka topic of events (one JSON event per record value) with {@code kafka-clients}.
 * The consumer is assigned every partition of the topic and starts at the offsets stored with the
 * stream's newest window (for a new stream: the group's committed offsets, else {@code
 * auto.offset.reset}, earliest unless the properties say otherwise). Closed windows are stored with
 * the next offset of each partition and the pipeline's state in one transaction, and only then are
 * those offsets committed to the group ({@code enable.auto.commit} is always off): killed at any
 * moment, the next run starts from the stored offsets, so no event is lost or counted twice. The
 * stored position is the number of records consumed. Window results are reproducible across
 * restarts when the model's events share one partition (Kafka orders records within a partition
 * only).
 */
public final class KafkaMonitor {
  /** What a run did. */
  public record Outcome(long records, long windows, int pending) {}

  /** What is stored as the stream's state. */
  public record StoredState(
      long records, Map<String, Long> offsets, MonitorPipeline.State pipeline) {}

  private static final int MAX_REPORTED_INVALID = 20;
  private static final Duration POLL = Duration.ofMillis(200);

  private final MonitorStore store;
  private final ObjectMapper json;
  private final Properties properties;
  private final String topic;
  private final PrintWriter err;
  private AlertTracker alerts = new AlertTracker(List.of());

  /**
   * @param properties the consumer's settings ({@code bootstrap.servers}, {@code group.id}, TLS and
   *     SASL settings, ...), as a user's properties file gives them
   */
  public KafkaMonitor(
      MonitorStore store, ObjectMapper json, Properties properties, String topic, PrintWriter err) {
    this.store = store;
    this.json = json;
    this.properties = properties;
    this.topic = topic;
    this.err = err;
  }

  /** The stream's source name: the topic on its servers, in its group. */
  public static String source(Properties properties, String topic) {
    return "kafka:"
        + properties.getProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "")
        + "/"
        + topic
        + (properties.getProperty(ConsumerConfig.GROUP_ID_CONFIG) == null
            ? ""
            : "?group=" + properties.getProperty(ConsumerConfig.GROUP_ID_CONFIG));
  }

  /** Runs {@code tracker}'s rules on the windows; what fires is stored with them. */
  public KafkaMonitor alerting(AlertTracker tracker) {
    this.alerts = tracker;
    return this;
  }

  /**
   * Runs until every partition reaches the end offset it had at the start ({@code untilEnd}) or
   * until {@code stop} says so.
   *
   * @throws AssayException when the servers cannot be reached, the topic does not exist, or the
   *     stored state is unreadable
   */
  public Outcome run(
      MonitorStore.Stream stream,
      MonitorPipeline.Settings settings,
      MonitorReference reference,
      boolean untilEnd,
      BooleanSupplier stop,
      Consumer<List<WindowResult>> onWindows) {
    Properties p = new Properties();
    p.putAll(properties);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "assay-monitor");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    boolean group = p.getProperty(ConsumerConfig.GROUP_ID_CONFIG) != null;
    StoredState state = stream.stateJson() == null ? null : readState(stream.stateJson());
    MonitorPipeline pipeline =
        state == null
            ? new MonitorPipeline(settings, reference)
            : MonitorPipeline.restore(
                settings,
                reference,
                state.pipeline(),
                store.labelBook(stream.id()),
                store.pending(stream.id()));
    pipeline.journal();
    long records = state == null ? 0 : state.records();
    Map<String, Long> offsets = new TreeMap<>(state == null ? Map.of() : state.offsets());
    EventParser parser = EventParser.jsonLines();
    int reportedInvalid = 0;
    long stored = stream.position();
    long windows = 0;
    List<WindowResult> unsaved = new ArrayList<>();
    long flushedAt = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new AssayException("Kafka topic " + topic + " does not exist or has no partitions");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      consumer.assign(partitions);
      for (TopicPartition tp : partitions) {
        Long at = offsets.get(tp.toString());
        if (at != null) {
          consumer.seek(tp, at);
        } else if (group) {
          OffsetAndMetadata committed =
              consumer.committed(java.util.Set.of(tp), Duration.ofSeconds(30)).get(tp);
          if (committed != null && state == null) {
            consumer.seek(tp, committed.offset());
          }
        }
      }
      Map<TopicPartition, Long> end =
          untilEnd ? consumer.endOffsets(partitions, Duration.ofSeconds(30)) : Map.of();
      while (!stop.getAsBoolean()) {
        if (untilEnd && reached(consumer, end)) {
          break;
        }
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          records++;
          offsets.put(new TopicPartition(r.topic(), r.partition()).toString(), r.offset() + 1);
          byte[] value = r.value();
          MonitorEvent event = null;
          try {
            if (value == null) {
              throw new IllegalArgumentException("no value");
            }
            event = parser.parse(value, 0, value.length);
          } catch (IllegalArgumentException e) {
            pipeline.invalid();
            if (reportedInvalid++ < MAX_REPORTED_INVALID) {
              err.println(
                  "assay: "
                      + r.topic()
                      + "-"
                      + r.partition()
                      + " offset "
                      + r.offset()
                      + ": "
                      + e.getMessage());
            }
          }
          if (event != null) {
            unsaved.addAll(pipeline.accept(event));
          }
          if (!unsaved.isEmpty() && System.nanoTime() - flushedAt >= EventFileMonitor.FLUSH_NANOS) {
            windows += save(consumer, stream, stored, unsaved, records, offsets, pipeline, group);
            stored = records;
            onWindows.accept(List.copyOf(unsaved));
            unsaved.clear();
            flushedAt = System.nanoTime();
          }
        }
        if (batch.isEmpty() && !unsaved.isEmpty()) {
          windows += save(consumer, stream, stored, unsaved, records, offsets, pipeline, group);
          stored = records;
          onWindows.accept(List.copyOf(unsaved));
          unsaved.clear();
          flushedAt = System.nanoTime();
        }
      }
      if (!unsaved.isEmpty()) {
        windows += save(consumer, stream, stored, unsaved, records, offsets, pipeline, group);
        onWindows.accept(List.copyOf(unsaved));
      }
    } catch (KafkaException e) {
      throw new AssayException("Kafka: " + e.getMessage(), e);
    }
    return new Outcome(records, windows, pipeline.pending());
  }

  private static boolean reached(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Stores the windows with the offsets and state, then commits those offsets to the group. */
  private int save(
      KafkaConsumer<byte[], byte[]> consumer,
      MonitorStore.Stream stream,
      long from,
      List<WindowResult> results,
      long records,
      Map<String, Long> offsets,
      MonitorPipeline pipeline,
      boolean group) {
    MonitorPipeline.Journaled journaled = pipeline.journaled();
    store.saveWindows(
        stream.id(),
        from,
        results,
        writeState(new StoredState(records, Map.copyOf(offsets), journaled.state())),
        journaled,
        records,
        alerts.accept(results));
    if (group) {
      Map<TopicPartition, OffsetAndMetadata> commit = new java.util.HashMap<>();
      offsets.forEach(
          (k, v) -> {
            int dash = k.lastIndexOf('-');
            commit.put(
                new TopicPartition(k.substring(0, dash), Integer.parseInt(k.substring(dash + 1))),
                new OffsetAndMetadata(v));
          });
      consumer.commitSync(commit);
    }
    return results.size();
  }

  private StoredState readState(String text) {
    try {
      return json.readValue(text, StoredState.class);
    } catch (JsonProcessingException e) {
      throw new AssayException("the stored monitor state is unreadable: " + e.getOriginalMessage());
    }
  }

  private String writeState(StoredState state) {
    try {
      return json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the monitor state", e);
    }
  }
}
