package io.aimon.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code input} section: how inference and label records are encoded.
 *
 * @param format {@code input.format}
 * @param pairTimeout {@code input.pair_timeout}: how long, in event time, a request waits for its
 *     response and a response for its request (paired formats only); positive
 * @param seldon {@code input.seldon}: the model topics read for {@link InputFormat#SELDON}
 */
public record InputConfig(InputFormat format, Duration pairTimeout, SeldonTopics seldon)
    implements java.io.Serializable {
  public InputConfig {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(pairTimeout, "pairTimeout");
    Objects.requireNonNull(seldon, "seldon");
    if (pairTimeout.isNegative() || pairTimeout.isZero()) {
      throw new IllegalArgumentException("pairTimeout must be positive, was " + pairTimeout);
    }
  }

  /** The registry defaults: native events. */
  public static InputConfig defaults() {
    return new InputConfig(
        ConfigKeys.INPUT_FORMAT.defaultValue(),
        ConfigKeys.INPUT_PAIR_TIMEOUT.defaultValue(),
        new SeldonTopics(
            ConfigKeys.INPUT_SELDON_TOPIC_PREFIX.defaultValue(),
            ConfigKeys.INPUT_SELDON_NAMESPACE.defaultValue()));
  }
}
