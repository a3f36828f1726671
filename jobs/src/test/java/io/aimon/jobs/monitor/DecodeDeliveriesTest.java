package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentIds;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import io.aimon.alerting.notify.Delivery;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.RawRecord;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.payload.NotificationEvidence;
import io.aimon.jobs.alert.AlertDelivery;
import io.aimon.jobs.alert.AlertJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/**
 * The alert job's delivery records read back as notification evidence: first deliveries become
 * items of their model, re-sends and other models' deliveries are not evidence, an unreadable
 * record is a dead letter.
 */
class DecodeDeliveriesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final OutputTag<DeadLetter> DEAD =
      new OutputTag<>("dead", TypeInformation.of(DeadLetter.class));
  private static final long T = 1_767_225_660_000L; // 2026-01-01T00:01:00Z

  private static IncidentEvent opened(String model) {
    SeriesKey series = new SeriesKey(model, "psi", "income", null, null);
    String dedup = IncidentIds.dedupKey(series, T - 60_000);
    return new IncidentEvent(
        IncidentEvent.Type.OPENED,
        IncidentIds.incidentId(dedup),
        dedup,
        model,
        null,
        "psi",
        "income",
        null,
        null,
        Severity.CRITICAL,
        "critical",
        T - 60_000,
        T,
        T - 60_000,
        T,
        0.4,
        null,
        0.25,
        1000,
        1,
        model + ": psi of income is 0.4",
        null,
        List.of("c"),
        null,
        null,
        List.of());
  }

  private static RawRecord record(IncidentEvent e, boolean resend, Delivery d, long offset) {
    return new RawRecord(
        "aimon.alert-deliveries/0", offset, AlertJson.delivery(new AlertDelivery(e, resend, d)), 1);
  }

  @Test
  void firstDeliveriesOfMonitoredModelsAreNotificationEvidence() throws Exception {
    IncidentEvent e = opened("credit-risk");
    OneInputStreamOperatorTestHarness<RawRecord, EvidenceItem> h =
        ProcessFunctionTestHarnesses.forProcessFunction(
            new DecodeDeliveries(Set.of("credit-risk"), DEAD));
    h.processElement(
        record(
            e,
            false,
            new Delivery("oncall", e.eventId(), 1, Delivery.Outcome.DELIVERED, 200, null),
            1),
        0);
    h.processElement(
        record(
            e,
            false,
            new Delivery(
                "hook",
                e.eventId(),
                8,
                Delivery.Outcome.FAILED_EXHAUSTED,
                null,
                "Connection refused"),
            2),
        0);
    h.processElement(
        record(
            e,
            true,
            new Delivery("oncall", e.eventId(), 1, Delivery.Outcome.DELIVERED, 200, null),
            3),
        0);
    IncidentEvent other = opened("fraud");
    h.processElement(
        record(
            other,
            false,
            new Delivery("oncall", other.eventId(), 1, Delivery.Outcome.DELIVERED, 200, null),
            4),
        0);
    h.processElement(new RawRecord("aimon.alert-deliveries/0", 5, "{\"notifier\": 3}", 16), 0);

    List<EvidenceItem> items = h.extractOutputValues();
    assertEquals(2, items.size(), "the re-send and the other model's delivery are not evidence");
    EvidenceItem first = items.get(0);
    assertEquals("credit-risk", first.modelId());
    assertEquals(EvidenceKind.NOTIFICATION, first.kind());
    assertEquals(T, first.time());
    assertEquals(e.eventId() + "/oncall", first.order());
    NotificationEvidence d = (NotificationEvidence) first.payload();
    assertEquals(e.incidentId(), d.incidentId());
    assertEquals("io.aimon.incident.opened", d.eventType());
    assertEquals("credit-risk/psi/feature=income", d.series());
    assertEquals("delivered", d.outcome());
    assertEquals(200L, d.lastStatus());
    assertEquals("opened delivered to oncall after 1 attempt", d.summary());
    NotificationEvidence failed = (NotificationEvidence) items.get(1).payload();
    assertEquals("failed_exhausted", failed.outcome());
    assertEquals("Connection refused", failed.lastError());
    assertEquals("opened failed exhausted for hook after 8 attempts", failed.summary());

    List<DeadLetter> dead = new ArrayList<>();
    h.getSideOutput(DEAD).forEach(r -> dead.add(r.getValue()));
    assertEquals(1, dead.size());
    assertEquals("malformed_delivery", dead.get(0).reason());
    assertEquals(5, dead.get(0).position());
  }
}
