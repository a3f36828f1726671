package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifyFixtures.deadPort;
import static io.aimon.alerting.notify.NotifyFixtures.event;
import static io.aimon.alerting.notify.NotifyFixtures.testPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.notify.Delivery.Outcome;
import io.aimon.alerting.notify.NotifyFixtures.Receiver;
import io.aimon.alerting.notify.NotifyFixtures.RecordingSleeper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeliveryServiceTest {

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private DeliveryService service(DeliveryPolicy policy) {
    return DeliveryService.builder().policy(policy).sleeper(sleeper).build();
  }

  private static Notifier alertmanager(URI base) {
    return new AlertmanagerNotifier(base);
  }

  @Test
  void deliversOnTheThirdAttemptAfterTwoServerErrors() throws Exception {
    try (Receiver am = Receiver.answering(500, 500, 200);
        DeliveryService service = service(testPolicy())) {
      Delivery d =
          service.send(alertmanager(am.uri("")), event(Type.OPENED)).get(5, TimeUnit.SECONDS);

      assertEquals(Outcome.DELIVERED, d.outcome());
      assertEquals(3, d.attempts());
      assertEquals(200, d.lastStatus());
      assertNull(d.lastError());
      assertEquals("alertmanager", d.notifier());
      assertEquals(event(Type.OPENED).eventId(), d.eventId());
      assertEquals(List.of(500L, 1000L), sleeper.millis());
      assertEquals(3, am.received.size());
    }
  }

  @Test
  void retries408And429AndHonoursRetryAfterUpToTheCap() throws Exception {
    try (Receiver am =
            Receiver.responding(
                (i, ex) -> {
                  if (i == 1) {
                    ex.getResponseHeaders().add("Retry-After", "3");
                    return 429;
                  }
                  if (i == 2) {
                    ex.getResponseHeaders().add("Retry-After", "3600");
                    return 503;
                  }
                  return i == 0 ? 408 : 200;
                });
        DeliveryService service = service(testPolicy())) {
      Delivery d = service.deliver(alertmanager(am.uri("")), event(Type.OPENED));

      assertEquals(Outcome.DELIVERED, d.outcome());
      assertEquals(4, d.attempts());
      assertEquals(List.of(500L, 3000L, 30_000L), sleeper.millis());
    }
  }

  @Test
  void exhaustsAfterMaxAttemptsWhenNothingListens() throws Exception {
    URI dead = URI.create("http://127.0.0.1:" + deadPort());
    try (DeliveryService service = service(testPolicy())) {
      Delivery d = service.send(alertmanager(dead), event(Type.OPENED)).get(5, TimeUnit.SECONDS);

      assertEquals(Outcome.FAILED_EXHAUSTED, d.outcome());
      assertEquals(6, d.attempts());
      assertNull(d.lastStatus());
      assertTrue(d.lastError().startsWith("ConnectException"), d.lastError());
      assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L), sleeper.millis());
    }
  }

  @Test
  void backoffsAreCappedAtMaxBackoff() throws Exception {
    DeliveryPolicy policy =
        DeliveryPolicy.builder()
            .timeout(NotifyFixtures.TEST_TIMEOUT)
            .jitter(0)
            .maxAttempts(7)
            .maxBackoff(Duration.ofSeconds(3))
            .build();
    try (Receiver am = Receiver.answering(502);
        DeliveryService service = service(policy)) {
      Delivery d = service.deliver(alertmanager(am.uri("")), event(Type.OPENED));

      assertEquals(Outcome.FAILED_EXHAUSTED, d.outcome());
      assertEquals(7, d.attempts());
      assertEquals(502, d.lastStatus());
      assertEquals(List.of(500L, 1000L, 2000L, 3000L, 3000L, 3000L), sleeper.millis());
    }
  }

  @Test
  void deliversAfterRetryWhenTheFirstAttemptIsSlowerThanTheTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (Receiver am =
            Receiver.responding(
                (i, ex) -> {
                  if (i == 0) {
                    release.await(5, TimeUnit.SECONDS);
                  }
                  return 200;
                });
        DeliveryService service = service(testPolicy())) {
      Delivery d =
          service.send(alertmanager(am.uri("")), event(Type.OPENED)).get(5, TimeUnit.SECONDS);
      release.countDown();

      assertEquals(Outcome.DELIVERED, d.outcome());
      assertEquals(2, d.attempts());
      assertEquals(List.of(500L), sleeper.millis());
    }
  }

  @Test
  void timeoutsAreReportedWhenTheReceiverStaysSlow() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    DeliveryPolicy policy =
        DeliveryPolicy.builder().timeout(Duration.ofMillis(100)).maxAttempts(2).jitter(0).build();
    try (Receiver am =
            Receiver.responding(
                (i, ex) -> {
                  release.await(5, TimeUnit.SECONDS);
                  return 200;
                });
        DeliveryService service = service(policy)) {
      Delivery d = service.deliver(alertmanager(am.uri("")), event(Type.OPENED));
      release.countDown();

      assertEquals(Outcome.FAILED_EXHAUSTED, d.outcome());
      assertEquals(2, d.attempts());
      assertTrue(d.lastError().startsWith("HttpTimeoutException"), d.lastError());
    }
  }

  @Test
  void badRequestFailsPermanentlyAfterOneAttempt() throws Exception {
    try (Receiver am = Receiver.answering(400);
        DeliveryService service = service(testPolicy())) {
      Delivery d = service.deliver(alertmanager(am.uri("")), event(Type.OPENED));

      assertEquals(Outcome.FAILED_PERMANENT, d.outcome());
      assertEquals(1, d.attempts());
      assertEquals(400, d.lastStatus());
      assertTrue(sleeper.millis().isEmpty());
    }
  }

  @Test
  void unreadableSecretFailsPermanentlyWithoutAnAttempt() throws Exception {
    Notifier hook =
        new WebhookNotifier(
            URI.create("http://127.0.0.1:" + deadPort()),
            Map.of("Authorization", Secret.of("env:AIMON_TEST_UNSET", name -> null)));
    try (DeliveryService service = service(testPolicy())) {
      Delivery d = service.deliver(hook, event(Type.OPENED));

      assertEquals(Outcome.FAILED_PERMANENT, d.outcome());
      assertEquals(0, d.attempts());
      assertTrue(d.lastError().contains("AIMON_TEST_UNSET"), d.lastError());
    }
  }

  @Test
  void sendNeverBlocksTheCallerAndDropsWhenTheQueueIsFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    DeliveryPolicy policy = DeliveryPolicy.builder().timeout(Duration.ofSeconds(5)).build();
    try (Receiver am =
            Receiver.responding(
                (i, ex) -> {
                  release.await(5, TimeUnit.SECONDS);
                  return 200;
                });
        DeliveryService service =
            DeliveryService.builder()
                .policy(policy)
                .sleeper(sleeper)
                .threads(1)
                .queueCapacity(1)
                .build()) {
      Notifier n = alertmanager(am.uri(""));
      long before = System.nanoTime();
      CompletableFuture<Delivery> running = service.send(n, event(Type.OPENED));
      CompletableFuture<Delivery> queued = service.send(n, event(Type.UPDATED));
      CompletableFuture<Delivery> dropped = service.send(n, event(Type.RESOLVED));
      long tookMs = (System.nanoTime() - before) / 1_000_000;

      assertTrue(tookMs < 1000, "send blocked for " + tookMs + " ms");
      assertFalse(running.isDone());
      assertTrue(dropped.isDone());
      assertEquals(Outcome.DROPPED, dropped.get().outcome());
      assertEquals("send queue full", dropped.get().lastError());
      release.countDown();
      assertEquals(Outcome.DELIVERED, running.get(5, TimeUnit.SECONDS).outcome());
      assertEquals(Outcome.DELIVERED, queued.get(5, TimeUnit.SECONDS).outcome());
    }
  }

  @Test
  void closeDropsPendingDeliveriesAndLaterSends() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    DeliveryPolicy policy = DeliveryPolicy.builder().timeout(Duration.ofSeconds(5)).build();
    try (Receiver am =
        Receiver.responding(
            (i, ex) -> {
              release.await(5, TimeUnit.SECONDS);
              return 200;
            })) {
      DeliveryService service =
          DeliveryService.builder()
              .policy(policy)
              .sleeper(sleeper)
              .threads(1)
              .closeGrace(Duration.ZERO)
              .build();
      Notifier n = alertmanager(am.uri(""));
      CompletableFuture<Delivery> running = service.send(n, event(Type.OPENED));
      CompletableFuture<Delivery> queued = service.send(n, event(Type.UPDATED));
      while (am.received.isEmpty()) {
        Thread.onSpinWait();
      }
      service.close();
      release.countDown();

      // the request in flight may still be answered or be cut off by close(); either way it
      // completes after exactly one attempt
      Outcome inFlight = running.get(5, TimeUnit.SECONDS).outcome();
      assertTrue(inFlight == Outcome.DROPPED || inFlight == Outcome.DELIVERED, inFlight.toString());
      assertEquals(1, running.get().attempts());
      assertEquals(Outcome.DROPPED, queued.get(5, TimeUnit.SECONDS).outcome());
      assertEquals(0, queued.get().attempts());
      Delivery late = service.send(n, event(Type.RESOLVED)).get(1, TimeUnit.SECONDS);
      assertEquals(Outcome.DROPPED, late.outcome());
      assertEquals("service closed", late.lastError());
    }
  }

  @Test
  void classifiesStatuses() {
    for (int s : new int[] {408, 429, 500, 502, 503, 504, 599}) {
      assertTrue(DeliveryService.retryable(s), "retryable " + s);
    }
    for (int s : new int[] {100, 301, 400, 401, 403, 404, 410, 422}) {
      assertFalse(DeliveryService.retryable(s), "permanent " + s);
    }
  }
}
