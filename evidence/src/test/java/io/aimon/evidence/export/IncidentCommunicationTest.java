package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.CREDIT;
import static io.aimon.evidence.export.ExportFixtures.windowEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.LayoutV1;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line communication of an incident from its notification records. */
class IncidentCommunicationTest {
  private static final ObjectNode OPENED =
      ExportFixtures.incident(
          CREDIT, 1, "opened", "inc-1", "psi", "income", "critical", 0.4, 0.25, "critical", "s");

  private final List<ExportRecord> records = new ArrayList<>();
  private HashChain.State state = HashChain.State.INITIAL;

  private void deliver(String notifier, String outcome, int attempts) {
    EvidenceRecord r =
        LayoutV1.append(
            state,
            CREDIT,
            EvidenceKind.NOTIFICATION,
            windowEnd(1),
            null,
            null,
            NotificationFixtures.notification(
                OPENED, "credit-risk/psi/feature=income", notifier, outcome, attempts, null, null));
    state = HashChain.after(r);
    records.add(ExportRecord.of(r, r.toJson(), records.size()));
  }

  private IncidentCommunication communication() {
    return IncidentCommunication.of(records);
  }

  @Test
  void withoutRecordsItIsNotNotified() {
    IncidentCommunication c = communication();
    assertFalse(c.recorded());
    assertFalse(c.notified());
    assertEquals("not notified (no notification record in the period)", c.text());
  }

  @Test
  void allDeliveredNamesEachNotifierOnce() {
    deliver("oncall-alertmanager", "delivered", 1);
    deliver("slack", "delivered", 3);
    deliver("oncall-alertmanager", "delivered", 1);
    IncidentCommunication c = communication();
    assertTrue(c.notified());
    assertEquals(3, c.delivered());
    assertEquals("notified: oncall-alertmanager, slack (all delivered)", c.text());
  }

  @Test
  void everyDeliveryFailedIsNotNotifiedAndSaysHow() {
    deliver("webhook", "failed_exhausted", 8);
    deliver("pagerduty", "failed_permanent", 1);
    deliver("slack", "dropped", 0);
    IncidentCommunication c = communication();
    assertTrue(c.recorded());
    assertFalse(c.notified());
    assertEquals(0, c.delivered());
    assertEquals(
        "not notified: 3 deliveries failed (webhook: failed_exhausted after 8 attempts, pagerduty:"
            + " failed_permanent after 1 attempt, slack: dropped)",
        c.text());
  }

  @Test
  void manyFailuresAreCounted() {
    deliver("oncall-alertmanager", "delivered", 1);
    for (int i = 0; i < IncidentCommunication.MAX_NAMED + 2; i++) {
      deliver("webhook-" + i, "failed_exhausted", 8);
    }
    String text = communication().text();
    assertTrue(
        text.startsWith("notified: oncall-alertmanager; 7 deliveries failed (webhook-0:"), text);
    assertTrue(text.endsWith("webhook-4: failed_exhausted after 8 attempts, and 2 more)"), text);
  }

  @Test
  void pluralOfNounsEndingInY() {
    assertEquals("1 delivery", Fmt.plural(1, "delivery"));
    assertEquals("2 deliveries", Fmt.plural(2, "delivery"));
    assertEquals("2 keys", Fmt.plural(2, "key"));
  }
}
