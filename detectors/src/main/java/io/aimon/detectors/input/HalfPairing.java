package io.aimon.detectors.input;

import io.aimon.config.Durations;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import java.io.Serializable;
import java.time.Duration;

/**
 * Joins the request and the response of one inference, per pair id. Pure: the caller keeps the
 * waiting half in keyed state and calls {@link #onExpiry} once event time passes {@link
 * #expiresAt}.
 *
 * <p>Invariants: (1) at most one half waits per id; (2) a waiting half expires at its own time plus
 * the timeout, and becomes an {@code unmatched_half} dead letter then, never silently; (3) a second
 * half of the same side while one waits is a {@code duplicate_inference} dead letter, the first one
 * stays; (4) state is one half per open id, so it is bounded by the rate of requests times the
 * timeout.
 */
public final class HalfPairing implements Serializable {
  private static final long serialVersionUID = 1L;
  private final long timeoutMillis;

  /**
   * @param timeout how long a half waits for the other, in event time ({@code input.pair_timeout})
   */
  public HalfPairing(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeoutMillis = timeout.toMillis();
  }

  /** When a half waiting alone becomes a dead letter, in event time. */
  public long expiresAt(PairHalf waiting) {
    long t = waiting.timestamp() + timeoutMillis;
    return t < waiting.timestamp() ? Long.MAX_VALUE : t;
  }

  /** A half arrives; {@code waiting} is the half of this id already there, or null. */
  public PairStep onHalf(PairHalf waiting, PairHalf half) {
    if (waiting == null) {
      return new PairStep(half, null, null, null);
    }
    if (waiting.side() == half.side()) {
      return new PairStep(
          waiting,
          null,
          null,
          DeadLetter.of(
              DeadLetterReason.DUPLICATE_INFERENCE,
              "a second "
                  + half.side().word()
                  + " with id "
                  + half.pairId()
                  + " while the first waits for its "
                  + half.side().other().word()
                  + "; the first counts",
              half.raw()));
    }
    return half.side() == PairHalf.Side.REQUEST
        ? new PairStep(null, half, waiting, null)
        : new PairStep(null, waiting, half, null);
  }

  /** Event time passed the waiting half's expiry: it is a dead letter. */
  public PairStep onExpiry(PairHalf waiting) {
    return new PairStep(
        null,
        null,
        null,
        DeadLetter.of(
            DeadLetterReason.UNMATCHED_HALF,
            waiting.side().word()
                + " with id "
                + waiting.pairId()
                + ": no "
                + waiting.side().other().word()
                + " within input.pair_timeout ("
                + Durations.format(Duration.ofMillis(timeoutMillis))
                + ")",
            waiting.raw()));
  }
}
