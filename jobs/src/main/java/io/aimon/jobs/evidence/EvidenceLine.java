package io.aimon.jobs.evidence;

/**
 * One line of the evidence archive: a record or a manifest.
 *
 * @param modelId the model (the archive's partition)
 * @param time epoch ms, whose UTC date is the archive's date partition
 * @param json the record or manifest, one JSON object
 */
public record EvidenceLine(String modelId, long time, String json) {}
