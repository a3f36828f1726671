package io.aimon.detectors.label;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.event.InferenceEvent;
import java.util.Objects;

/**
 * The part of an inference event that the label join keeps while it waits for the label: no
 * features, so a waiting prediction costs tens of bytes, not the whole event.
 *
 * @param modelId the model
 * @param inferenceId the inference
 * @param timestamp the prediction's event time, epoch ms UTC
 * @param prediction the prediction in canonical string form
 * @param score the model score, NaN when absent
 * @param groups the fairness groups, aligned with the model's fairness attributes
 * @param modelVersion the event's model_version ({@link BoundedText}), or null
 */
public record Prediction(
    String modelId,
    String inferenceId,
    long timestamp,
    String prediction,
    double score,
    String[] groups,
    String modelVersion) {
  public Prediction {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(inferenceId, "inferenceId");
    Objects.requireNonNull(prediction, "prediction");
    Objects.requireNonNull(groups, "groups");
  }

  /** The prediction part of an inference event. */
  public static Prediction of(InferenceEvent e) {
    return new Prediction(
        e.modelId(),
        e.inferenceId(),
        e.timestamp(),
        e.prediction(),
        e.score(),
        e.groups(),
        e.modelVersion() == null ? null : BoundedText.of(e.modelVersion()));
  }
}
