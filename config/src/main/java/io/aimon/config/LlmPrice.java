package io.aimon.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * The {@code llm.price} section of a model: what its calls cost per million tokens, for the
 * window's {@code cost} metric (docs/metrics.md, "LLM calls").
 *
 * @param currency the currency the prices are in, e.g. {@code USD}; carried into the docs and the
 *     evidence, never converted
 * @param promptPerMillion the price of one million prompt (input) tokens, &gt;= 0
 * @param completionPerMillion the price of one million completion (output) tokens, &gt;= 0
 */
public record LlmPrice(String currency, double promptPerMillion, double completionPerMillion)
    implements Serializable {

  public LlmPrice {
    Objects.requireNonNull(currency, "currency");
    requirePrice("prompt_per_million_tokens", promptPerMillion);
    requirePrice("completion_per_million_tokens", completionPerMillion);
  }

  /** The cost of this many prompt and completion tokens, in {@link #currency}. */
  public double cost(long promptTokens, long completionTokens) {
    return (promptTokens * promptPerMillion + completionTokens * completionPerMillion) / 1e6;
  }

  private static void requirePrice(String key, double price) {
    if (!(price >= 0) || Double.isInfinite(price)) {
      throw new IllegalArgumentException(key + ": expected a finite number >= 0, found " + price);
    }
  }
}
