package io.aimon.jobs.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.config.KafkaSettings;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.alert.IncidentScenario;
import io.aimon.jobs.cli.AimonCommand;
import io.aimon.jobs.demo.DemoGenerator;
import io.aimon.jobs.kafka.EmbeddedKafka;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Corrective actions live, as on call: the monitor job runs on Kafka; once it has opened an
 * incident, an operator runs {@code aimon incident ack} and {@code aimon incident action --applied}
 * against the same config; the job applies them and, as the data recovers, verifies the action
 * effective, all in the evidence topic. The actions topic is a side input that never holds back
 * event time: the evidence keeps flowing while no operator acts.
 */
class CorrectiveActionKafkaIntegrationTest {
  private static final long START = IncidentScenario.START;
  private static final String SERIES = "credit-risk/psi/feature=income";

  @TempDir Path dir;

  @Test
  void anOperatorsActionsFromTheCommandLineAreAppliedAndVerified() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      Path configFile = IncidentScenario.writeConfig(dir, kafka.bootstrapServers());
      AimonConfig config = ConfigLoader.load(configFile);
      KafkaSettings k = config.kafka();
      kafka.createTopics(
          List.of(
              k.inferenceTopic(),
              k.metricsTopic(),
              k.deadLetterTopic(),
              k.incidentsTopic(),
              k.evidenceTopic(),
              k.incidentActionsTopic()),
          1);
      MonitorPlan plan = MonitorPlan.of(config, ReferenceProfiles.loadAll(config, false));
      List<String> events = IncidentScenario.events();
      int perWindow = events.size() / IncidentScenario.WINDOWS;
      // windows ending 00:10 .. 01:10 and the first events of the next: the drift is on
      KafkaTestClients.produce(
          kafka.bootstrapServers(), k.inferenceTopic(), events.subList(0, 7 * perWindow + 40));

      StreamExecutionEnvironment env = MonitorRunner.environment(plan, false);
      MonitorRunner.kafkaJob(plan, k, false, "corrective-test").build(env);
      JobClient job = env.executeAsync("corrective-test");
      try (KafkaConsumer<String, String> evidence = consumer(kafka.bootstrapServers(), k)) {
        List<JsonNode> read = new ArrayList<>();
        // no operator has acted yet, the evidence flows: the incident is opened and graded
        JsonNode graded =
            await(evidence, read, r -> isCorrective(r, "grade_changed"), "the incident's grade");
        String id = graded.path("data").path("incident_id").asText();

        String ack =
            aimon(
                "incident",
                "ack",
                id,
                "--config",
                configFile.toString(),
                "--actor",
                "alice",
                "--time",
                at(52));
        assertTrue(ack.startsWith("recorded ack on incident " + id), ack);
        aimon(
            "incident",
            "action",
            id,
            "--config",
            configFile.toString(),
            "--actor",
            "bob",
            "--time",
            at(80),
            "--text",
            "income converted back to yearly",
            "--applied");

        // the rest of the scenario (recovery from the window ending 01:30) and a window more
        List<String> rest = new ArrayList<>(events.subList(7 * perWindow + 40, events.size()));
        DemoGenerator gen = new DemoGenerator(11);
        for (int i = 0; i < 400; i++) {
          rest.add(
              gen.event(
                  DemoGenerator.CREDIT, START + 120_000L + i * 25L, DemoGenerator.Phase.NORMAL));
        }
        KafkaTestClients.produce(kafka.bootstrapServers(), k.inferenceTopic(), rest);
        await(evidence, read, r -> isCorrective(r, "effectiveness_verified"), "the verdict");

        List<String> story = new ArrayList<>();
        for (JsonNode r : read) {
          JsonNode d = r.path("data");
          if (r.path("kind").asText().equals("corrective_action")
              && d.path("incident_id").asText().equals(id)) {
            story.add(
                d.path("time").asText().substring(14, 19)
                    + " "
                    + d.path("event").asText()
                    + (d.has("actor") ? " " + d.path("actor").asText() : "")
                    + (d.has("effectiveness") ? " " + d.path("effectiveness").asText() : ""));
          }
        }
        assertEquals(
            List.of(
                "00:50 grade_changed",
                "00:52 action_recorded alice",
                "01:20 action_recorded bob pending",
                "01:50 effectiveness_verified verified_effective"),
            story);
      } finally {
        job.cancel().get(60, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean isCorrective(JsonNode r, String event) {
    return r.path("kind").asText().equals("corrective_action")
        && r.path("data").path("series").asText().equals(SERIES)
        && r.path("data").path("event").asText().equals(event);
  }

  private static String at(int second) {
    return Instant.ofEpochMilli(START + second * 1000L).toString();
  }

  /** Runs the command line, asserts exit 0 and returns what it printed. */
  private static String aimon(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new AimonCommand())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    assertEquals(0, code, String.join(" ", args) + ": " + err);
    return out.toString();
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap, KafkaSettings k) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "evidence-reader");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
    c.subscribe(List.of(k.evidenceTopic()));
    return c;
  }

  /** Reads committed evidence lines into {@code read} until one matches; returns it. */
  private static JsonNode await(
      KafkaConsumer<String, String> consumer,
      List<JsonNode> read,
      Predicate<JsonNode> wanted,
      String what)
      throws Exception {
    for (JsonNode r : read) {
      if (wanted.test(r)) {
        return r;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(200))) {
        JsonNode r = AdultFixtures.parse(record.value());
        read.add(r);
        if (wanted.test(r)) {
          return r;
        }
      }
    }
    throw new AssertionError("no evidence of " + what + " within 120 s");
  }
}
