package io.aimon.jobs.cli;

import static io.aimon.jobs.cli.IncidentFixtures.GENDER_ID;
import static io.aimon.jobs.cli.IncidentFixtures.INCOME_ID;
import static io.aimon.jobs.cli.IncidentFixtures.aimon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentIds;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import io.aimon.alerting.remediation.ActionType;
import io.aimon.alerting.remediation.CorrectiveAction;
import io.aimon.jobs.KafkaTestClients;
import io.aimon.jobs.cli.IncidentFixtures.Run;
import io.aimon.jobs.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aimon incident ... --config F} against a real broker: the incident is looked up in the
 * configured incidents topic (every partition, committed events only) and the action written to the
 * configured actions topic, keyed by the incident id.
 */
class IncidentCommandKafkaIntegrationTest {
  private static final String INCIDENTS = "prod.incidents";
  private static final String ACTIONS = "prod.incident-actions";

  @Test
  void recordsActionsInTheActionsTopicKeyedByIncident(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopics(List.of(INCIDENTS, ACTIONS), 3);
      // keyed by dedup key, as the monitor job writes them
      List<Map.Entry<String, String>> events = new ArrayList<>();
      for (IncidentEvent e : IncidentFixtures.events()) {
        events.add(Map.entry(e.dedupKey(), CloudEvents.toJson(e)));
      }
      KafkaTestClients.produceKeyed(bootstrap, INCIDENTS, events);
      String aborted = produceAbortedIncident(bootstrap);

      Path config = IncidentFixtures.writeConfig(dir, kafkaYaml(bootstrap, INCIDENTS, ACTIONS));
      String by = "(model credit-risk, series credit-risk/psi/feature=income) by ";
      Run ack =
          aimon(
              "incident",
              "ack",
              INCOME_ID,
              "--config",
              config.toString(),
              "--actor",
              "alice",
              "--time",
              "2026-01-01T00:05:00Z");
      assertEquals(0, ack.exit(), ack::toString);
      assertEquals("", ack.err());
      assertEquals(
          "recorded ack on incident " + INCOME_ID + " " + by + "alice -> " + ACTIONS + "\n",
          ack.out().replace(System.lineSeparator(), "\n"));
      Run applied =
          aimon(
              "incident",
              "action",
              INCOME_ID,
              "--applied",
              "--text",
              "partner income divided by 100",
              "--config",
              config.toString(),
              "--actor",
              "bob",
              "--time",
              "2026-01-01T00:30:00Z");
      assertEquals(0, applied.exit(), applied::toString);
      assertEquals(
          "recorded action_applied on incident " + INCOME_ID + " " + by + "bob -> " + ACTIONS,
          applied.out().strip());
      Run note =
          aimon(
              "incident",
              "note",
              GENDER_ID,
              "--text",
              "looking at the gender split",
              "--config",
              config.toString(),
              "--actor",
              "carol",
              "--time",
              "2026-01-01T00:40:00Z");
      assertEquals(0, note.exit(), note::toString);

      List<ConsumerRecord<String, String>> records =
          new ArrayList<>(KafkaTestClients.readCommittedRecords(bootstrap, ACTIONS, 3));
      records.sort(
          Comparator.comparing((ConsumerRecord<String, String> r) -> r.partition())
              .thenComparing(ConsumerRecord::offset));
      assertEquals(3, records.size(), records::toString);
      List<ConsumerRecord<String, String>> income =
          records.stream().filter(r -> INCOME_ID.equals(r.key())).toList();
      List<ConsumerRecord<String, String>> gender =
          records.stream().filter(r -> GENDER_ID.equals(r.key())).toList();
      assertEquals(2, income.size(), records::toString);
      assertEquals(1, gender.size(), records::toString);
      // one incident's actions in one partition, in the order they were recorded
      assertEquals(income.get(0).partition(), income.get(1).partition());
      assertTrue(income.get(0).offset() < income.get(1).offset());

      CorrectiveAction first = CorrectiveAction.fromJson(income.get(0).value());
      assertAction(
          first,
          INCOME_ID,
          "credit-risk",
          "credit-risk/psi/feature=income",
          ActionType.ACK,
          "alice",
          "2026-01-01T00:05:00Z",
          null);
      CorrectiveAction second = CorrectiveAction.fromJson(income.get(1).value());
      assertAction(
          second,
          INCOME_ID,
          "credit-risk",
          "credit-risk/psi/feature=income",
          ActionType.ACTION_APPLIED,
          "bob",
          "2026-01-01T00:30:00Z",
          "partner income divided by 100");
      assertAction(
          CorrectiveAction.fromJson(gender.get(0).value()),
          GENDER_ID,
          "churn",
          "churn/demographic_parity_difference/attribute=gender",
          ActionType.NOTE,
          "carol",
          "2026-01-01T00:40:00Z",
          "looking at the gender split");
      assertTrue(!first.actionId().equals(second.actionId()), first.actionId());

      // unknown, and only in an aborted transaction: neither is an incident of the topic
      for (String id : List.of("0000-unknown", aborted)) {
        Run missing = aimon("incident", "ack", id, "--config", config.toString());
        assertEquals(1, missing.exit(), missing::toString);
        assertEquals("", missing.out());
        assertEquals(
            "aimon: incident "
                + id
                + " not found in topic "
                + INCIDENTS
                + " (3 incident events read)",
            missing.err().strip());
      }

      // a missing topic is named; nothing waits longer than the timeout
      Path noIncidents = dir.resolve("no-incidents");
      Files.createDirectories(noIncidents);
      Run noTopic =
          aimon(
              "incident",
              "ack",
              INCOME_ID,
              "--config",
              IncidentFixtures.writeConfig(noIncidents, kafkaYaml(bootstrap, "prod.none", ACTIONS))
                  .toString());
      assertEquals(1, noTopic.exit(), noTopic::toString);
      assertEquals("aimon: topic prod.none does not exist on " + bootstrap, noTopic.err().strip());
      Path noActions = dir.resolve("no-actions");
      Files.createDirectories(noActions);
      Run noActionsTopic =
          aimon(
              "incident",
              "ack",
              INCOME_ID,
              "--config",
              IncidentFixtures.writeConfig(noActions, kafkaYaml(bootstrap, INCIDENTS, "prod.none"))
                  .toString(),
              "--timeout",
              "3s");
      assertEquals(1, noActionsTopic.exit(), noActionsTopic::toString);
      assertEquals(
          "aimon: could not write to topic prod.none on "
              + bootstrap
              + " within 3s: Topic prod.none not present in metadata after 3000 ms.",
          noActionsTopic.err().strip());
      // the failed runs wrote nothing (the reader's group resumes after the 3 records read above)
      assertEquals(List.of(), KafkaTestClients.readCommitted(bootstrap, ACTIONS, 0));
    }
  }

  private static void assertAction(
      CorrectiveAction a,
      String incidentId,
      String modelId,
      String series,
      ActionType type,
      String actor,
      String time,
      String text) {
    assertEquals(incidentId, a.incidentId());
    assertEquals(modelId, a.modelId());
    assertEquals(series, a.series());
    assertEquals(type, a.type());
    assertEquals(actor, a.actor());
    assertEquals(Instant.parse(time).toEpochMilli(), a.time());
    assertEquals(text, a.text());
    assertEquals(null, a.grade());
    assertEquals(null, a.reason());
    assertEquals(4, java.util.UUID.fromString(a.actionId()).version(), a.actionId());
  }

  /** Writes an incident event in a transaction that is aborted, and returns its incident id. */
  private static String produceAbortedIncident(String bootstrap) {
    SeriesKey series = new SeriesKey("credit-risk", "ks", "age", null, null);
    String dedup = IncidentIds.dedupKey(series, IncidentFixtures.START);
    IncidentEvent e =
        IncidentFixtures.event(
            IncidentEvent.Type.OPENED, series, dedup, Severity.CRITICAL, 0, 0, 1);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "incident-test-aborted");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(INCIDENTS, dedup, CloudEvents.toJson(e)));
      producer.flush();
      producer.abortTransaction();
    }
    return e.incidentId();
  }

  private static String kafkaYaml(String bootstrap, String incidents, String actions) {
    return """
        kafka:
          bootstrap_servers: "%s"
          topics:
            incidents: %s
            incident_actions: %s
          properties:
            client.id: aimon-incident-test
        """
        .formatted(bootstrap, incidents, actions);
  }
}
