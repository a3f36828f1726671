package io.aimon.detectors.profile;

import io.aimon.detectors.common.CapCounts;
import java.util.Objects;

/**
 * The LLM calls of one window, counted exactly ({@link LlmCalls}).
 *
 * @param calls the window's LLM calls
 * @param failed those whose span status was ERROR
 * @param finishReasons calls per finish reason, of the calls that reported one; at most {@link
 *     CategoricalProfile#MAX_CATEGORIES} reasons, the rest in {@link CategoricalProfile#OTHER}
 * @param reasonCaps the calls whose reason was pooled or kept truncated
 * @param withUsage the calls that reported both token counts
 * @param promptTokens their prompt tokens
 * @param completionTokens their completion tokens
 */
public record LlmProfile(
    long calls,
    long failed,
    CategoricalProfile finishReasons,
    CapCounts reasonCaps,
    long withUsage,
    long promptTokens,
    long completionTokens) {

  public LlmProfile {
    Objects.requireNonNull(finishReasons, "finishReasons");
    Objects.requireNonNull(reasonCaps, "reasonCaps");
  }
}
