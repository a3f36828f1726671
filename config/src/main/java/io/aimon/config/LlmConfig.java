package io.aimon.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code llm} section of a model whose events are LLM calls ({@code input.format: otlp}): the
 * thresholds of its finish-reason rates and the price table of its {@code cost} metric
 * (docs/metrics.md, "LLM calls"). The {@code error_rate} and {@code cost} thresholds are ordinary
 * {@code checks}.
 *
 * @param finishReasons the {@code finish_reason_rate} threshold per finish reason as the provider
 *     reports it (e.g. {@code length}, {@code content_filter}); reasons not listed are reported
 *     unjudged
 * @param price what a million tokens cost, or null: no {@code cost} metric
 */
public record LlmConfig(Map<String, ValueThreshold> finishReasons, LlmPrice price)
    implements Serializable {

  public LlmConfig {
    finishReasons = Collections.unmodifiableMap(new LinkedHashMap<>(finishReasons));
  }

  /** No finish-reason thresholds, no price. */
  public static LlmConfig none() {
    return new LlmConfig(Map.of(), null);
  }
}
