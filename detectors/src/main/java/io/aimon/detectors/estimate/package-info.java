/**
 * Performance estimated without labels (confidence-based performance estimation, CBPE): the score
 * calibrated on the reference ({@link io.aimon.detectors.estimate.IsotonicCalibration}) and a
 * window's expected confusion matrix from the calibrated probabilities ({@link
 * io.aimon.detectors.estimate.EstimatedConfusion}).
 */
package io.aimon.detectors.estimate;
