package io.aimon.jobs.monitor;

import io.aimon.detectors.outcome.OutcomeAccumulator;
import java.util.Objects;

/**
 * One shard's part of a model's outcome window, on its way to {@link EvaluateOutcomes}: timestamped
 * at the moment it was emitted (window end - 1 for an early partial result, window end + {@code
 * labels.max_delay} - 1 for the final one).
 *
 * @param modelId the model
 * @param windowStart epoch ms
 * @param accumulator the shard's labelled predictions of the window
 */
record OutcomePartial(String modelId, long windowStart, OutcomeAccumulator accumulator) {
  OutcomePartial {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(accumulator, "accumulator");
  }
}
