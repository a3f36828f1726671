package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifyFixtures.deadPort;
import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.testPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.notify.Delivery.Outcome;
import io.aimon.alerting.notify.NotifyFixtures.Receiver;
import io.aimon.alerting.notify.NotifyFixtures.RecordingSleeper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets appear in no {@link Delivery}, exception message or {@code toString()}. */
class SecretsNeverLeakTest {

  private static final String TOKEN = "T000SECRETTOKEN42";

  private static DeliveryService service() {
    return DeliveryService.builder().policy(testPolicy()).sleeper(new RecordingSleeper()).build();
  }

  private static void assertHidden(String where, String text) {
    assertFalse(text.contains(TOKEN), where + " leaks the secret: " + text);
  }

  @Test
  void slackWebhookUrlIsHiddenWhenUnreachable() {
    Secret url =
        Secret.literal(
            "http://127.0.0.1:" + deadPort() + "/services/T0/B0/" + TOKEN + "?t=" + TOKEN);
    SlackNotifier slack = new SlackNotifier(url);
    try (DeliveryService service = service()) {
      Delivery d = service.deliver(slack, event(Type.OPENED));

      assertEquals(Outcome.FAILED_EXHAUSTED, d.outcome());
      assertHidden("delivery", d.toString());
      assertHidden("notifier", slack.toString());
      assertHidden("secret", url.toString());
    }
  }

  @Test
  void pagerDutyRoutingKeyIsHiddenEvenWhenTheReceiverEchoesIt() throws Exception {
    try (Receiver pd =
            Receiver.responding(
                (i, ex) -> {
                  byte[] echo =
                      ("{\"error\":\"bad key " + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8);
                  ex.sendResponseHeaders(400, echo.length);
                  ex.getResponseBody().write(echo);
                  return -1;
                });
        DeliveryService service = service()) {
      PagerDutyNotifier notifier =
          new PagerDutyNotifier(pd.uri("/v2/enqueue"), Secret.literal(TOKEN));
      Delivery d = service.deliver(notifier, event(Type.OPENED));

      assertEquals(Outcome.FAILED_PERMANENT, d.outcome());
      assertHidden("delivery", d.toString());
      assertHidden("notifier", notifier.toString());
    }
  }

  @Test
  void webhookHeaderValuesAreHidden() {
    WebhookNotifier hook =
        new WebhookNotifier(
            URI.create("http://127.0.0.1:" + deadPort() + "/hook"),
            Map.of("Authorization", Secret.literal("Bearer " + TOKEN)));
    try (DeliveryService service = service()) {
      Delivery d = service.deliver(hook, event(Type.OPENED));

      assertHidden("delivery", d.toString());
      assertHidden("notifier", hook.toString());
    }
  }

  @Test
  void redactionReplacesUrlPathQueryAndHeaderValues() {
    var request =
        java.net.http.HttpRequest.newBuilder(URI.create("http://h/p/" + TOKEN + "?k=" + TOKEN))
            .header("X-Key", "key-" + TOKEN)
            .build();
    String message =
        "failed http://h/p/" + TOKEN + "?k=" + TOKEN + " path /p/" + TOKEN + " header key-" + TOKEN;
    String described =
        DeliveryService.describe(
            new java.io.IOException(message), DeliveryService.sensitiveParts(request));

    assertHidden("description", described);
    assertEquals("IOException: failed *** path *** header ***", described);
  }

  @Test
  void secretErrorsNameTheReferenceNotTheValue() {
    Secret unset = Secret.of("env:AIMON_TEST_MISSING", name -> null);
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, unset::value);
    assertEquals(
        "Secret[env:AIMON_TEST_MISSING]: expected environment variable AIMON_TEST_MISSING to be"
            + " set, found it unset",
        e.getMessage());
    IllegalArgumentException bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Secret.of(TOKEN));
    assertHidden("parse error", bad.getMessage());
  }
}
