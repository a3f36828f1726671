package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifyFixtures.DEDUP_KEY;
import static io.aimon.alerting.notify.NotifyFixtures.INCIDENT_ID;
import static io.aimon.alerting.notify.NotifyFixtures.RUNBOOK;
import static io.aimon.alerting.notify.NotifyFixtures.SUMMARY;
import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.fairnessWarning;
import static io.aimon.alerting.notify.NotifyFixtures.testPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.notify.NotifyFixtures.Received;
import io.aimon.alerting.notify.NotifyFixtures.Receiver;
import io.aimon.alerting.notify.NotifyFixtures.RecordingSleeper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PagerDutyNotifierTest {

  private static final String KEY = "R0UTINGKEY0000000000000000000000";

  private static Received post(IncidentEvent e) throws Exception {
    try (Receiver pd = Receiver.answering(202);
        DeliveryService service =
            DeliveryService.builder()
                .policy(testPolicy())
                .sleeper(new RecordingSleeper())
                .build()) {
      var notifier = new PagerDutyNotifier(pd.uri("/v2/enqueue"), Secret.literal(KEY));
      assertTrue(service.deliver(notifier, e).delivered());
      return pd.only();
    }
  }

  @Test
  void triggersWithPayloadLinksAndCustomDetails() throws Exception {
    Received r = post(event(Type.OPENED));

    assertEquals("/v2/enqueue", r.path());
    assertEquals("application/json", r.headers().getFirst("Content-Type"));
    JsonNode o = r.json();
    assertEquals(KEY, o.get("routing_key").asText());
    assertEquals("trigger", o.get("event_action").asText());
    assertEquals(DEDUP_KEY, o.get("dedup_key").asText());
    assertEquals("aimon", o.get("client").asText());
    JsonNode p = o.get("payload");
    assertEquals(SUMMARY, p.get("summary").asText());
    assertEquals("aimon/credit-risk", p.get("source").asText());
    assertEquals("critical", p.get("severity").asText());
    assertEquals("2026-11-22T18:26:30Z", p.get("timestamp").asText());
    assertEquals("psi", p.get("component").asText());
    assertEquals("income", p.get("group").asText());
    assertEquals("io.aimon.incident.opened", p.get("class").asText());
    JsonNode d = p.get("custom_details");
    assertEquals(INCIDENT_ID, d.get("incident_id").asText());
    assertEquals("7", d.get("model_version").asText());
    assertEquals(0.81, d.get("value").asDouble());
    assertEquals(0.25, d.get("threshold").asDouble());
    assertEquals(1000, d.get("n").asLong());
    assertEquals(3, d.get("breach_count").asInt());
    assertEquals(3, d.get("check_ids").size());
    assertFalse(d.has("p_value"));
    JsonNode links = o.get("links");
    assertEquals(1, links.size());
    assertEquals(RUNBOOK, links.get(0).get("href").asText());
  }

  @Test
  void escalatedAndUpdatedAlsoTrigger() throws Exception {
    assertEquals("trigger", post(event(Type.ESCALATED)).json().get("event_action").asText());
    assertEquals("trigger", post(event(Type.UPDATED)).json().get("event_action").asText());
  }

  @Test
  void resolveCarriesOnlyRoutingKeyActionAndDedupKey() throws Exception {
    JsonNode o = post(event(Type.RESOLVED)).json();

    assertEquals("resolve", o.get("event_action").asText());
    assertEquals(DEDUP_KEY, o.get("dedup_key").asText());
    assertEquals(KEY, o.get("routing_key").asText());
    assertEquals(Set.of("routing_key", "event_action", "dedup_key"), fieldNames(o));
  }

  @Test
  void warningFairnessEventGroupsByAttributeWithoutLinks() throws Exception {
    JsonNode o = post(fairnessWarning()).json();

    assertEquals("warning", o.get("payload").get("severity").asText());
    assertEquals("sex", o.get("payload").get("group").asText());
    assertEquals("Female", o.get("payload").get("custom_details").get("group").asText());
    assertFalse(o.has("links"));
  }

  @Test
  void summaryIsCutTo1024Characters() {
    String cut = PagerDutyNotifier.truncate("x".repeat(2000), PagerDutyNotifier.MAX_SUMMARY);

    assertEquals(1024, cut.length());
    assertTrue(cut.endsWith("\u2026"));
    assertEquals("short", PagerDutyNotifier.truncate("short", 1024));
  }

  private static Set<String> fieldNames(JsonNode o) {
    Set<String> names = new java.util.HashSet<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
