package io.aimon.detectors.change;

/**
 * A change a detector flagged.
 *
 * @param detectedAt the event time of the value that made the detector flag, epoch ms
 * @param changedAt the event time the detector places the change at (Page-Hinkley: the start of the
 *     run of evidence that crossed the threshold; ADWIN: the oldest value of the window part that
 *     differs), epoch ms, at most {@code detectedAt}
 * @param index how many values the detector had seen when it flagged, counting from 1 since it was
 *     created or last flagged
 * @param before the mean the detector held for the values before the change
 * @param after the mean of the values since the change
 */
public record ChangePoint(
    long detectedAt, long changedAt, long index, double before, double after) {}
