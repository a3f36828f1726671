package io.aimon.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.kafka.EmbeddedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      kafka.createTopics(
          List.of(
              "prod.inference",
              "prod.metrics",
              "prod.dead-letter",
              "prod.incidents",
              "prod.evidence"),
          1);
      KafkaTestClients.produce(
          kafka.bootstrapServers(),
          "prod.inference",
          AdultFixtures.lines(AdultFixtures.PRODUCTION, 4071));
      Path config =
          AdultFixtures.writeConfig(dir, "checkpoint_interval: 500ms\ncheckpoint_dir: checkpoints");
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
              incidents: prod.incidents
              evidence: prod.evidence
            properties:
              client.id: aimon-run-test
          evidence:
            dir: archive
            signing_key: file:keys/aimon-evidence.key
          """
                  .formatted(kafka.bootstrapServers())
              + Files.readString(config));

      StringWriter err = new StringWriter();
      assertEquals(
          0,
          new CommandLine(new AimonCommand())
              .setErr(new PrintWriter(err))
              .execute("evidence", "keygen", "--out", dir.resolve("keys").toString()),
          err.toString());
      int code =
          new CommandLine(new AimonCommand())
              .setErr(new PrintWriter(err))
              .execute("run", "--config", config.toString(), "--bounded");
      assertEquals(0, code, err.toString());

      // the archive committed by the run verifies against the public key
      StringWriter out = new StringWriter();
      int verified =
          new CommandLine(new AimonCommand())
              .setOut(new PrintWriter(out))
              .setErr(new PrintWriter(err))
              .execute(
                  "evidence",
                  "verify",
                  dir.resolve("archive").toString(),
                  "--public-key",
                  dir.resolve("keys/aimon-evidence.pub").toString());
      assertEquals(0, verified, out + "\n" + err);
      assertTrue(out.toString().contains("evidence verified: 1 models"), out.toString());
      assertEquals(
          List.of(),
          KafkaTestClients.readCommitted(kafka.bootstrapServers(), "prod.evidence", 1).stream()
              .filter(l -> !l.contains("\"model_id\":\"adult-income-logreg\""))
              .toList(),
          "the evidence topic holds the model's records and manifests");

      List<JsonNode> results = new ArrayList<>();
      for (String s :
          KafkaTestClients.readCommitted(kafka.bootstrapServers(), "prod.metrics", 2 * 86)) {
        JsonNode r = AdultFixtures.parse(s);
        if (r.path("window_start").asText().startsWith("2024-02-01")) {
          results.add(r);
        }
      }
      Map<String, Double> maxError = AdultFixtures.assertMatchesExpected(results, 1);
      assertEquals(67.0, maxError.get("values"));
    }
  }

  @Test
  void missingTopicsAndAnUnreachableClusterAreOneLineEach(@TempDir Path dir) throws Exception {
    Path config = AdultFixtures.writeConfig(dir, "checkpoint_dir: checkpoints");
    String body = Files.readString(config);
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(List.of("aimon.inference", "aimon.metrics"), 1);
      Files.writeString(
          config, "kafka:\n  bootstrap_servers: \"" + kafka.bootstrapServers() + "\"\n" + body);
      StringWriter err = new StringWriter();
      int code =
          AimonCommand.commandLine()
              .setErr(new PrintWriter(err))
              .execute("run", "--config", config.toString());
      assertEquals(2, code, err.toString());
      assertEquals(
          "aimon: topics aimon.dead-letter (kafka.topics.dead_letter), aimon.incidents"
              + " (kafka.topics.incidents), aimon.evidence (kafka.topics.evidence) do not exist on "
              + kafka.bootstrapServers()
              + ": aimon does not create topics, create them first",
          err.toString().strip());
    }
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    Files.writeString(
        config,
        "kafka:\n  bootstrap_servers: \"127.0.0.1:"
            + port
            + "\"\n  properties:\n    default.api.timeout.ms: \"3000\"\n"
            + body);
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int code =
        AimonCommand.commandLine()
            .setErr(new PrintWriter(err))
            .execute("run", "--config", config.toString());
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(2, code, err.toString());
    assertEquals(
        "aimon: the Kafka cluster at 127.0.0.1:"
            + port
            + " did not answer within 3.0 s: check kafka.bootstrap_servers and, for a secured"
            + " cluster, kafka.properties (security.protocol, sasl.mechanism, sasl.jaas.config)",
        err.toString().strip());
    System.out.println("unreachable cluster reported after " + seconds + " s");
  }
}
