package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.JsonNode;

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

  /** The delivery in {@code data}, a {@code notification} record's data. */
  static Notification of(JsonNode data) {
    return new Notification(
        text(data, "event_id"),
        text(data, "series"),
        text(data, "notifier"),
        text(data, "outcome"),
        integer(data, "attempts"),
        integer(data, "last_status"),
        text(data, "last_error"));
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

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  private static Long integer(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n != null && n.canConvertToExactIntegral() ? n.asLong() : null;
  }
}
