/**
 * Typed evidence data: one record per evidence kind ({@link
 * io.aimon.evidence.payload.CheckEvidence}, {@link io.aimon.evidence.payload.CoverageEvidence},
 * {@link io.aimon.evidence.payload.IncidentEvidence}, {@link
 * io.aimon.evidence.payload.NotificationEvidence}, {@link
 * io.aimon.evidence.payload.CorrectiveActionEvidence}) and {@link
 * io.aimon.evidence.payload.EvidenceCodec}, the one owner of their JSON layout, used by the job
 * that writes evidence and by the verifier and exporter that read it.
 */
package io.aimon.evidence.payload;
