package io.aimon.jobs.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.notify.Delivery;
import io.aimon.config.Text;
import io.aimon.detectors.event.RawRecord;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The JSON records the alert job writes: one per delivery (topic {@code
 * kafka.topics.alert_deliveries}) and one per failure (topic {@code
 * kafka.topics.alert_dead_letter}). A delivery record holds the whole CloudEvent, so a failed
 * delivery can be replayed from its dead letter; it never holds a secret ({@link Delivery} is
 * redacted).
 */
public final class AlertJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reason code of an incident record the job could not read. */
  public static final String MALFORMED_INCIDENT = "malformed_incident";

  private AlertJson() {}

  /**
   * {@code {"notifier", "outcome", "attempts", "last_status"?, "last_error"?, "resend", "event_id",
   * "event_type", "incident_id", "dedup_key", "model_id", "metric", "severity", "event"}}, with a
   * leading {@code "reason"} for a failed delivery.
   */
  public static String delivery(AlertDelivery a) {
    Delivery d = a.delivery();
    IncidentEvent e = a.event();
    ObjectNode o = MAPPER.createObjectNode();
    if (a.reason() != null) {
      o.put("reason", a.reason());
    }
    o.put("notifier", d.notifier());
    o.put("outcome", d.outcome().name().toLowerCase(Locale.ROOT));
    o.put("attempts", d.attempts());
    if (d.lastStatus() != null) {
      o.put("last_status", d.lastStatus());
    }
    if (d.lastError() != null) {
      o.put("last_error", d.lastError());
    }
    o.put("resend", a.resend());
    o.put("event_id", e.eventId());
    o.put("event_type", e.type().cloudEventsType());
    o.put("incident_id", e.incidentId());
    o.put("dedup_key", e.dedupKey());
    o.put("model_id", e.modelId());
    o.put("metric", e.metric());
    o.put("severity", e.severity().code());
    try {
      o.set("event", MAPPER.readTree(CloudEvents.toJson(e)));
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** {@code {"reason": "malformed_incident", "detail", "source", "position", "payload"}}. */
  public static String malformed(RawRecord raw, String detail) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("reason", MALFORMED_INCIDENT);
    o.put("detail", detail);
    o.put("source", raw.source());
    o.put("position", raw.position());
    String payload = raw.payload();
    o.put("payload", Text.prefix(payload, 4096));
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
