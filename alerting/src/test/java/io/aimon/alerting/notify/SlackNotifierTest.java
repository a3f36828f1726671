package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifyFixtures.RUNBOOK;
import static io.aimon.alerting.notify.NotifyFixtures.SUMMARY;
import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.fairnessWarning;
import static io.aimon.alerting.notify.NotifyFixtures.testPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.notify.NotifyFixtures.Received;
import io.aimon.alerting.notify.NotifyFixtures.Receiver;
import io.aimon.alerting.notify.NotifyFixtures.RecordingSleeper;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {

  private static Received post(IncidentEvent e) throws Exception {
    try (Receiver slack = Receiver.answering(200);
        DeliveryService service =
            DeliveryService.builder()
                .policy(testPolicy())
                .sleeper(new RecordingSleeper())
                .build()) {
      var notifier = new SlackNotifier(Secret.literal(slack.uri("/services/T0/B0/xyz").toString()));
      assertTrue(service.deliver(notifier, e).delivered());
      return slack.only();
    }
  }

  @Test
  void postsOneReadableLineWithEmojiAndRunbook() throws Exception {
    Received r = post(event(Type.OPENED));

    assertEquals("/services/T0/B0/xyz", r.path());
    assertEquals("application/json", r.headers().getFirst("Content-Type"));
    JsonNode o = r.json();
    assertEquals(1, o.size());
    assertEquals(
        ":rotating_light: *CRITICAL* credit-risk psi feature income: "
            + SlackNotifier.escape(SUMMARY)
            + " (value 0.81 vs threshold 0.25) <"
            + RUNBOOK
            + "|runbook>",
        o.get("text").asText());
  }

  @Test
  void linesNameTheStateOfEachEventType() {
    assertTrue(
        SlackNotifier.text(event(Type.ESCALATED))
            .startsWith(":rotating_light: *CRITICAL* escalated "));
    assertTrue(
        SlackNotifier.text(event(Type.UPDATED))
            .startsWith(":rotating_light: *CRITICAL* still open "));
    assertTrue(
        SlackNotifier.text(fairnessWarning())
            .startsWith(
                ":warning: *WARNING* loan-approval tpr_difference attribute sex group Female: "));
    String resolved = SlackNotifier.text(event(Type.RESOLVED));
    assertTrue(resolved.startsWith(":white_check_mark: *RESOLVED* credit-risk psi"), resolved);
    assertTrue(!resolved.contains("value 0.81"), resolved);
  }

  @Test
  void escapesSlackControlCharacters() {
    assertEquals("a &lt;b&gt; &amp; c", SlackNotifier.escape("a <b> & c"));
  }

  @Test
  void aWebhookThatIsNoUrlFailsWithoutShowingIt() {
    var notifier = new SlackNotifier(Secret.literal("not a url at all"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> notifier.request(event(Type.OPENED)));
    assertTrue(!e.getMessage().contains("not a url"), e.getMessage());
  }
}
