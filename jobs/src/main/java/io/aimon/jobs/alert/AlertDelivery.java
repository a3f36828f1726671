package io.aimon.jobs.alert;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.notify.Delivery;

/**
 * The outcome of delivering one incident event to one notifier, with the event it carried.
 *
 * @param event the event
 * @param resend whether it was a periodic re-send
 * @param delivery the outcome, with every retry done
 */
public record AlertDelivery(IncidentEvent event, boolean resend, Delivery delivery) {

  /** The dead-letter reason code of a delivery that failed; null when it was delivered. */
  public String reason() {
    return switch (delivery.outcome()) {
      case DELIVERED -> null;
      case FAILED_PERMANENT -> "delivery_rejected";
      case FAILED_EXHAUSTED -> "delivery_exhausted";
      case DROPPED -> "delivery_dropped";
    };
  }
}
