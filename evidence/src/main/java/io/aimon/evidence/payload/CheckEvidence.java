package io.aimon.evidence.payload;

import io.aimon.detectors.check.CheckResult;
import io.aimon.evidence.EvidenceKind;
import java.util.Objects;

/**
 * An evaluated check, passing or not, with what an auditor needs to repeat it (ISO/IEC 42001 9.1,
 * A.6.2.6): the check result (method, threshold, value, status, sample size, reference digest), the
 * digest of the configuration it was judged by and the aimon version that judged it.
 *
 * @param result the check result, non-null
 * @param configDigest SHA-256 of the configuration in force, or null in archives that lack it
 * @param aimonVersion the aimon version, or null in archives that lack it
 * @param planDigest the {@link MonitoringPlanEvidence#planDigest()} of the plan in force, or null
 *     in archives written before plans were recorded
 */
public record CheckEvidence(
    CheckResult result, String configDigest, String aimonVersion, String planDigest)
    implements EvidencePayload {
  public CheckEvidence {
    Objects.requireNonNull(result, "result");
  }

  /** A check without a plan digest (archives written before plans were recorded). */
  public CheckEvidence(CheckResult result, String configDigest, String aimonVersion) {
    this(result, configDigest, aimonVersion, null);
  }

  @Override
  public EvidenceKind kind() {
    return EvidenceKind.CHECK;
  }
}
