package io.aimon.evidence.payload;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.evidence.EvidenceKind;
import java.util.Objects;

/**
 * An incident lifecycle event, opened, escalated, updated or resolved (ISO/IEC 42001 10.2, A.8.4),
 * held as the CloudEvent the alert job delivers.
 *
 * @param event the incident event, non-null
 */
public record IncidentEvidence(IncidentEvent event) implements EvidencePayload {
  public IncidentEvidence {
    Objects.requireNonNull(event, "event");
  }

  @Override
  public EvidenceKind kind() {
    return EvidenceKind.INCIDENT;
  }
}
