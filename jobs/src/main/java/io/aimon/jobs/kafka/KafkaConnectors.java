package io.aimon.jobs.kafka;

import io.aimon.config.KafkaSettings;
import io.aimon.detectors.event.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The job's Kafka source and exactly-once sinks, configured from {@link KafkaSettings}; the
 * settings' {@code properties} (security etc.) are passed to every client unchanged.
 */
public final class KafkaConnectors {
  /** Kafka transactions must outlive a checkpoint interval; the broker's default cap is 15 min. */
  static final String TRANSACTION_TIMEOUT_MS = "600000";

  private KafkaConnectors() {}

  /**
   * Reads a topic from the group's committed offsets (earliest when none).
   *
   * @param bounded stop at the offsets that are latest when the job starts (tests, backfills)
   */
  public static KafkaSource<RawRecord> rawSource(
      KafkaSettings kafka, String topic, int maxRecordBytes, boolean bounded) {
    return rawSource(kafka, kafka.groupId(), topic, maxRecordBytes, bounded);
  }

  /** As {@link #rawSource(KafkaSettings, String, int, boolean)}, for consumer group groupId. */
  public static KafkaSource<RawRecord> rawSource(
      KafkaSettings kafka, String groupId, String topic, int maxRecordBytes, boolean bounded) {
    return rawSource(
        kafka, groupId, List.of(topic), new RawRecordDeserializer(maxRecordBytes), bounded);
  }

  /**
   * Reads {@code topics} with {@code deserializer} (which says whether headers, key or bytes are
   * read) from the group's committed offsets (earliest when none).
   */
  public static KafkaSource<RawRecord> rawSource(
      KafkaSettings kafka,
      String groupId,
      List<String> topics,
      RawRecordDeserializer deserializer,
      boolean bounded) {
    KafkaSourceBuilder<RawRecord> b =
        KafkaSource.<RawRecord>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopics(topics)
            .setGroupId(groupId)
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(deserializer)
            .setProperties(clientProperties(kafka))
            .setProperty("isolation.level", "read_committed")
            .setProperty("partition.discovery.interval.ms", "60000");
    if (bounded) {
      b.setBounded(OffsetsInitializer.latest());
    }
    return b.build();
  }

  /**
   * An exactly-once sink writing {@code toJson(element)} keyed by {@code key(element)}.
   *
   * @param transactionalIdPrefix unique per sink and job; Kafka fences producers by it
   */
  public static <T> KafkaSink<T> exactlyOnceSink(
      KafkaSettings kafka,
      String topic,
      String transactionalIdPrefix,
      SerializableFunction<T, String> key,
      SerializableFunction<T, String> toJson) {
    Properties producer = clientProperties(kafka);
    producer.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    return KafkaSink.<T>builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(
            (KafkaRecordSerializationSchema<T>)
                (element, context, timestamp) ->
                    new ProducerRecord<>(
                        topic,
                        key.apply(element).getBytes(StandardCharsets.UTF_8),
                        toJson.apply(element).getBytes(StandardCharsets.UTF_8)))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix)
        .build();
  }

  /**
   * Whether the topic exists on the cluster (asked with the settings' client properties).
   *
   * @throws IllegalStateException when the cluster cannot be reached within 30 s
   */
  public static boolean topicExists(KafkaSettings kafka, String topic) {
    return TopicCheck.topics(kafka).contains(topic);
  }

  /** A fresh copy of the settings' {@code kafka.properties}, for a client of one's own. */
  public static Properties clientProperties(KafkaSettings kafka) {
    Properties p = new Properties();
    kafka.properties().forEach(p::setProperty);
    return p;
  }
}
