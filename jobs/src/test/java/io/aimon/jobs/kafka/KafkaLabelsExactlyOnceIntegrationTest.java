package io.aimon.jobs.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.config.KafkaSettings;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.AdultOutcomes;
import io.aimon.jobs.FailOnceAfterCheckpoint;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.reference.ReferenceProfiles;
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
 * Predictions on one topic, their labels 6 h later on a labels topic, a real broker and the
 * exactly-once sinks: the committed performance and fairness equal scikit-learn's values, and a run
 * with a task failure while predictions wait for their labels commits exactly what a failure-free
 * run commits.
 */
class KafkaLabelsExactlyOnceIntegrationTest {
  private static final int EVENTS = 8140; // windows W1 and W2

  private static EmbeddedKafka kafka;
  private static AimonConfig config;
  private static MonitorPlan plan;

  @TempDir static Path dir;

  @BeforeAll
  static void startBrokerAndProduce() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(
        List.of(
            "predictions",
            "labels",
            "metrics-a",
            "dead-a",
            "incidents-a",
            "metrics-b",
            "dead-b",
            "incidents-b",
            "evidence-a",
            "evidence-b"),
        1);
    KafkaTestClients.produce(
        kafka.bootstrapServers(),
        "predictions",
        AdultFixtures.lines(AdultFixtures.PRODUCTION_UNLABELED, EVENTS));
    KafkaTestClients.produce(
        kafka.bootstrapServers(), "labels", AdultFixtures.lines(AdultFixtures.LABELS, EVENTS));
    config =
        ConfigLoader.load(
            AdultFixtures.writeConfig(
                dir,
                "checkpoint_interval: 300ms",
                "1d",
                AdultFixtures.FAIRNESS + "\nlabels: {max_delay: 12h}"));
    plan = MonitorPlan.of(config, ReferenceProfiles.loadAll(config, false));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void committedOutcomesEqualScikitLearnAndSurviveAFailureWhileLabelsArePending() throws Exception {
    List<String> clean = run("a", false);
    List<String> recovered = run("b", true);
    assertTrue(FailOnceAfterCheckpoint.FAILED.get(), "the failure was injected");

    List<JsonNode> results = new ArrayList<>();
    for (String s : clean) {
      results.add(AdultFixtures.parse(s));
    }
    Map<String, Double> maxError = AdultOutcomes.assertMatchesExpected(results);
    assertEquals(2.0, maxError.get("windows"));
    assertEquals(clean.size(), recovered.size(), "nothing lost, nothing duplicated");
    assertEquals(clean.stream().sorted().toList(), recovered.stream().sorted().toList());
    assertEquals(List.of(), KafkaTestClients.readCommitted(kafka.bootstrapServers(), "dead-b", 0));
  }

  private static List<String> run(String name, boolean injectFailure) throws Exception {
    KafkaSettings settings =
        KafkaSettings.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .groupId("group-" + name)
            .inferenceTopic("predictions")
            .labelsTopic("labels")
            .metricsTopic("metrics-" + name)
            .deadLetterTopic("dead-" + name)
            .properties(Map.of())
            .incidentsTopic("incidents-" + name)
            .evidenceTopic("evidence-" + name)
            .build();
    StreamExecutionEnvironment env = MonitorRunner.environment(plan, true);
    FailOnceAfterCheckpoint.reset();
    MonitorRunner.kafkaJob(plan, settings, true, "labels-test-" + name)
        .build(
            env,
            injectFailure
                ? s ->
                    s.map(new FailOnceAfterCheckpoint(3000, 5000))
                        .uid("test.fail-once")
                        .name("fail-once")
                : s -> s);
    env.execute("labels-test-" + name);
    List<String> out =
        KafkaTestClients.readCommitted(kafka.bootstrapServers(), "metrics-" + name, 200);
    assertTrue(out.size() >= 200, "results committed: " + out.size());
    return out;
  }
}
