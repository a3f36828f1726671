package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.testPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.notify.Delivery.Outcome;
import io.aimon.alerting.notify.NotifyFixtures.Received;
import io.aimon.alerting.notify.NotifyFixtures.Receiver;
import io.aimon.alerting.notify.NotifyFixtures.RecordingSleeper;
import io.aimon.config.NotifierConfig;
import io.aimon.config.NotifyConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifier URLs given as secret references ({@link Endpoint}): read on every request, delivered to
 * a real HTTP server, never shown.
 */
class EndpointTest {

  /** The token a webhook URL carries in its path and query. */
  private static final String TOKEN = "T0K3N-8c1e7f";

  @TempDir Path dir;

  private static DeliveryService service() {
    return DeliveryService.builder().policy(testPolicy()).sleeper(new RecordingSleeper()).build();
  }

  private static NotifyConfig config(NotifierConfig... notifiers) {
    return new NotifyConfig(
        Duration.ofMinutes(1),
        Duration.ofSeconds(2),
        3,
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        List.of(notifiers),
        List.of());
  }

  private static void assertHidden(String where, String text) {
    assertFalse(text.contains(TOKEN), where + " shows the secret URL: " + text);
  }

  @Test
  void aWebhookWhoseUrlComesFromAnEnvironmentVariableIsDelivered() throws Exception {
    IncidentEvent e = event(Type.OPENED);
    try (Receiver hook = Receiver.answering(202);
        DeliveryService service = service()) {
      Map<String, String> env =
          Map.of("AIMON_HOOK_URL", hook.uri("/hooks/" + TOKEN + "?key=" + TOKEN).toString());
      Notifier n =
          Notifications.notifiers(
                  config(NotifierConfig.webhook("audit", "env:AIMON_HOOK_URL", Map.of())), env::get)
              .get(0);
      Delivery d = service.deliver(n, e);
      Received r = hook.only();

      assertEquals(Outcome.DELIVERED, d.outcome());
      assertEquals(202, d.lastStatus());
      assertEquals("POST", r.method());
      assertEquals("/hooks/" + TOKEN, r.path());
      assertEquals("key=" + TOKEN, r.query());
      assertEquals(WebhookNotifier.CONTENT_TYPE, r.headers().getFirst("Content-Type"));
      assertEquals(e, CloudEvents.fromJson(r.body()));
      assertEquals("WebhookNotifier[audit, headers=[]]", n.toString());
      assertHidden("delivery", d.toString());
    }
  }

  @Test
  void aUrlFromAFileIsReadOnEveryRequestSoARotatedFileIsPickedUp() throws Exception {
    try (Receiver first = Receiver.answering(200);
        Receiver second = Receiver.answering(200);
        DeliveryService service = service()) {
      Path file = dir.resolve("webhook-url");
      Files.writeString(file, first.uri("/a/" + TOKEN) + "\n");
      Notifier n =
          Notifications.notifiers(config(NotifierConfig.webhook("audit", "file:" + file, Map.of())))
              .get(0);

      assertTrue(service.deliver(n, event(Type.OPENED)).delivered());
      Files.writeString(file, second.uri("/b/" + TOKEN).toString());
      assertTrue(service.deliver(n, event(Type.RESOLVED)).delivered());

      assertEquals("/a/" + TOKEN, first.only().path(), "whitespace around the URL is stripped");
      assertEquals("/b/" + TOKEN, second.only().path());
    }
  }

  @Test
  void alertmanagerAndPagerDutyUrlsMayBeSecretsToo() throws Exception {
    try (Receiver am = Receiver.answering(200);
        Receiver pd = Receiver.answering(202);
        DeliveryService service = service()) {
      Map<String, String> env = new HashMap<>();
      env.put("AIMON_AM_URL", am.uri("/proxy/" + TOKEN + "/").toString());
      env.put("AIMON_PD_URL", pd.uri("/v2/enqueue").toString());
      env.put("AIMON_PD_KEY", "routing-key");
      List<Notifier> ns =
          Notifications.notifiers(
              config(
                  NotifierConfig.alertmanager("am", "env:AIMON_AM_URL"),
                  NotifierConfig.pagerDuty("pd", "env:AIMON_PD_URL", "env:AIMON_PD_KEY")),
              env::get);

      assertTrue(service.deliver(ns.get(0), event(Type.OPENED)).delivered());
      assertTrue(service.deliver(ns.get(1), event(Type.OPENED)).delivered());
      assertEquals("/proxy/" + TOKEN + "/api/v2/alerts", am.only().path());
      assertEquals("/v2/enqueue", pd.only().path());
      assertEquals("routing-key", pd.only().json().get("routing_key").asText());
      assertEquals("AlertmanagerNotifier[am]", ns.get(0).toString());
    }
  }

  @Test
  void aSecretThatIsNoHttpUrlFailsTheDeliveryNamingTheReferenceNotTheValue() {
    Map<String, String> env = Map.of("AIMON_HOOK_URL", "ftp://hooks.example.com/" + TOKEN);
    Notifier n =
        Notifications.notifiers(
                config(NotifierConfig.webhook("audit", "env:AIMON_HOOK_URL", Map.of())), env::get)
            .get(0);
    try (DeliveryService service = service()) {
      Delivery d = service.deliver(n, event(Type.OPENED));

      assertEquals(Outcome.FAILED_PERMANENT, d.outcome());
      assertEquals(0, d.attempts(), "nothing is sent");
      assertEquals(
          "IllegalStateException: Secret[env:AIMON_HOOK_URL]: expected an absolute http(s) URL for"
              + " the webhook URL, found something else (not shown: it may be a secret)",
          d.lastError());
      assertHidden("delivery", d.toString());
    }
    Endpoint notAUrl =
        Endpoint.of("webhook URL", Secret.of("env:X", Map.of("X", "not a url " + TOKEN)::get));
    IllegalStateException e = assertThrows(IllegalStateException.class, notAUrl::uri);
    assertHidden("exception", e.getMessage());
  }

  @Test
  void anUnsetVariableNamesIt() {
    Endpoint unset = Endpoint.of("webhook URL", Secret.of("env:AIMON_UNSET", name -> null));
    IllegalStateException e = assertThrows(IllegalStateException.class, unset::uri);
    assertEquals(
        "Secret[env:AIMON_UNSET]: expected environment variable AIMON_UNSET to be set, found it"
            + " unset",
        e.getMessage());
  }

  @Test
  void aPlainUrlIsCheckedAtOnceAndShownASecretOneOnlyByItsReference() {
    Endpoint plain = Endpoint.of("webhook URL", URI.create("https://ops.example.com/aimon"));
    assertFalse(plain.isSecret());
    assertEquals(URI.create("https://ops.example.com/aimon"), plain.uri());
    assertEquals("https://ops.example.com/aimon", plain.toString());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> Endpoint.of("webhook URL", URI.create("ftp://h/x")));
    assertEquals(
        "webhook URL: expected an absolute http(s) URL, found 'ftp://h/x'", bad.getMessage());

    Endpoint secret =
        Endpoint.of(
            "webhook URL",
            Secret.of("env:AIMON_HOOK_URL", Map.of("AIMON_HOOK_URL", "https://h/" + TOKEN)::get));
    assertTrue(secret.isSecret());
    assertEquals("Secret[env:AIMON_HOOK_URL]", secret.toString());
    assertEquals(URI.create("https://h/" + TOKEN), secret.uri());
  }
}
