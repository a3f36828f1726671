package io.aimon.jobs.kafka;

import io.aimon.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The check a Kafka job makes before it starts: the cluster answers within {@link #TIMEOUT} (or the
 * {@code default.api.timeout.ms} of {@code kafka.properties}) and every topic the job needs exists.
 * Without it, a job against an unreachable broker (or one whose SASL settings are wrong) would
 * retry silently forever, and one against a missing topic would wait for records that never come.
 */
public final class TopicCheck {
  /** How long the cluster has to answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicCheck() {}

  /**
   * Null when every topic of {@code required} exists, else the one-line reason the job cannot
   * start.
   *
   * @param required the topics, each with the config key that names it (e.g. {@code
   *     kafka.topics.metrics=aimon.metrics} as a two-element array)
   */
  public static String problem(KafkaSettings kafka, List<String[]> required) {
    Set<String> topics;
    try {
      topics = topics(kafka);
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    List<String> missing = new ArrayList<>();
    for (String[] keyAndTopic : required) {
      if (!topics.contains(keyAndTopic[1])) {
        missing.add(keyAndTopic[1] + " (" + keyAndTopic[0] + ")");
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    return (missing.size() == 1 ? "topic " : "topics ")
        + String.join(", ", missing)
        + (missing.size() == 1 ? " does" : " do")
        + " not exist on "
        + kafka.bootstrapServers()
        + ": aimon does not create topics, create "
        + (missing.size() == 1 ? "it" : "them")
        + " first";
  }

  /**
   * The cluster's topics.
   *
   * @throws IllegalStateException with a one-line reason when the cluster does not answer in time
   *     or refuses the client
   */
  static Set<String> topics(KafkaSettings kafka) {
    Duration timeout = timeout(kafka);
    try {
      return topics(kafka, timeout);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the Kafka cluster at "
              + kafka.bootstrapServers()
              + " did not answer within "
              + timeout.toMillis() / 1000.0
              + " s: check kafka.bootstrap_servers and, for a secured cluster, kafka.properties"
              + " (security.protocol, sasl.mechanism, sasl.jaas.config)",
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "the Kafka cluster at "
              + kafka.bootstrapServers()
              + " refused aimon's client ("
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage()
              + "): check kafka.properties",
          e);
    }
  }

  private static Duration timeout(KafkaSettings kafka) {
    String configured = kafka.properties().get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    try {
      return configured == null ? TIMEOUT : Duration.ofMillis(Long.parseLong(configured.trim()));
    } catch (NumberFormatException e) {
      return TIMEOUT;
    }
  }

  private static Set<String> topics(KafkaSettings kafka, Duration timeout)
      throws TimeoutException, ExecutionException {
    Properties p = KafkaConnectors.clientProperties(kafka);
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.putIfAbsent(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
    p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
    try (Admin admin = Admin.create(p)) {
      return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // the client's own timeout (no broker answered) comes wrapped
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new TimeoutException(e.getCause().getMessage());
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }
}
