package io.aimon.alerting.notify;

import static io.aimon.alerting.AlertFixtures.checkId;
import static io.aimon.alerting.notify.NotifyFixtures.DEDUP_KEY;
import static io.aimon.alerting.notify.NotifyFixtures.INCIDENT_ID;
import static io.aimon.alerting.notify.NotifyFixtures.RUNBOOK;
import static io.aimon.alerting.notify.NotifyFixtures.SUMMARY;
import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.fairnessWarning;
import static io.aimon.alerting.notify.NotifyFixtures.testPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.notify.NotifyFixtures.Received;
import io.aimon.alerting.notify.NotifyFixtures.Receiver;
import io.aimon.alerting.notify.NotifyFixtures.RecordingSleeper;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerNotifierTest {

  private static Received post(Type type) throws Exception {
    return post(event(type));
  }

  private static Received post(io.aimon.alerting.incident.IncidentEvent e) throws Exception {
    try (Receiver am = Receiver.answering(200);
        DeliveryService service =
            DeliveryService.builder()
                .policy(testPolicy())
                .sleeper(new RecordingSleeper())
                .build()) {
      assertTrue(service.deliver(new AlertmanagerNotifier(am.uri("/")), e).delivered());
      return am.only();
    }
  }

  @Test
  void postsOneAlertWithLabelsAnnotationsAndStartsAt() throws Exception {
    Received r = post(Type.OPENED);

    assertEquals("POST", r.method());
    assertEquals("/api/v2/alerts", r.path());
    assertEquals("application/json", r.headers().getFirst("Content-Type"));
    JsonNode body = r.json();
    assertTrue(body.isArray());
    assertEquals(1, body.size());
    JsonNode alert = body.get(0);
    JsonNode labels = alert.get("labels");
    assertEquals("aimon_psi", labels.get("alertname").asText());
    assertEquals("credit-risk", labels.get("model_id").asText());
    assertEquals("psi", labels.get("metric").asText());
    assertEquals("critical", labels.get("severity").asText());
    assertEquals("income", labels.get("feature").asText());
    assertEquals(DEDUP_KEY, labels.get("dedup_key").asText());
    assertFalse(labels.has("attribute"));
    assertFalse(labels.has("group"));
    assertEquals(6, labels.size());
    JsonNode ann = alert.get("annotations");
    assertEquals(SUMMARY, ann.get("summary").asText());
    assertEquals(RUNBOOK, ann.get("runbook_url").asText());
    assertEquals(INCIDENT_ID, ann.get("incident_id").asText());
    assertEquals(
        SUMMARY
            + " Value 0.81 vs threshold 0.25 (n=1000) in window 2026-11-22T18:26:20Z to"
            + " 2026-11-22T18:26:30Z; open since 2026-11-22T18:26:00Z. Checks: "
            + String.join(", ", List.of(checkId(0), checkId(1), checkId(2)))
            + ".",
        ann.get("description").asText());
    assertEquals("2026-11-22T18:26:00Z", alert.get("startsAt").asText());
    assertFalse(alert.has("endsAt"));
  }

  @Test
  void resolvedCarriesEndsAtTheEndOfTheLastBreachingWindow() throws Exception {
    JsonNode alert = post(Type.RESOLVED).json().get(0);

    assertEquals("2026-11-22T18:26:00Z", alert.get("startsAt").asText());
    assertEquals("2026-11-22T18:26:30Z", alert.get("endsAt").asText());
    assertEquals(DEDUP_KEY, alert.get("labels").get("dedup_key").asText());
  }

  @Test
  void fairnessAlertsLabelAttributeAndGroupAndOmitTheRunbook() throws Exception {
    JsonNode alert = post(fairnessWarning()).json().get(0);
    JsonNode labels = alert.get("labels");

    assertEquals("aimon_tpr_difference", labels.get("alertname").asText());
    assertEquals("warning", labels.get("severity").asText());
    assertEquals("sex", labels.get("attribute").asText());
    assertEquals("Female", labels.get("group").asText());
    assertFalse(labels.has("feature"));
    assertFalse(alert.get("annotations").has("runbook_url"));
  }

  @Test
  void appendsTheApiPathToTheBaseUrl() {
    assertEquals(
        URI.create("http://am:9093/api/v2/alerts"),
        new AlertmanagerNotifier(URI.create("http://am:9093")).alertsUrl());
    assertEquals(
        URI.create("https://h/alertmanager/api/v2/alerts"),
        new AlertmanagerNotifier(URI.create("https://h/alertmanager/")).alertsUrl());
  }

  @Test
  void needsResendAndRejectsBadSettings() {
    assertTrue(new AlertmanagerNotifier(URI.create("http://am:9093")).needsResend());
    assertThrows(
        IllegalArgumentException.class, () -> new AlertmanagerNotifier(URI.create("am:9093")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AlertmanagerNotifier("bad name", URI.create("http://am:9093")));
  }
}
