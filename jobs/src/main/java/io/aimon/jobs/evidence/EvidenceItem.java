package io.aimon.jobs.evidence;

/**
 * Something the monitor job observed that becomes one evidence record.
 *
 * @param modelId the model, whose chain the record joins
 * @param kind an {@code io.aimon.evidence.EvidenceKind} code
 * @param time epoch ms the record is about (window end, incident event time)
 * @param windowStart epoch ms, or null
 * @param windowEnd epoch ms, or null
 * @param order ties broken by this within the same time and kind (a check id, an event id), so the
 *     chain's order does not depend on how the job's streams interleave
 * @param data the record's data, one JSON object
 */
public record EvidenceItem(
    String modelId,
    String kind,
    long time,
    Long windowStart,
    Long windowEnd,
    String order,
    String data) {}
