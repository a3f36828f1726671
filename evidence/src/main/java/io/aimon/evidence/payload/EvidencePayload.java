package io.aimon.evidence.payload;

import io.aimon.evidence.EvidenceKind;

/**
 * The data of an evidence record, typed: one record class per {@link EvidenceKind}. {@link
 * EvidenceCodec} owns the JSON layout of each and reads every layout version ever written.
 */
public sealed interface EvidencePayload
    permits CheckEvidence,
        CoverageEvidence,
        IncidentEvidence,
        NotificationEvidence,
        CorrectiveActionEvidence,
        StateLossEvidence,
        MonitoringPlanEvidence,
        DeploymentEvidence {

  /** The kind of record this is the data of. */
  EvidenceKind kind();
}
