package io.aimon.jobs.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.config.KafkaSettings;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.bench.CheckpointSizes;
import io.aimon.jobs.kafka.EmbeddedKafka;
import io.aimon.jobs.monitor.MonitorJob;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence chain continues across a stop with a savepoint and a restart from it: the monitor
 * job runs on two days of Adult events, is stopped with a savepoint, and a new job started from it
 * reads two more days; the evidence topic then holds one chain, seq 1..n without a gap or a repeat,
 * four contiguous covered windows and signed manifests, which the archive verifier accepts. The
 * restart runs a changed configuration (an owner and a psi threshold): the chain records the new
 * monitoring plan before the restarted run's first records, and every check names the plan it was
 * judged by.
 */
class EvidenceSavepointIntegrationTest {
  /**
   * Windows W1 and W2 (4070 events each) plus W3's first 10 events (10 s apart), which move the
   * watermark (event time minus the 1 min out-of-orderness) past W2's end.
   */
  private static final int FIRST = 8150;

  /** Up to W4 plus W5's first 10 events, which close W4. */
  private static final int SECOND = 16291;

  @TempDir Path dir;

  @Test
  void theChainContinuesAfterAStopWithSavepointAndARestart() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(List.of("inference", "metrics", "dead", "incidents", "evidence"), 1);
      EvidenceKeys.write(
          Ed25519Keys.generate(),
          dir.resolve(EvidenceKeys.KEY_FILE),
          dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE));
      Path configFile = AdultFixtures.writeConfig(dir, "checkpoint_interval: 300ms");
      Files.writeString(
          configFile,
          "evidence:\n  signing_key: file:"
              + EvidenceKeys.KEY_FILE
              + "\n"
              + Files.readString(configFile));
      AimonConfig config = ConfigLoader.load(configFile);
      MonitorPlan plan = MonitorPlan.of(config, ReferenceProfiles.loadAll(config, false));
      // the configuration the job restarts with: an owner, contacts and a changed psi threshold
      Path changedDir = Files.createDirectories(dir.resolve("changed"));
      Path changedFile =
          AdultFixtures.writeConfig(
              changedDir,
              "checkpoint_interval: 300ms",
              "1d",
              "owner: adult-ml-team\ncontacts: [adult-ml@example.com]\n"
                  + "checks:\n  psi: {warning: 0.12, critical: 0.25}");
      Files.writeString(
          changedFile,
          "evidence:\n  signing_key: file:"
              + dir.resolve(EvidenceKeys.KEY_FILE)
              + "\n"
              + Files.readString(changedFile));
      AimonConfig changed = ConfigLoader.load(changedFile);
      MonitorPlan changedPlan = MonitorPlan.of(changed, ReferenceProfiles.loadAll(changed, false));
      String planBefore = plan.planDigest(AdultFixtures.MODEL);
      String planAfter = changedPlan.planDigest(AdultFixtures.MODEL);
      assertNotEquals(planBefore, planAfter);
      KafkaSettings settings =
          KafkaSettings.builder()
              .bootstrapServers(kafka.bootstrapServers())
              .groupId("savepoint-test")
              .inferenceTopic("inference")
              .labelsTopic(config.kafka().labelsTopic())
              .metricsTopic("metrics")
              .deadLetterTopic("dead")
              .properties(Map.of())
              .incidentsTopic("incidents")
              .evidenceTopic("evidence")
              .build();
      List<String> lines = AdultFixtures.lines(AdultFixtures.PRODUCTION, SECOND);
      KafkaTestClients.produce(kafka.bootstrapServers(), "inference", lines.subList(0, FIRST));

      try (KafkaConsumer<String, String> evidence = consumer(kafka.bootstrapServers())) {
        List<String> read = new ArrayList<>();
        JobClient first = start(plan, settings, null);
        awaitCoverage(evidence, read, "2024-02-03T00:00:00Z");
        String savepoint =
            first
                .stopWithSavepoint(
                    false,
                    dir.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL)
                .get(60, TimeUnit.SECONDS);
        int beforeRestart = read.size();
        // the savepoint holds W3's open window (its first 10 events) and their ids, as Flink
        // recorded the state's bytes: what aimon bench reports per checkpoint
        CheckpointSizes.Snapshot state =
            CheckpointSizes.read(
                Files.readAllBytes(Path.of(java.net.URI.create(savepoint)).resolve("_metadata")),
                savepoint);
        assertTrue(state.of(MonitorJob.UID_WINDOW) > 0, "open window's state: " + state);
        assertTrue(state.of(MonitorJob.UID_ADMIT) > 0, "duplicate filter's state: " + state);
        assertEquals(
            state.bytesByOperator().values().stream().mapToLong(Long::longValue).sum(),
            state.total());

        KafkaTestClients.produce(
            kafka.bootstrapServers(), "inference", lines.subList(FIRST, SECOND));
        JobClient second = start(changedPlan, settings, savepoint);
        try {
          awaitCoverage(evidence, read, "2024-02-05T00:00:00Z");
        } finally {
          second.cancel().get(60, TimeUnit.SECONDS);
        }

        Path archive = dir.resolve("archive/model=" + AdultFixtures.MODEL);
        Files.createDirectories(archive);
        Files.write(archive.resolve("evidence.jsonl"), read);
        ArchiveVerifier.Report report =
            ArchiveVerifier.verify(
                dir.resolve("archive"),
                Ed25519Keys.readPublic(dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE)));
        assertTrue(report.ok(), report.problems().toString());
        ArchiveVerifier.ModelSummary summary = report.models().get(AdultFixtures.MODEL);
        assertEquals(4, summary.windowsCovered(), "W1..W4, contiguous");
        assertEquals(1, summary.firstSeq());
        assertTrue(beforeRestart > 0 && read.size() > beforeRestart, "records on both sides");
        List<Long> seqs = new ArrayList<>();
        for (String l : read) {
          JsonNode n = AdultFixtures.parse(l);
          if (!n.path("kind").asText().equals("manifest")) {
            seqs.add(n.path("seq").asLong());
          }
        }
        for (int i = 0; i < seqs.size(); i++) {
          assertEquals(i + 1, seqs.get(i), "seq " + (i + 1) + ": one chain, no gap, no repeat");
        }
        // two plans: the first before any check, the changed one before the restarted run's
        // records; each check names the plan in force when it was judged
        List<String> plans = new ArrayList<>();
        String inForce = null;
        long checksBefore = 0;
        long checksAfter = 0;
        for (int i = 0; i < read.size(); i++) {
          JsonNode n = AdultFixtures.parse(read.get(i));
          String kind = n.path("kind").asText();
          if (kind.equals("monitoring_plan")) {
            inForce = n.at("/data/plan_digest").asText();
            plans.add(inForce);
            if (plans.size() == 1) {
              assertEquals(1, n.path("seq").asLong(), "the plan opens the chain");
            } else {
              assertTrue(i >= beforeRestart, "the changed plan comes with the restarted run");
              assertEquals("adult-ml-team", n.at("/data/owner").asText());
              assertTrue(
                  n.at("/data/checks").toString().contains("warning >= 0.12, critical >= 0.25"),
                  n.at("/data/checks").toString());
            }
          } else if (kind.equals("check")) {
            assertEquals(inForce, n.at("/data/plan_digest").asText(), "check seq " + n.path("seq"));
            checksBefore += plans.size() == 1 ? 1 : 0;
            checksAfter += plans.size() == 2 ? 1 : 0;
          }
        }
        assertEquals(List.of(planBefore, planAfter), plans);
        assertTrue(checksBefore > 0 && checksAfter > 0, checksBefore + " / " + checksAfter);
        System.out.printf(
            "evidence across a savepoint: %d lines before the stop, %d after; seq 1..%d verified%n",
            beforeRestart, read.size() - beforeRestart, summary.lastSeq());
      }
    }
  }

  private static JobClient start(MonitorPlan plan, KafkaSettings settings, String savepoint)
      throws Exception {
    StreamExecutionEnvironment env = MonitorRunner.environment(plan, false);
    if (savepoint != null) {
      Configuration c = new Configuration();
      c.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
      env.configure(c);
    }
    MonitorRunner.kafkaJob(plan, settings, false, "savepoint-test").build(env);
    return env.executeAsync("savepoint-test");
  }

  private static KafkaConsumer<String, String> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "evidence-reader");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
    c.subscribe(List.of("evidence"));
    return c;
  }

  /**
   * Reads committed evidence lines into {@code read} until the manifest of the window ending at
   * end.
   */
  private static void awaitCoverage(
      KafkaConsumer<String, String> consumer, List<String> read, String windowEnd)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      for (var r : consumer.poll(Duration.ofMillis(200))) {
        read.add(r.value());
        JsonNode n = AdultFixtures.parse(r.value());
        if (n.path("kind").asText().equals("manifest")
            && n.path("window_end").asText().equals(windowEnd)) {
          return;
        }
      }
    }
    throw new AssertionError("no manifest for the window ending " + windowEnd + " within 120 s");
  }
}
