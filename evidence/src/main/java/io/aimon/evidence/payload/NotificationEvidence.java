package io.aimon.evidence.payload;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.evidence.EvidenceKind;
import java.util.Objects;

/**
 * The first delivery of an incident event to a notifier (ISO/IEC 42001 A.8.4): the incident was
 * communicated, or the delivery failed, which is evidence too.
 *
 * @param incidentId the incident, non-null
 * @param eventId the CloudEvent id of the incident event delivered, non-null
 * @param eventType its CloudEvent type, e.g. {@code io.aimon.incident.opened}, non-null
 * @param modelId the incident's model, non-null
 * @param series the incident's CloudEvent subject, e.g. {@code credit-risk/psi/feature=income}
 * @param severity the incident's severity code, non-null
 * @param notifier the configured notifier's name, non-null
 * @param outcome {@link #DELIVERED}, {@code failed_permanent}, {@code failed_exhausted} or {@code
 *     dropped}, non-null
 * @param attempts delivery attempts made, >= 0
 * @param lastStatus the HTTP status of the last attempt, or null
 * @param lastError the error of the last attempt, or null
 * @param summary one line a person can read, non-null
 */
public record NotificationEvidence(
    String incidentId,
    String eventId,
    String eventType,
    String modelId,
    String series,
    String severity,
    String notifier,
    String outcome,
    long attempts,
    Long lastStatus,
    String lastError,
    String summary)
    implements EvidencePayload {
  /** The outcome of a delivery the notifier accepted. */
  public static final String DELIVERED = "delivered";

  public NotificationEvidence {
    Objects.requireNonNull(incidentId, "incident_id");
    Objects.requireNonNull(eventId, "event_id");
    Objects.requireNonNull(eventType, "event_type");
    Objects.requireNonNull(modelId, "model_id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(notifier, "notifier");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(summary, "summary");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts: expected >= 0, found " + attempts);
    }
  }

  /**
   * The first delivery of {@code e} to {@code notifier}, with its summary, e.g. {@code opened
   * delivered to oncall after 1 attempt}.
   */
  public static NotificationEvidence of(
      IncidentEvent e,
      String notifier,
      String outcome,
      int attempts,
      Integer lastStatus,
      String lastError) {
    String type = e.type().cloudEventsType().replace("io.aimon.incident.", "");
    String summary =
        type
            + " "
            + outcome.replace('_', ' ')
            + (outcome.equals(DELIVERED) ? " to " : " for ")
            + notifier
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts");
    return new NotificationEvidence(
        e.incidentId(),
        e.eventId(),
        e.type().cloudEventsType(),
        e.modelId(),
        e.subject(),
        e.severity().code(),
        notifier,
        outcome,
        attempts,
        lastStatus == null ? null : (long) lastStatus,
        lastError,
        summary);
  }

  /** Whether the notifier received the event; any other outcome is a failed delivery. */
  public boolean delivered() {
    return DELIVERED.equals(outcome);
  }

  @Override
  public EvidenceKind kind() {
    return EvidenceKind.NOTIFICATION;
  }
}
