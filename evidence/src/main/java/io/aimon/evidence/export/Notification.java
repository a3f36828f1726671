package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.evidence.payload.NotificationEvidence;

/**
 * The fields of a {@code notification} record's data, the first delivery of one incident event to
 * one notifier, as the monitor job writes it: {@code {"incident_id", "event_id", "event_type",
 * "model_id", "series", "severity", "notifier", "outcome", "attempts", "last_status"?,
 * "last_error"?, "summary"}}. The incident id, event type, severity and summary stay in {@link
 * ExportRecord}; the fields here are null when the record leaves them out.
 *
 * @param eventId the CloudEvent id of the incident event delivered
 * @param series the incident's CloudEvent subject, e.g. {@code credit-risk/psi/feature=income}
 * @param notifier the configured notifier's name, e.g. {@code oncall-alertmanager}
 * @param outcome {@link #DELIVERED}, {@code failed_permanent}, {@code failed_exhausted} or {@code
 *     dropped}
 * @param attempts the delivery attempts made
 * @param lastStatus the HTTP status of the last attempt
 * @param lastError the error of the last attempt
 */
record Notification(
    String eventId,
    String series,
    String notifier,
    String outcome,
    Long attempts,
    Long lastStatus,
    String lastError) {
  static final String DELIVERED = "delivered";

  /** The view of a notification record's data. */
  static Notification of(NotificationEvidence n) {
    return new Notification(
        n.eventId(),
        n.series(),
        n.notifier(),
        n.outcome(),
        n.attempts(),
        n.lastStatus(),
        n.lastError());
  }

  /** The delivery in layout-1 {@code data}, members read as they come. */
  static Notification ofV1(JsonNode data) {
    return new Notification(
        RecordFields.text(data, "event_id"),
        RecordFields.text(data, "series"),
        RecordFields.text(data, "notifier"),
        RecordFields.text(data, "outcome"),
        RecordFields.integer(data, "attempts"),
        RecordFields.integer(data, "last_status"),
        RecordFields.text(data, "last_error"));
  }

  /** Whether the notifier received the event; any other outcome is a failed delivery. */
  boolean delivered() {
    return DELIVERED.equals(outcome);
  }

  /** The notifier's name, or {@code "(unnamed notifier)"} when the record does not say. */
  String notifierName() {
    return notifier == null ? "(unnamed notifier)" : notifier;
  }

  /** {@code failed_exhausted after 8 attempts}; without "after" when no attempt was made. */
  String outcomeText() {
    String o = outcome == null ? "unknown outcome" : outcome;
    return attempts == null || attempts <= 0 ? o : o + " after " + Fmt.plural(attempts, "attempt");
  }

  /** {@code HTTP 503: connection reset} from the last status and error; "" when neither. */
  String lastAttemptText() {
    String status = lastStatus == null ? "" : "HTTP " + lastStatus;
    if (lastError == null) {
      return status;
    }
    return status.isEmpty() ? lastError : status + ": " + lastError;
  }
}
