package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.testPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.notify.NotifyFixtures.Received;
import io.aimon.alerting.notify.NotifyFixtures.Receiver;
import io.aimon.alerting.notify.NotifyFixtures.RecordingSleeper;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

  @Test
  void postsTheCloudEventWithSecretHeaders() throws Exception {
    IncidentEvent e = event(Type.ESCALATED);
    try (Receiver hook = Receiver.answering(204);
        DeliveryService service =
            DeliveryService.builder()
                .policy(testPolicy())
                .sleeper(new RecordingSleeper())
                .build()) {
      var notifier =
          new WebhookNotifier(
              hook.uri("/aimon?team=ml"),
              Map.of(
                  "Authorization", Secret.literal("Bearer abc"),
                  "X-Tenant", Secret.of("env:AIMON_TENANT", Map.of("AIMON_TENANT", "t-11")::get)));
      Delivery d = service.deliver(notifier, e);
      Received r = hook.only();

      assertTrue(d.delivered());
      assertEquals(204, d.lastStatus());
      assertEquals("/aimon", r.path());
      assertEquals("team=ml", r.query());
      assertEquals("application/cloudevents+json", r.headers().getFirst("Content-Type"));
      assertEquals("Bearer abc", r.headers().getFirst("Authorization"));
      assertEquals("t-11", r.headers().getFirst("X-Tenant"));
      assertEquals(CloudEvents.toJson(e), r.body());
      assertEquals(e, CloudEvents.fromJson(r.body()));
      assertEquals(e.eventId(), r.json().get("id").asText());
    }
  }

  @Test
  void rejectsContentTypeAndRestrictedHeaders() {
    URI url = URI.create("http://h/x");
    assertThrows(
        IllegalArgumentException.class,
        () -> new WebhookNotifier(url, Map.of("content-type", Secret.literal("x"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new WebhookNotifier(url, Map.of("Host", Secret.literal("x"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new WebhookNotifier(URI.create("ftp://h/x"), Map.of()));
  }
}
