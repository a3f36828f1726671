package io.aimon.jobs.monitor;

import io.aimon.detectors.outcome.OutcomeAccumulator;
import io.aimon.detectors.version.VersionSplit;
import java.util.Objects;

/**
 * One shard's part of a model's outcome window, on its way to {@link EvaluateOutcomes}: timestamped
 * at the moment it was emitted (window end - 1 for an early partial result, window end + {@code
 * labels.max_delay} - 1 for the final one).
 *
 * @param modelId the model
 * @param windowStart epoch ms
 * @param outcomes the shard's labelled predictions of the window, split by model version
 */
record OutcomePartial(String modelId, long windowStart, VersionSplit<OutcomeAccumulator> outcomes) {
  OutcomePartial {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(outcomes, "outcomes");
  }
}
