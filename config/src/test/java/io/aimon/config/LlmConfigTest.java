package io.aimon.config;

import static io.aimon.config.ConfigFixtures.file;
import static io.aimon.config.ConfigFixtures.load;
import static io.aimon.config.ConfigFixtures.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model's {@code llm} section and the {@code error_rate} and {@code cost} checks. */
class LlmConfigTest {
  @Test
  void finishReasonThresholdsPriceAndChecksAreRead() throws ConfigException {
    ModelConfig m = load("llm.yaml").models().get(0);
    assertEquals(
        Map.of(
            "length", new ValueThreshold(0.05, 0.10),
            "content_filter", new ValueThreshold(0.01, 0.02)),
        m.llm().finishReasons());
    assertEquals(new LlmPrice("EUR", 0.15, 0.60), m.llm().price());
    // a partial override merges with the default (0.05, 0.10)
    assertEquals(new ValueThreshold(0.02, 0.10), m.threshold(MetricIds.ERROR_RATE, null));
    assertEquals(new ValueThreshold(40, 100), m.threshold(MetricIds.COST, null));
    assertEquals(0.15 * 2 + 0.60 * 0.5, m.llm().price().cost(2_000_000, 500_000), 1e-12);
  }

  @Test
  void withoutTheSectionThereIsNoPriceAndTheErrorRateDefault() throws ConfigException {
    ModelConfig m = load("minimal.yaml").models().get(0);
    assertEquals(Map.of(), m.llm().finishReasons());
    assertNull(m.llm().price());
    assertEquals(new ValueThreshold(0.05, 0.10), m.threshold(MetricIds.ERROR_RATE, null));
  }

  @Test
  void mistakesNameTheirFileLineAndKey() {
    assertEquals(
        new ConfigProblem(
            file("llm-price-incomplete.yaml"),
            10,
            "models[0].llm.price.completion_per_million_tokens",
            "missing required key 'completion_per_million_tokens'"),
        onlyProblem("llm-price-incomplete.yaml"));
    assertEquals(
        new ConfigProblem(
            file("llm-reason-order.yaml"),
            11,
            "models[0].llm.finish_reasons.length",
            "expected warning <= critical, found warning 0.2 > critical 0.1"),
        onlyProblem("llm-reason-order.yaml"));
  }
}
