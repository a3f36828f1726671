package io.aimon.jobs.monitor;

/**
 * The values of one event for a model's change detectors ({@link DetectChanges}): the watched
 * series' values in the watch's order (NaN where the event has none), at an event time.
 *
 * @param modelId the model
 * @param time the event time the values are observed at, epoch ms: the inference event's time, or
 *     for the per-event error the time its label was joined
 * @param row the values, one per watched series
 */
public record ChangeValues(String modelId, long time, double[] row) {}
