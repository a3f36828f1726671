package io.aimon.alerting.notify;

import java.time.Duration;

/**
 * Waits between delivery attempts. {@link DeliveryService} takes one so that tests record the
 * backoffs instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration} (&gt;= 0).
   *
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /** The sleeper that blocks the current thread ({@link Thread#sleep(long)}). */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis());
  }
}
