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
 * @param labelFormat {@code input.label_format}
 * @param sagemakerModel the model SageMaker records belong to ({@code input.sagemaker.model}, else
 *     the only configured model), or null when neither format is SageMaker's
 * @param sagemakerVariant {@code input.sagemaker.variant}: the captured events' model version, or
 *     null
 * @param otlp {@code input.otlp}: how LLM spans are read
 */
public record InputConfig(
    InputFormat format,
    Duration pairTimeout,
    SeldonTopics seldon,
    LabelFormat labelFormat,
    String sagemakerModel,
    String sagemakerVariant,
    OtlpInput otlp)
    implements java.io.Serializable {
  public InputConfig {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(pairTimeout, "pairTimeout");
    Objects.requireNonNull(seldon, "seldon");
    Objects.requireNonNull(labelFormat, "labelFormat");
    Objects.requireNonNull(otlp, "otlp");
    if (pairTimeout.isNegative() || pairTimeout.isZero()) {
      throw new IllegalArgumentException("pairTimeout must be positive, was " + pairTimeout);
    }
  }

  /** The same section with another format (tests and benchmarks). */
  public InputConfig withFormat(InputFormat other) {
    return new InputConfig(
        other, pairTimeout, seldon, labelFormat, sagemakerModel, sagemakerVariant, otlp);
  }

  /** The registry defaults: native events. */
  public static InputConfig defaults() {
    return new InputConfig(
        ConfigKeys.INPUT_FORMAT.defaultValue(),
        ConfigKeys.INPUT_PAIR_TIMEOUT.defaultValue(),
        new SeldonTopics(
            ConfigKeys.INPUT_SELDON_TOPIC_PREFIX.defaultValue(),
            ConfigKeys.INPUT_SELDON_NAMESPACE.defaultValue()),
        ConfigKeys.INPUT_LABEL_FORMAT.defaultValue(),
        null,
        null,
        OtlpInput.defaults());
  }
}
