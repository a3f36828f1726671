package io.aimon.jobs.incident;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.config.Durations;
import io.aimon.config.KafkaSettings;
import io.aimon.jobs.kafka.KafkaConnectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Finds the latest event of an incident by its id: in an incidents file ({@code incidents.jsonl} of
 * {@code aimon replay}) or in the incidents topic. Records that are not incident events are
 * skipped; they are no incident's.
 *
 * <pre>{@code
 * IncidentEvent e = IncidentLookup.inFile(Path.of("out/incidents.jsonl"), incidentId);
 * IncidentEvent e = IncidentLookup.inTopic(cfg.kafka(), incidentId, Duration.ofSeconds(30));
 * }</pre>
 */
public final class IncidentLookup {

  private IncidentLookup() {}

  /**
   * The last event of the incident in the file, one CloudEvents JSON object per line.
   *
   * @throws IllegalStateException {@code incident X not found in file F (N incident events read)}
   */
  public static IncidentEvent inFile(Path file, String incidentId) throws IOException {
    Latest latest = new Latest(incidentId);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        latest.offer(line);
      }
    }
    return latest.orThrow("file " + file);
  }

  /**
   * The last event of the incident in {@code kafka.incidentsTopic()}: reads every partition from
   * the beginning, read_committed, up to the end offsets of when it starts. Incident events are
   * keyed by their dedup key, so one incident's events are in one partition, in order.
   *
   * @throws IllegalStateException {@code incident X not found in topic T (N incident events read)},
   *     or when the topic does not exist, or Kafka does not answer or the read does not finish
   *     within {@code timeout}
   */
  public static IncidentEvent inTopic(KafkaSettings kafka, String incidentId, Duration timeout) {
    String topic = kafka.incidentsTopic();
    long deadline = System.nanoTime() + timeout.toNanos();
    Latest latest = new Latest(incidentId);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties(kafka))) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException(
            "topic " + topic + " does not exist on " + kafka.bootstrapServers());
      }
      List<TopicPartition> partitions =
          infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // read_committed: the end offsets are the last stable offsets, past every committed event
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
      while (!reached(consumer, end, deadline)) {
        if (remaining(deadline).isZero()) {
          throw new TimeoutException("read " + latest.events + " incident events, not to the end");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(remaining(deadline))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            latest.offer(r.value());
          }
        }
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "could not read topic "
              + topic
              + " from "
              + kafka.bootstrapServers()
              + " within "
              + Durations.format(timeout)
              + ": "
              + e.getMessage(),
          e);
    }
    return latest.orThrow("topic " + topic);
  }

  private static Properties consumerProperties(KafkaSettings kafka) {
    Properties p = KafkaConnectors.clientProperties(kafka);
    p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.setProperty(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    // assigned partitions and no group: the lookup commits nothing and joins no group
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return p;
  }

  /** Whether the consumer's position reached the end offset in every partition. */
  private static boolean reached(
      KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end, long deadline) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), remaining(deadline)) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  /** The latest event of one incident among the records offered, and how many events were read. */
  private static final class Latest {
    private final String incidentId;
    private IncidentEvent event;
    private long events;

    Latest(String incidentId) {
      this.incidentId = incidentId;
    }

    void offer(String json) {
      if (json == null || json.isBlank()) {
        return;
      }
      IncidentEvent e;
      try {
        e = CloudEvents.fromJson(json);
      } catch (IllegalArgumentException notAnIncidentEvent) {
        return;
      }
      events++;
      if (e.incidentId().equals(incidentId)) {
        event = e;
      }
    }

    IncidentEvent orThrow(String where) {
      if (event == null) {
        throw new IllegalStateException(
            "incident "
                + incidentId
                + " not found in "
                + where
                + " ("
                + events
                + " incident events read)");
      }
      return event;
    }
  }
}
