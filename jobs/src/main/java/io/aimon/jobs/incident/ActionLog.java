package io.aimon.jobs.incident;

import io.aimon.alerting.remediation.CorrectiveAction;
import io.aimon.config.Durations;
import io.aimon.config.KafkaSettings;
import io.aimon.jobs.kafka.KafkaConnectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records a corrective action: one JSON line ({@link CorrectiveAction#toJson()}) appended to an
 * actions file, or one record sent to the incident actions topic, keyed by the incident id so that
 * one incident's actions stay in order in one partition.
 */
public final class ActionLog {

  private ActionLog() {}

  /** Appends the action as one line to the file, creating the file and its directory if missing. */
  public static void append(Path file, CorrectiveAction action) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Files.writeString(
        file,
        action.toJson() + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * Sends the action to {@code kafka.incidentActionsTopic()} (acks=all, idempotent) and waits until
   * the broker acknowledged it.
   *
   * @throws IllegalStateException when the send fails or is not acknowledged within {@code timeout}
   */
  public static void send(KafkaSettings kafka, CorrectiveAction action, Duration timeout) {
    String topic = kafka.incidentActionsTopic();
    Properties p = KafkaConnectors.clientProperties(kafka);
    p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // bounds the wait for the topic's metadata, which send() does before it returns
    p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
    p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    KafkaProducer<String, String> producer = new KafkaProducer<>(p);
    boolean sent = false;
    try {
      producer
          .send(new ProducerRecord<>(topic, action.incidentId(), action.toJson()))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      sent = true;
    } catch (ExecutionException | TimeoutException e) {
      String reason = e instanceof ExecutionException ? e.getCause().getMessage() : "no answer";
      throw new IllegalStateException(
          "could not write to topic "
              + topic
              + " on "
              + kafka.bootstrapServers()
              + " within "
              + Durations.format(timeout)
              + ": "
              + reason,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to topic " + topic, e);
    } finally {
      // after a failure, do not wait for a broker that did not answer
      producer.close(sent ? timeout : Duration.ZERO);
    }
  }
}
