package io.aimon.detectors.change;

import io.aimon.detectors.model.ModelSpec;

/**
 * The per-event error that online change detection can watch once an event's label is joined
 * (series {@code error}): a change in how often, or by how much, the model is wrong.
 *
 * <ul>
 *   <li>Binary classification: 1 when the prediction and the label disagree on the positive class
 *       ({@link ModelSpec#positiveLabel()}), else 0, so the detector watches the error rate.
 *   <li>Regression: |prediction - label|; NaN (not fed) when either is not a number.
 * </ul>
 */
public final class PredictionError {

  private PredictionError() {}

  /** The error of one labelled prediction of a model of {@code spec}. */
  public static double of(ModelSpec spec, String prediction, String label) {
    if (spec.outcomes().regression()) {
      try {
        return Math.abs(Double.parseDouble(prediction) - Double.parseDouble(label));
      } catch (NumberFormatException | NullPointerException notANumber) {
        return Double.NaN;
      }
    }
    boolean predicted = spec.positiveLabel().equals(prediction);
    boolean actual = spec.positiveLabel().equals(label);
    return predicted == actual ? 0 : 1;
  }
}
