package io.aimon.jobs.alert;

import io.aimon.alerting.notify.Delivery;
import io.aimon.alerting.notify.DeliveryService;
import io.aimon.alerting.notify.Notifications;
import io.aimon.alerting.notify.Notifier;
import io.aimon.alerting.notify.OrderedSender;
import io.aimon.alerting.notify.Router;
import io.aimon.config.NotifyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Delivers each {@link Dispatch} to the notifiers its routes name (a re-send only to those that
 * need it), asynchronously: the operator's task thread never waits on a receiver, and Flink keeps
 * the dispatches in flight in its checkpoints and sends them again after a restart (at least once;
 * receivers deduplicate by key). Events of one incident reach one notifier in order ({@link
 * OrderedSender}).
 */
final class DeliverIncidents extends RichAsyncFunction<Dispatch, AlertDelivery> {
  private static final long serialVersionUID = 1L;
  private final NotifyConfig notify;
  private transient Map<String, DeliveryService> services;
  private transient Map<String, OrderedSender> senders;
  private transient Router router;

  DeliverIncidents(NotifyConfig notify) {
    this.notify = notify;
  }

  /** Long enough for every attempt and backoff of a delivery, plus a queueing margin. */
  static Duration asyncTimeout(NotifyConfig notify) {
    return notify
        .timeout()
        .plus(notify.maxBackoff())
        .multipliedBy(notify.maxAttempts())
        .plus(Duration.ofMinutes(1));
  }

  /**
   * One delivery service (worker pool and queue) per notifier: a dead or slow receiver holds only
   * its own workers, so it never delays the pages to the others.
   */
  @Override
  public void open(OpenContext context) {
    services = new HashMap<>();
    senders = new HashMap<>();
    for (Notifier n : Notifications.notifiers(notify)) {
      DeliveryService service =
          DeliveryService.builder()
              .policy(Notifications.deliveryPolicy(notify))
              .closeGrace(Duration.ofSeconds(2))
              .build();
      services.put(n.name(), service);
      senders.put(n.name(), new OrderedSender(service));
    }
    router = Notifications.router(notify);
  }

  @Override
  public void close() {
    if (services != null) {
      services.values().forEach(DeliveryService::close);
    }
  }

  @Override
  public void asyncInvoke(Dispatch d, ResultFuture<AlertDelivery> result) {
    List<CompletableFuture<AlertDelivery>> sends = new ArrayList<>();
    for (Notifier n : targets(d)) {
      sends.add(
          senders
              .get(n.name())
              .send(n, d.event())
              .thenApply(x -> new AlertDelivery(d.event(), d.resend(), x)));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                result.completeExceptionally(error);
              } else {
                result.complete(sends.stream().map(CompletableFuture::join).toList());
              }
            });
  }

  @Override
  public void timeout(Dispatch d, ResultFuture<AlertDelivery> result) {
    List<AlertDelivery> dropped = new ArrayList<>();
    for (Notifier n : targets(d)) {
      dropped.add(
          new AlertDelivery(
              d.event(),
              d.resend(),
              new Delivery(
                  n.name(),
                  d.event().eventId(),
                  0,
                  Delivery.Outcome.DROPPED,
                  null,
                  "no outcome within " + asyncTimeout(notify).toSeconds() + " s")));
    }
    result.complete(dropped);
  }

  /** The notifiers a dispatch goes to: its routes' notifiers, only those that need re-sends. */
  private List<Notifier> targets(Dispatch d) {
    List<Notifier> out = new ArrayList<>();
    for (Notifier n : router.route(d.event())) {
      if (!d.resend() || n.needsResend()) {
        out.add(n);
      }
    }
    return out;
  }
}
