package io.aimon.detectors.label;

import java.util.Objects;

/**
 * A prediction with its true outcome: an inference event with an inline label, or one joined with
 * its label event. It counts in the window of its prediction time.
 *
 * @param modelId the model
 * @param inferenceId the inference
 * @param predictionTimestamp the prediction's event time, epoch ms UTC
 * @param prediction the prediction in canonical string form
 * @param score the model score, NaN when absent
 * @param label the label in canonical string form
 * @param groups the fairness groups, aligned with the model's fairness attributes
 * @param labelTimestamp when the label was observed (the prediction time for inline labels)
 * @param source where the label was read (for dead letters)
 * @param position the offset or line the label was read at
 * @param modelVersion the prediction's model_version ({@link
 *     io.aimon.detectors.common.BoundedText}), or null
 */
public record LabelledPrediction(
    String modelId,
    String inferenceId,
    long predictionTimestamp,
    String prediction,
    double score,
    String label,
    String[] groups,
    long labelTimestamp,
    String source,
    long position,
    String modelVersion) {
  public LabelledPrediction {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(prediction, "prediction");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(groups, "groups");
  }

  /** A labelled prediction that carries no model version. */
  public LabelledPrediction(
      String modelId,
      String inferenceId,
      long predictionTimestamp,
      String prediction,
      double score,
      String label,
      String[] groups,
      long labelTimestamp,
      String source,
      long position) {
    this(
        modelId,
        inferenceId,
        predictionTimestamp,
        prediction,
        score,
        label,
        groups,
        labelTimestamp,
        source,
        position,
        null);
  }
}
