package io.aimon.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.config.KafkaSettings;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.FailOnceAfterCheckpoint;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.TaskAttempts;
import io.aimon.jobs.evidence.EvidenceKeys;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor job on a real (embedded KRaft) Kafka broker with the exactly-once sinks: results read
 * back with read_committed equal scipy's values, and a run with one injected task failure after a
 * checkpoint commits exactly the same records as a failure-free run.
 */
class KafkaExactlyOnceIntegrationTest {
  /** Windows W1 and W2 of production.jsonl.gz (4070 events each) plus the first event of W3. */
  private static final int EVENTS = 8141;

  private static final List<String> BAD = List.of("{not json", "[1,2]", "{\"model_id\":\"nope\"}");

  private static EmbeddedKafka kafka;
  private static AimonConfig config;
  private static MonitorPlan plan;

  @TempDir static Path dir;

  @BeforeAll
  static void startBrokerAndProduce() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(
        List.of(
            "inference",
            "metrics-a",
            "dead-a",
            "incidents-a",
            "metrics-b",
            "dead-b",
            "incidents-b",
            "evidence-a",
            "evidence-b"),
        1);
    List<String> lines = AdultFixtures.lines(AdultFixtures.PRODUCTION, EVENTS);
    List<String> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      records.add(lines.get(i));
      if (i % 3000 == 1) {
        records.add(BAD.get(i / 3000));
      }
    }
    KafkaTestClients.produce(kafka.bootstrapServers(), "inference", records);
    Path configFile = AdultFixtures.writeConfig(dir, "checkpoint_interval: 300ms");
    EvidenceKeys.write(
        Ed25519Keys.generate(),
        dir.resolve(EvidenceKeys.KEY_FILE),
        dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE));
    Files.writeString(
        configFile,
        "evidence:\n  signing_key: file:"
            + EvidenceKeys.KEY_FILE
            + "\n"
            + Files.readString(configFile));
    config = ConfigLoader.load(configFile);
    plan = MonitorPlan.of(config, ReferenceProfiles.loadAll(config, false));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void committedResultsEqualScipyAndSurviveAnInjectedFailure() throws Exception {
    List<String> clean = run("a", false);
    int cleanRestarts = TaskAttempts.restarts();
    List<String> recovered = run("b", true);
    assertTrue(FailOnceAfterCheckpoint.FAILED.get(), "the failure was injected");
    // every event of W1 and W2 is counted: none late or taken for a repeat, only the bad records
    assertEquals(
        List.of("malformed_json", "not_an_object", "missing_field"),
        reasons(KafkaTestClients.readToEnd(kafka.bootstrapServers(), "dead-a")),
        "the failure-free run's dead letters");

    List<JsonNode> results = new ArrayList<>();
    for (String s : clean) {
      JsonNode r = AdultFixtures.parse(s);
      if (r.path("window_start").asText().compareTo("2024-02-03") < 0) {
        results.add(r); // W3 holds a single event: it only moved the watermark past W2
      }
    }
    Map<String, Double> maxError;
    try {
      maxError = AdultFixtures.assertMatchesExpected(results, 2);
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + " (the failure-free run restarted " + cleanRestarts + " times)", e);
    }
    assertEquals(134.0, maxError.get("values"));

    assertEquals(clean.size(), recovered.size(), "nothing lost, nothing duplicated");
    List<String> cleanIncidents =
        KafkaTestClients.readToEnd(kafka.bootstrapServers(), "incidents-a");
    List<String> recoveredIncidents =
        KafkaTestClients.readToEnd(kafka.bootstrapServers(), "incidents-b");
    assertEquals(
        cleanIncidents.stream().sorted().toList(),
        recoveredIncidents.stream().sorted().toList(),
        "the same incident events, with the same ids, exactly once");
    assertEquals(clean.stream().sorted().toList(), recovered.stream().sorted().toList());
    // the evidence chain continues across the restart: the same records, hashes and manifests
    List<String> cleanEvidence =
        KafkaTestClients.readCommitted(kafka.bootstrapServers(), "evidence-a", 1);
    List<String> recoveredEvidence =
        KafkaTestClients.readCommitted(kafka.bootstrapServers(), "evidence-b", 1);
    assertTrue(cleanEvidence.size() > clean.size(), "a record per check, plus coverage");
    assertEquals(cleanEvidence.size(), recoveredEvidence.size(), "as many evidence lines");
    for (int i = 0; i < cleanEvidence.size(); i++) {
      assertEquals(
          cleanEvidence.get(i), recoveredEvidence.get(i), "evidence line " + (i + 1) + " differs");
    }
    assertEquals(
        List.of("malformed_json", "not_an_object", "missing_field"),
        reasons(KafkaTestClients.readCommitted(kafka.bootstrapServers(), "dead-b", BAD.size())));
  }

  /** Runs the bounded job into metrics-NAME / dead-NAME and returns the committed metrics. */
  private static List<String> run(String name, boolean injectFailure) throws Exception {
    KafkaSettings k = config.kafka();
    KafkaSettings settings =
        KafkaSettings.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .groupId("group-" + name)
            .inferenceTopic("inference")
            .labelsTopic(k.labelsTopic())
            .metricsTopic("metrics-" + name)
            .deadLetterTopic("dead-" + name)
            .properties(Map.of())
            .incidentsTopic("incidents-" + name)
            .evidenceTopic("evidence-" + name)
            .build();
    StreamExecutionEnvironment env = MonitorRunner.environment(plan, true);
    FailOnceAfterCheckpoint.reset();
    TaskAttempts.reset();
    MonitorRunner.kafkaJob(plan, settings, true, "test-" + name)
        .build(
            env,
            injectFailure
                ? s ->
                    s.map(new FailOnceAfterCheckpoint(3000, 5000))
                        .uid("test.fail-once")
                        .name("fail-once")
                : s -> s.map(new TaskAttempts()).uid("test.attempts").name("attempts"));
    env.execute("test-" + name);
    // W1 and W2 close (W3's first event moves the watermark), W3 closes at the end of input: 3 x 86
    return KafkaTestClients.readCommitted(kafka.bootstrapServers(), "metrics-" + name, 3 * 86);
  }

  private static List<String> reasons(List<String> deadLetters) {
    return deadLetters.stream().map(s -> parseUnchecked(s).path("reason").asText()).toList();
  }

  private static JsonNode parseUnchecked(String s) {
    try {
      return AdultFixtures.parse(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
