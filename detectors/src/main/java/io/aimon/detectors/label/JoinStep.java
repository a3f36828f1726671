package io.aimon.detectors.label;

import io.aimon.detectors.event.DeadLetter;

/**
 * The outcome of one label-join step.
 *
 * @param state the state to keep, or null to clear it
 * @param joined a prediction with its label to pass on, or null
 * @param deadLetter a rejected label, or null
 */
public record JoinStep(JoinState state, LabelledPrediction joined, DeadLetter deadLetter) {}
