package io.aimon.alerting.notify;

import io.aimon.alerting.incident.IncidentEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends through a {@link DeliveryService} so that the events of one incident reach one notifier in
 * the order they were sent: an event waits until the previous event of the same incident to the
 * same notifier has an outcome (delivered or not). Without it a {@code resolved} sent while the
 * {@code opened} is still being retried could arrive first, and the receiver would keep the
 * incident open. Events of different incidents, or to different notifiers, do not wait for each
 * other.
 *
 * <p>Thread-safe. Memory: one entry per (incident, notifier) with a delivery in flight.
 */
public final class OrderedSender {

  private final DeliveryService service;
  private final Map<String, CompletableFuture<Delivery>> tails = new HashMap<>();

  public OrderedSender(DeliveryService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  /** As {@link DeliveryService#send}, after the previous send of the same incident to {@code n}. */
  public synchronized CompletableFuture<Delivery> send(Notifier n, IncidentEvent e) {
    String key = e.incidentId() + '\u0000' + n.name();
    CompletableFuture<Delivery> previous = tails.get(key);
    CompletableFuture<Delivery> next =
        previous == null
            ? service.send(n, e)
            : previous.handle((d, t) -> null).thenCompose(ignored -> service.send(n, e));
    tails.put(key, next);
    next.whenComplete(
        (d, t) -> {
          synchronized (this) {
            tails.remove(key, next);
          }
        });
    return next;
  }

  /** Sends waiting for or in delivery, by (incident, notifier). */
  public synchronized int inFlight() {
    return tails.size();
  }
}
