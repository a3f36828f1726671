package io.aimon.detectors.event;

import java.util.Objects;

/**
 * A decoded label event (contract v1): the true outcome of an earlier inference.
 *
 * @param inferenceId the inference this label belongs to
 * @param modelId the model
 * @param label the label in canonical string form
 * @param timestamp when the label was observed, epoch milliseconds UTC
 * @param source where the label was read ({@code topic/partition} or file name), for dead letters
 * @param position the Kafka offset or 1-based file line it was read at
 */
public record LabelEvent(
    String inferenceId,
    String modelId,
    String label,
    long timestamp,
    String source,
    long position) {
  public LabelEvent {
    Objects.requireNonNull(inferenceId, "inferenceId");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(label, "label");
  }
}
