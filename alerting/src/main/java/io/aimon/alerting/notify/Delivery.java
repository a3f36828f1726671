package io.aimon.alerting.notify;

import java.util.Objects;

/**
 * The result of delivering one incident event to one notifier, with every retry done.
 *
 * <p>It never holds a secret: {@link #lastError()} is the exception class and its message with the
 * request's URL, path, query and header values replaced by {@code ***}, and response bodies (which
 * may echo a routing key) are not kept.
 *
 * @param notifier the notifier's {@link Notifier#name()}
 * @param eventId the event's {@link io.aimon.alerting.incident.IncidentEvent#eventId()}
 * @param attempts HTTP requests sent, &gt;= 0 (0 when the request could not be built, e.g. an unset
 *     secret, or the event was dropped before the first attempt); &gt;= 1 when delivered
 * @param outcome how it ended
 * @param lastStatus the HTTP status of the last attempt, or null when it got no response
 * @param lastError the failure of the last attempt ({@code ExceptionClass: message}, redacted), or
 *     null when it got a response
 */
public record Delivery(
    String notifier,
    String eventId,
    int attempts,
    Outcome outcome,
    Integer lastStatus,
    String lastError) {

  /** How a delivery ended. */
  public enum Outcome {
    /** The receiver answered 2xx. */
    DELIVERED,
    /**
     * The receiver answered a status that a retry cannot fix (4xx other than 408 and 429, 1xx,
     * 3xx), or the request could not be built (e.g. a secret could not be read).
     */
    FAILED_PERMANENT,
    /** Every one of {@link DeliveryPolicy#maxAttempts()} attempts failed with a retryable error. */
    FAILED_EXHAUSTED,
    /**
     * Not finished: the send queue was full, or the service was closed before or during delivery.
     */
    DROPPED
  }

  public Delivery {
    Objects.requireNonNull(notifier, "notifier");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(outcome, "outcome");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
    if (outcome == Outcome.DELIVERED && attempts < 1) {
      throw new IllegalArgumentException("a delivered event needs attempts >= 1, was " + attempts);
    }
  }

  /** Whether the receiver accepted the event. */
  public boolean delivered() {
    return outcome == Outcome.DELIVERED;
  }
}
