package io.aimon.alerting.remediation;

/**
 * Whether the corrective action applied to an incident worked, judged on the windows after it.
 * {@link #code()} is the stable string in evidence.
 */
public enum Effectiveness {
  /** No action applied yet. */
  NONE("none"),
  /** An action was applied; fewer than {@link RemediationPolicy#verifyWindows()} clean windows. */
  PENDING("pending"),
  /** {@link RemediationPolicy#verifyWindows()} consecutive ok windows followed the action. */
  VERIFIED_EFFECTIVE("verified_effective"),
  /** A breach (warning or critical window, or incident update) followed the action. */
  INEFFECTIVE("ineffective");

  private final String code;

  Effectiveness(String code) {
    this.code = code;
  }

  /** The stable code, e.g. {@code verified_effective}. */
  public String code() {
    return code;
  }
}
