package io.aimon.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code aimon run --config F --bounded} against a real broker: the command reads the Kafka
 * settings of the config, and its committed results equal scipy's values for window W1.
 */
class RunCommandIntegrationTest {

  @Test
  void runReadsTheConfiguredTopicsAndCommitsResults(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(List.of("prod.inference", "prod.metrics", "prod.dead-letter"), 1);
      produce(kafka.bootstrapServers(), AdultFixtures.lines(AdultFixtures.PRODUCTION, 4071));
      Path config = AdultFixtures.writeConfig(dir, "checkpoint_interval: 500ms");
      Files.writeString(
          config,
          """
          kafka:
            bootstrap_servers: "%s"
            group_id: run-test
            topics:
              inference: prod.inference
              metrics: prod.metrics
              dead_letter: prod.dead-letter
            properties:
              client.id: aimon-run-test
          """
                  .formatted(kafka.bootstrapServers())
              + Files.readString(config));

      StringWriter err = new StringWriter();
      int code =
          new CommandLine(new AimonCommand())
              .setErr(new PrintWriter(err))
              .execute("run", "--config", config.toString(), "--bounded");
      assertEquals(0, code, err.toString());

      List<JsonNode> results = new ArrayList<>();
      for (String s : readCommitted(kafka.bootstrapServers(), "prod.metrics", 2 * 86)) {
        JsonNode r = AdultFixtures.parse(s);
        if (r.path("window_start").asText().startsWith("2024-02-01")) {
          results.add(r);
        }
      }
      Map<String, Double> maxError = AdultFixtures.assertMatchesExpected(results, 1);
      assertEquals(67.0, maxError.get("values"));
    }
  }

  private static void produce(String bootstrap, List<String> lines) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      lines.forEach(l -> producer.send(new ProducerRecord<>("prod.inference", l)));
    }
  }

  static List<String> readCommitted(String bootstrap, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      int quiet = 0;
      for (int polls = 0; polls < 120 && quiet < 2; polls++) {
        var records = consumer.poll(Duration.ofMillis(500));
        records.forEach(r -> out.add(r.value()));
        if (out.size() >= expected && records.isEmpty()) {
          quiet++;
        }
      }
    }
    return out;
  }
}
