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
}
