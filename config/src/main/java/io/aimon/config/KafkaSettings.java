package io.aimon.config;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code kafka} section: where {@code aimon run} and {@code aimon demo} read and write.
 *
 * @param bootstrapServers {@code kafka.bootstrap_servers}, non-blank
 * @param groupId {@code kafka.group_id}, non-blank
 * @param inferenceTopic {@code kafka.topics.inference}, non-blank
 * @param labelsTopic {@code kafka.topics.labels}, non-blank
 * @param metricsTopic {@code kafka.topics.metrics}, non-blank
 * @param deadLetterTopic {@code kafka.topics.dead_letter}, non-blank
 * @param incidentsTopic {@code kafka.topics.incidents}, non-blank
 * @param alertGroupId {@code kafka.alert_group_id}, non-blank
 * @param alertDeliveriesTopic {@code kafka.topics.alert_deliveries}, non-blank
 * @param alertDeadLetterTopic {@code kafka.topics.alert_dead_letter}, non-blank
 * @param evidenceTopic {@code kafka.topics.evidence}, non-blank
 * @param incidentActionsTopic {@code kafka.topics.incident_actions}, non-blank
 * @param properties {@code kafka.properties}: Kafka client properties passed through verbatim
 *     (copied, unmodifiable, insertion order kept)
 */
public record KafkaSettings(
    String bootstrapServers,
    String groupId,
    String inferenceTopic,
    String labelsTopic,
    String metricsTopic,
    String deadLetterTopic,
    Map<String, String> properties,
    String incidentsTopic,
    String alertGroupId,
    String alertDeliveriesTopic,
    String alertDeadLetterTopic,
    String evidenceTopic,
    String incidentActionsTopic) {

  public KafkaSettings {
    requireText("incidentActionsTopic", incidentActionsTopic);
    requireText("evidenceTopic", evidenceTopic);
    requireText("alertGroupId", alertGroupId);
    requireText("alertDeliveriesTopic", alertDeliveriesTopic);
    requireText("alertDeadLetterTopic", alertDeadLetterTopic);
    requireText("incidentsTopic", incidentsTopic);
    requireText("bootstrapServers", bootstrapServers);
    requireText("groupId", groupId);
    requireText("inferenceTopic", inferenceTopic);
    requireText("labelsTopic", labelsTopic);
    requireText("metricsTopic", metricsTopic);
    requireText("deadLetterTopic", deadLetterTopic);
    Objects.requireNonNull(properties, "properties");
    properties.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new IllegalArgumentException("properties must not hold null keys or values");
          }
        });
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
  }

  /**
   * The defaults of the registry ({@link ConfigKeys}): localhost:9092, aimon-monitor, aimon.*
   * topics.
   */
  public static KafkaSettings defaults() {
    return new KafkaSettings(
        ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.defaultValue(),
        ConfigKeys.KAFKA_GROUP_ID.defaultValue(),
        ConfigKeys.KAFKA_TOPICS_INFERENCE.defaultValue(),
        ConfigKeys.KAFKA_TOPICS_LABELS.defaultValue(),
        ConfigKeys.KAFKA_TOPICS_METRICS.defaultValue(),
        ConfigKeys.KAFKA_TOPICS_DEAD_LETTER.defaultValue(),
        ConfigKeys.KAFKA_PROPERTIES.defaultValue(),
        ConfigKeys.KAFKA_TOPICS_INCIDENTS.defaultValue());
  }

  /** The settings with the alert job's group and topics at their defaults. */
  public KafkaSettings(
      String bootstrapServers,
      String groupId,
      String inferenceTopic,
      String labelsTopic,
      String metricsTopic,
      String deadLetterTopic,
      Map<String, String> properties,
      String incidentsTopic) {
    this(
        bootstrapServers,
        groupId,
        inferenceTopic,
        labelsTopic,
        metricsTopic,
        deadLetterTopic,
        properties,
        incidentsTopic,
        ConfigKeys.KAFKA_ALERT_GROUP_ID.defaultValue(),
        ConfigKeys.KAFKA_TOPICS_ALERT_DELIVERIES.defaultValue(),
        ConfigKeys.KAFKA_TOPICS_ALERT_DEAD_LETTER.defaultValue(),
        ConfigKeys.KAFKA_TOPICS_EVIDENCE.defaultValue(),
        ConfigKeys.KAFKA_TOPICS_INCIDENT_ACTIONS.defaultValue());
  }

  /** These settings with the alert job's consumer group and output topics replaced. */
  public KafkaSettings withAlertTopics(
      String alertGroupId, String alertDeliveriesTopic, String alertDeadLetterTopic) {
    return new KafkaSettings(
        bootstrapServers,
        groupId,
        inferenceTopic,
        labelsTopic,
        metricsTopic,
        deadLetterTopic,
        properties,
        incidentsTopic,
        alertGroupId,
        alertDeliveriesTopic,
        alertDeadLetterTopic,
        evidenceTopic,
        incidentActionsTopic);
  }

  /** These settings with another evidence topic. */
  public KafkaSettings withEvidenceTopic(String evidenceTopic) {
    return new KafkaSettings(
        bootstrapServers,
        groupId,
        inferenceTopic,
        labelsTopic,
        metricsTopic,
        deadLetterTopic,
        properties,
        incidentsTopic,
        alertGroupId,
        alertDeliveriesTopic,
        alertDeadLetterTopic,
        evidenceTopic,
        incidentActionsTopic);
  }

  /** Settings with the default incidents topic. */
  public KafkaSettings(
      String bootstrapServers,
      String groupId,
      String inferenceTopic,
      String labelsTopic,
      String metricsTopic,
      String deadLetterTopic,
      Map<String, String> properties) {
    this(
        bootstrapServers,
        groupId,
        inferenceTopic,
        labelsTopic,
        metricsTopic,
        deadLetterTopic,
        properties,
        ConfigKeys.KAFKA_TOPICS_INCIDENTS.defaultValue());
  }

  static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be a non-blank string, was " + value);
    }
  }
}
