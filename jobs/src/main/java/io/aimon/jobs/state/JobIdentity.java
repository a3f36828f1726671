package io.aimon.jobs.state;

import io.aimon.config.Digests;
import io.aimon.config.KafkaSettings;
import java.util.Objects;

/**
 * Which job a checkpoint belongs to: the same kind of job reading the same input (Kafka cluster,
 * consumer group, topic) and committing with the same transactional id prefix. Two jobs that differ
 * in any of these must never restore each other's state (the offsets and open transactions in it
 * would be wrong), so each gets a checkpoint subdirectory of its own, named {@link
 * #directoryName()}.
 *
 * @param kind {@code monitor} or {@code alert}
 * @param bootstrapServers the Kafka cluster, as configured
 * @param groupId the consumer group
 * @param inputTopic the topic the job reads its events from
 * @param transactionalIdPrefix the prefix of the job's Kafka transactional ids
 */
public record JobIdentity(
    String kind,
    String bootstrapServers,
    String groupId,
    String inputTopic,
    String transactionalIdPrefix) {
  public JobIdentity {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(inputTopic, "inputTopic");
    Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
  }

  /** The monitor job of {@code aimon run}. */
  public static JobIdentity monitor(KafkaSettings kafka, String transactionalIdPrefix) {
    return new JobIdentity(
        "monitor",
        kafka.bootstrapServers(),
        kafka.groupId(),
        kafka.inferenceTopic(),
        transactionalIdPrefix);
  }

  /** The alert job of {@code aimon alert}. */
  public static JobIdentity alert(KafkaSettings kafka, String transactionalIdPrefix) {
    return new JobIdentity(
        "alert",
        kafka.bootstrapServers(),
        kafka.alertGroupId(),
        kafka.incidentsTopic(),
        transactionalIdPrefix);
  }

  /**
   * {@code <kind>-<transactional id prefix>-<12 hex digits>}: readable, and the digest of all five
   * parts (NUL-separated, so no two identities share it) keeps different jobs apart.
   */
  public String directoryName() {
    String digest =
        Digests.sha256Prefix(
            String.join(
                "\u0000", kind, bootstrapServers, groupId, inputTopic, transactionalIdPrefix),
            6);
    String readable = transactionalIdPrefix.replaceAll("[^A-Za-z0-9._-]", "_");
    return kind
        + "-"
        + (readable.length() > 40 ? readable.substring(0, 40) : readable)
        + "-"
        + digest;
  }
}
