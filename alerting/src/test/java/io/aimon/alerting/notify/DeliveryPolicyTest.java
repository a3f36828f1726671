package io.aimon.alerting.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

  @Test
  void defaultsAreDocumented() {
    DeliveryPolicy p = DeliveryPolicy.defaults();

    assertEquals(Duration.ofSeconds(5), p.timeout());
    assertEquals(6, p.maxAttempts());
    assertEquals(Duration.ofMillis(500), p.initialBackoff());
    assertEquals(Duration.ofSeconds(30), p.maxBackoff());
    assertEquals(2.0, p.multiplier());
    assertEquals(0.2, p.jitter());
  }

  @Test
  void backoffWithoutJitterDoublesUpToTheCap() {
    DeliveryPolicy p = DeliveryPolicy.builder().jitter(0).build();
    List<Long> waits = new ArrayList<>();
    for (int attempt = 1; attempt <= 9; attempt++) {
      waits.add(p.backoff(attempt).toMillis());
    }
    assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L), waits);
    assertEquals(Duration.ofSeconds(30), p.backoff(1000));
  }

  @Test
  void jitterStaysWithinItsBoundsAndIsReproducibleWithASeed() {
    DeliveryPolicy a = DeliveryPolicy.builder().random(new SplittableRandom(42)).build();
    DeliveryPolicy b = DeliveryPolicy.builder().random(new SplittableRandom(42)).build();
    boolean varied = false;
    for (int attempt = 1; attempt <= 8; attempt++) {
      long base = a.baseBackoff(attempt).toMillis();
      long wa = a.backoff(attempt).toMillis();
      assertEquals(wa, b.backoff(attempt).toMillis());
      assertTrue(
          wa >= (long) (base * 0.8) && wa <= Math.min(30_000, base * 1.2), attempt + ": " + wa);
      varied |= wa != base;
    }
    assertTrue(varied);
  }

  @Test
  void rejectsSettingsOutOfRangeNamingThem() {
    assertMessage("maxAttempts", () -> DeliveryPolicy.builder().maxAttempts(0).build());
    assertMessage("timeout", () -> DeliveryPolicy.builder().timeout(Duration.ZERO).build());
    assertMessage("jitter", () -> DeliveryPolicy.builder().jitter(1.5).build());
    assertMessage("jitter", () -> DeliveryPolicy.builder().jitter(Double.NaN).build());
    assertMessage("multiplier", () -> DeliveryPolicy.builder().multiplier(0.5).build());
    assertMessage(
        "initialBackoff",
        () -> DeliveryPolicy.builder().initialBackoff(Duration.ofMinutes(1)).build());
    assertMessage(
        "maxBackoff", () -> DeliveryPolicy.builder().maxBackoff(Duration.ofDays(1)).build());
  }

  private static void assertMessage(String key, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().startsWith(key + ": expected "), e.getMessage());
  }
}
