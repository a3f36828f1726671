package io.aimon.evidence.payload;

import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.evidence.EvidenceKind;
import java.util.Objects;

/**
 * A corrective-action event of an incident (ISO/IEC 42001 10.2): an operator's action, an
 * effectiveness verdict or a nonconformity grade.
 *
 * @param event the corrective-action state machine's event, non-null
 */
public record CorrectiveActionEvidence(RemediationEvent event) implements EvidencePayload {
  public CorrectiveActionEvidence {
    Objects.requireNonNull(event, "event");
  }

  @Override
  public EvidenceKind kind() {
    return EvidenceKind.CORRECTIVE_ACTION;
  }
}
