package io.aimon.alerting.notify;

import io.aimon.alerting.incident.IncidentEvent;
import java.net.http.HttpRequest;

/**
 * A receiver of incident events that takes one HTTP request per event. A notifier only builds the
 * request; {@link DeliveryService} sends it, with timeouts and retries.
 *
 * <p>Implementations are immutable and thread-safe. Their {@code toString()} never reveals a
 * secret.
 */
public interface Notifier {

  /**
   * The name routes refer to ({@link Route#notifiers()}), e.g. {@code pagerduty-oncall}: letters,
   * digits, {@code _ . -}. It appears in {@link Delivery}, so it holds no secret.
   */
  String name();

  /**
   * The request that delivers {@code e}, without a timeout (the service sets it). Secrets are read
   * here, on every call.
   *
   * @throws IllegalStateException when a secret cannot be read (the message names the secret, not
   *     the value)
   */
  HttpRequest request(IncidentEvent e);

  /**
   * Whether the receiver forgets an open alert unless it is sent again: then the caller re-sends
   * the latest event of every open incident at its resend interval. False unless overridden.
   */
  default boolean needsResend() {
    return false;
  }
}
