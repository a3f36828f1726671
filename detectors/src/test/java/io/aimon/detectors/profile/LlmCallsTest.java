package io.aimon.detectors.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aimon.detectors.event.LlmCall;
import org.junit.jupiter.api.Test;

/** LLM call counts are exact, and token sums saturate instead of wrapping around. */
class LlmCallsTest {
  @Test
  void countsAreExactAndMergeLikeOneWindow() {
    LlmCalls a = LlmCalls.create();
    a.add(new LlmCall(100, 20, "stop", false));
    a.add(new LlmCall(50, LlmCall.UNKNOWN, null, true));
    LlmCalls b = LlmCalls.create();
    b.add(new LlmCall(7, 3, "length", false));
    a.merge(b);
    LlmProfile p = a.toProfile();
    assertEquals(3, p.calls());
    assertEquals(1, p.failed());
    assertEquals(2, p.withUsage(), "the failed call reported no completion tokens");
    assertEquals(107, p.promptTokens());
    assertEquals(23, p.completionTokens());
    assertEquals(java.util.Map.of("length", 1L, "stop", 1L), p.finishReasons().counts());
  }

  @Test
  void tokenSumsSaturateAtTheLargestLong() {
    LlmCalls nearlyFull =
        new LlmCalls(1, 0, CategoricalCounter.create(), 1, Long.MAX_VALUE - 5, Long.MAX_VALUE);
    nearlyFull.add(new LlmCall(10, 1, "stop", false));
    assertEquals(Long.MAX_VALUE, nearlyFull.toProfile().promptTokens());
    assertEquals(Long.MAX_VALUE, nearlyFull.toProfile().completionTokens());
    LlmCalls other = LlmCalls.create();
    other.merge(nearlyFull);
    other.merge(nearlyFull);
    assertEquals(Long.MAX_VALUE, other.toProfile().promptTokens(), "merged, too");
  }
}
