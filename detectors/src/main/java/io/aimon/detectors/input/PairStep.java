package io.aimon.detectors.input;

import io.aimon.detectors.event.DeadLetter;

/**
 * The outcome of one step of {@link HalfPairing}: the half left waiting (or null), a completed pair
 * (both non-null, or both null) and a dead letter (or null).
 */
public record PairStep(
    PairHalf waiting, PairHalf request, PairHalf response, DeadLetter deadLetter) {
  public PairStep {
    if ((request == null) != (response == null)) {
      throw new IllegalArgumentException("a pair needs both halves");
    }
  }

  /** True when the step completed a pair. */
  public boolean paired() {
    return request != null;
  }
}
