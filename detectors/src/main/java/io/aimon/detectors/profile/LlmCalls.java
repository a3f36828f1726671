package io.aimon.detectors.profile;

import io.aimon.detectors.common.Mergeable;
import io.aimon.detectors.event.LlmCall;

/**
 * Exact counts of one window's LLM calls, for {@code error_rate}, {@code finish_reason_rate} and
 * {@code cost} (docs/metrics.md, "LLM calls").
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>{@code failed <= calls} and {@code withUsage <= calls}; every count is exact under merging.
 *   <li>The finish reasons' counts sum to the calls that reported one ({@code <= calls}); they are
 *       bounded like a categorical feature's categories ({@link CategoricalCounter}).
 *   <li>{@code promptTokens} and {@code completionTokens} sum over the {@code withUsage} calls
 *       only, so the cost is that of the calls whose usage is known; they saturate at {@link
 *       Long#MAX_VALUE} instead of wrapping around.
 * </ol>
 */
public final class LlmCalls implements Mergeable<LlmCalls> {
  long calls;
  long failed;
  final CategoricalCounter reasons;
  long withUsage;
  long promptTokens;
  long completionTokens;

  LlmCalls(
      long calls,
      long failed,
      CategoricalCounter reasons,
      long withUsage,
      long promptTokens,
      long completionTokens) {
    this.calls = calls;
    this.failed = failed;
    this.reasons = reasons;
    this.withUsage = withUsage;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
  }

  public static LlmCalls create() {
    return new LlmCalls(0, 0, CategoricalCounter.create(), 0, 0, 0);
  }

  /** Counts one call. */
  public void add(LlmCall call) {
    calls++;
    if (call.failed()) {
      failed++;
    }
    if (call.finishReason() != null) {
      reasons.add(call.finishReason());
    }
    if (call.hasUsage()) {
      withUsage++;
      promptTokens = sum(promptTokens, call.promptTokens());
      completionTokens = sum(completionTokens, call.completionTokens());
    }
  }

  @Override
  public void merge(LlmCalls other) {
    calls += other.calls;
    failed += other.failed;
    reasons.merge(other.reasons);
    withUsage += other.withUsage;
    promptTokens = sum(promptTokens, other.promptTokens);
    completionTokens = sum(completionTokens, other.completionTokens);
  }

  /** a + b for counts >= 0, {@link Long#MAX_VALUE} when that does not fit. */
  private static long sum(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }

  public LlmProfile toProfile() {
    return new LlmProfile(
        calls,
        failed,
        reasons.toProfile(),
        reasons.caps(),
        withUsage,
        promptTokens,
        completionTokens);
  }
}
