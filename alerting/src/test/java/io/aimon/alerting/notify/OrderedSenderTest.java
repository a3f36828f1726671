package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.testPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.notify.Delivery.Outcome;
import io.aimon.alerting.notify.NotifyFixtures.Receiver;
import io.aimon.alerting.notify.NotifyFixtures.RecordingSleeper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderedSenderTest {

  private static DeliveryService service() {
    return DeliveryService.builder()
        .policy(testPolicy())
        .sleeper(new RecordingSleeper())
        .threads(4)
        .build();
  }

  @Test
  void aResolveWaitsForTheOpenOfTheSameIncidentThatIsStillBeingRetried() throws Exception {
    // the open is answered slowly with 500 twice, then 200; the resolve is sent meanwhile
    try (Receiver am =
            Receiver.responding(
                (i, ex) -> {
                  if (i < 2) {
                    Thread.sleep(50);
                    return 500;
                  }
                  return 200;
                });
        DeliveryService service = service()) {
      OrderedSender sender = new OrderedSender(service);
      Notifier n = new AlertmanagerNotifier(am.uri(""));
      CompletableFuture<Delivery> open = sender.send(n, event(Type.OPENED));
      CompletableFuture<Delivery> resolve = sender.send(n, event(Type.RESOLVED));

      assertEquals(Outcome.DELIVERED, open.get(5, TimeUnit.SECONDS).outcome());
      assertEquals(3, open.get().attempts());
      assertEquals(Outcome.DELIVERED, resolve.get(5, TimeUnit.SECONDS).outcome());
      List<Boolean> endsAt = am.received.stream().map(r -> r.json().get(0).has("endsAt")).toList();
      assertEquals(List.of(false, false, false, true), endsAt, "the resolve arrives last");
      assertEquals(0, sender.inFlight());
    }
  }

  @Test
  void aFailedDeliveryDoesNotBlockTheNextEventOfTheIncident() throws Exception {
    try (Receiver am = Receiver.answering(400, 200);
        DeliveryService service = service()) {
      OrderedSender sender = new OrderedSender(service);
      Notifier n = new AlertmanagerNotifier(am.uri(""));
      Delivery first = sender.send(n, event(Type.OPENED)).get(5, TimeUnit.SECONDS);
      Delivery second = sender.send(n, event(Type.UPDATED)).get(5, TimeUnit.SECONDS);

      assertEquals(Outcome.FAILED_PERMANENT, first.outcome());
      assertEquals(Outcome.DELIVERED, second.outcome());
    }
  }

  @Test
  void anotherNotifierDoesNotWaitForASlowOne() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (Receiver slow =
            Receiver.responding(
                (i, ex) -> {
                  release.await(5, TimeUnit.SECONDS);
                  return 200;
                });
        Receiver fast = Receiver.answering(202);
        DeliveryService service = service()) {
      OrderedSender sender = new OrderedSender(service);
      CompletableFuture<Delivery> toSlow =
          sender.send(new WebhookNotifier("slow", slow.uri("/hook"), Map.of()), event(Type.OPENED));
      Delivery toFast =
          sender
              .send(new WebhookNotifier("fast", fast.uri("/hook"), Map.of()), event(Type.OPENED))
              .get(5, TimeUnit.SECONDS);

      assertEquals(Outcome.DELIVERED, toFast.outcome());
      assertFalse(toSlow.isDone(), "the slow receiver is still answering");
      release.countDown();
      assertTrue(toSlow.get(5, TimeUnit.SECONDS).delivered());
    }
  }
}
