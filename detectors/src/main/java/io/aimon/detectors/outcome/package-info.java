/**
 * Outcomes: the performance and label-based fairness of a model's window, accumulated from labelled
 * predictions with bounded state and evaluated against the reference and thresholds.
 */
package io.aimon.detectors.outcome;
