/**
 * The monitor job's evidence writer: {@link io.aimon.jobs.evidence.EvidenceItems} turns check
 * results, window coverage, incident, notification and corrective-action events into typed evidence
 * items and dead letters into counts; {@link io.aimon.jobs.evidence.WriteEvidence}, keyed by model,
 * moves them between Flink state and the pure {@link io.aimon.evidence.ChainWriter} (ordering,
 * counting, hash chain, signed manifests); the lines go to a partitioned JSON Lines archive ({@link
 * io.aimon.jobs.evidence.EvidenceArchive}) and a Kafka topic.
 */
package io.aimon.jobs.evidence;
