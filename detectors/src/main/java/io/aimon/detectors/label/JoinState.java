package io.aimon.detectors.label;

import io.aimon.detectors.event.LabelEvent;

/**
 * What the label join remembers about one inference id: the prediction waiting for its label, or a
 * label that came before its prediction, or the fact that the inference is already labelled (to
 * detect duplicates); and when that memory expires.
 *
 * @param prediction the prediction waiting for a label, or null
 * @param earlyLabel a label waiting for its prediction, or null
 * @param labelled whether a label has already been joined
 * @param expiresAt event time at which the state is dropped (epoch ms)
 */
public record JoinState(
    Prediction prediction, LabelEvent earlyLabel, boolean labelled, long expiresAt) {}
