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

  static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be a non-blank string, was " + value);
    }
  }

  /**
   * A builder starting from every key's default ({@link ConfigKeys}); {@code build()} validates.
   *
   * <pre>{@code
   * KafkaSettings k = KafkaSettings.builder().bootstrapServers("broker:9092")
   *     .evidenceTopic("prod.evidence").build();
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.bootstrapServers = bootstrapServers;
    b.groupId = groupId;
    b.inferenceTopic = inferenceTopic;
    b.labelsTopic = labelsTopic;
    b.metricsTopic = metricsTopic;
    b.deadLetterTopic = deadLetterTopic;
    b.properties = properties;
    b.incidentsTopic = incidentsTopic;
    b.alertGroupId = alertGroupId;
    b.alertDeliveriesTopic = alertDeliveriesTopic;
    b.alertDeadLetterTopic = alertDeadLetterTopic;
    b.evidenceTopic = evidenceTopic;
    b.incidentActionsTopic = incidentActionsTopic;
    return b;
  }

  /** Builds {@link KafkaSettings}; each setter's default is its config key's. */
  public static final class Builder {
    private String bootstrapServers = ConfigKeys.KAFKA_BOOTSTRAP_SERVERS.defaultValue();
    private String groupId = ConfigKeys.KAFKA_GROUP_ID.defaultValue();
    private String inferenceTopic = ConfigKeys.KAFKA_TOPICS_INFERENCE.defaultValue();
    private String labelsTopic = ConfigKeys.KAFKA_TOPICS_LABELS.defaultValue();
    private String metricsTopic = ConfigKeys.KAFKA_TOPICS_METRICS.defaultValue();
    private String deadLetterTopic = ConfigKeys.KAFKA_TOPICS_DEAD_LETTER.defaultValue();
    private Map<String, String> properties = ConfigKeys.KAFKA_PROPERTIES.defaultValue();
    private String incidentsTopic = ConfigKeys.KAFKA_TOPICS_INCIDENTS.defaultValue();
    private String alertGroupId = ConfigKeys.KAFKA_ALERT_GROUP_ID.defaultValue();
    private String alertDeliveriesTopic = ConfigKeys.KAFKA_TOPICS_ALERT_DELIVERIES.defaultValue();
    private String alertDeadLetterTopic = ConfigKeys.KAFKA_TOPICS_ALERT_DEAD_LETTER.defaultValue();
    private String evidenceTopic = ConfigKeys.KAFKA_TOPICS_EVIDENCE.defaultValue();
    private String incidentActionsTopic = ConfigKeys.KAFKA_TOPICS_INCIDENT_ACTIONS.defaultValue();

    private Builder() {}

    /** The brokers, host:port,... (default: that of {@code kafka.bootstrap_servers}). */
    public Builder bootstrapServers(String value) {
      this.bootstrapServers = value;
      return this;
    }

    /** The monitor job's consumer group (default: that of {@code kafka.group_id}). */
    public Builder groupId(String value) {
      this.groupId = value;
      return this;
    }

    /** The inference events topic (default: that of {@code kafka.topics.inference}). */
    public Builder inferenceTopic(String value) {
      this.inferenceTopic = value;
      return this;
    }

    /** The label events topic (default: that of {@code kafka.topics.labels}). */
    public Builder labelsTopic(String value) {
      this.labelsTopic = value;
      return this;
    }

    /** The check results topic (default: that of {@code kafka.topics.metrics}). */
    public Builder metricsTopic(String value) {
      this.metricsTopic = value;
      return this;
    }

    /** The dead-letter topic (default: that of {@code kafka.topics.dead_letter}). */
    public Builder deadLetterTopic(String value) {
      this.deadLetterTopic = value;
      return this;
    }

    /** Extra Kafka client properties (default: that of {@code kafka.properties}). */
    public Builder properties(Map<String, String> value) {
      this.properties = value;
      return this;
    }

    /** The incident events topic (default: that of {@code kafka.topics.incidents}). */
    public Builder incidentsTopic(String value) {
      this.incidentsTopic = value;
      return this;
    }

    /** The alert job's consumer group (default: that of {@code kafka.alert_group_id}). */
    public Builder alertGroupId(String value) {
      this.alertGroupId = value;
      return this;
    }

    /** The alert deliveries topic (default: that of {@code kafka.topics.alert_deliveries}). */
    public Builder alertDeliveriesTopic(String value) {
      this.alertDeliveriesTopic = value;
      return this;
    }

    /**
     * The alert job's dead-letter topic (default: that of {@code kafka.topics.alert_dead_letter}).
     */
    public Builder alertDeadLetterTopic(String value) {
      this.alertDeadLetterTopic = value;
      return this;
    }

    /** The evidence topic (default: that of {@code kafka.topics.evidence}). */
    public Builder evidenceTopic(String value) {
      this.evidenceTopic = value;
      return this;
    }

    /**
     * The operators' corrective actions topic (default: that of {@code
     * kafka.topics.incident_actions}).
     */
    public Builder incidentActionsTopic(String value) {
      this.incidentActionsTopic = value;
      return this;
    }

    /** The settings. @throws IllegalArgumentException naming a blank value */
    public KafkaSettings build() {
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
  }
}
