/**
 * Labels that arrive late: joining predictions with their label events by inference id in event
 * time, with bounded state, and the joined labelled predictions that performance and label-based
 * fairness are computed from.
 */
package io.aimon.detectors.label;
