package io.aimon.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@code labels} section of a model: how ground-truth labels, which arrive after their
 * predictions on {@code kafka.topics.labels}, are joined for performance and fairness metrics.
 *
 * <p>A label is joined with its prediction when it arrives (in event time) at most {@code maxDelay}
 * after the prediction; {@code maxDelay} is also the time-to-live of the join state, so a
 * prediction without a label is dropped from the join {@code maxDelay} after it. Performance and
 * fairness results of the window [start, end) are final at {@code end + maxDelay}; drift results
 * are not delayed.
 *
 * @param maxDelay how long after its prediction a label may arrive, &gt;= 0
 * @param partialResults whether to also emit early performance and fairness results at the window
 *     end, marked partial, over the labels that have arrived by then
 */
public record LabelsConfig(Duration maxDelay, boolean partialResults) {

  public LabelsConfig {
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay must be >= 0, was " + maxDelay);
    }
  }

  /** The registry defaults: max_delay 1d, no partial results. */
  public static LabelsConfig defaults() {
    return new LabelsConfig(
        ConfigKeys.MODEL_LABELS_MAX_DELAY.defaultValue(),
        ConfigKeys.MODEL_LABELS_PARTIAL_RESULTS.defaultValue());
  }

  /**
   * When the performance and fairness results of a window ending (exclusive) at {@code windowEnd}
   * become final: {@code windowEnd + maxDelay}.
   */
  public Instant finalAt(Instant windowEnd) {
    return windowEnd.plus(maxDelay);
  }
}
