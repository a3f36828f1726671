package io.aimon.detectors.event;

/**
 * What an inference event that is an LLM call says about the call itself, beyond its features: the
 * counts the window's {@code error_rate}, {@code finish_reason_rate} and {@code cost} rest on
 * (docs/metrics.md, "LLM calls").
 *
 * @param promptTokens the prompt (input) tokens, or {@link #UNKNOWN}
 * @param completionTokens the completion (output) tokens, or {@link #UNKNOWN}
 * @param finishReason the first finish reason as the provider reports it, or null when the call
 *     reported none
 * @param failed whether the call failed (the span's status is ERROR)
 */
public record LlmCall(
    long promptTokens, long completionTokens, String finishReason, boolean failed) {

  /** A token count the call did not report. */
  public static final long UNKNOWN = -1;

  public LlmCall {
    if (promptTokens < UNKNOWN || completionTokens < UNKNOWN) {
      throw new IllegalArgumentException(
          "token counts: expected >= 0 or UNKNOWN, found "
              + promptTokens
              + ", "
              + completionTokens);
    }
  }

  /** Whether the call reported both token counts, so its cost is known. */
  public boolean hasUsage() {
    return promptTokens != UNKNOWN && completionTokens != UNKNOWN;
  }
}
