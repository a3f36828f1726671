package io.aimon.evidence;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an evidence record is evidence of; each kind maps to ISO/IEC 42001 clauses and controls
 * through {@link Iso42001}.
 *
 * <p>The {@link #code()} is what the JSON form carries in {@code "kind"}; codes are stable.
 */
public enum EvidenceKind {
  /** One evaluated check (passing ones too): method, threshold, sample size, digests. */
  CHECK("check"),
  /** Coverage of one window: windows expected vs evaluated, events read, late and dead-lettered. */
  COVERAGE("coverage"),
  /** An incident lifecycle event: opened, escalated, updated or resolved. */
  INCIDENT("incident"),
  /** An incident event delivered (or not) to a notifier: the incident was communicated. */
  NOTIFICATION("notification"),
  /** A corrective action recorded, or its effectiveness verified or failed. */
  CORRECTIVE_ACTION("corrective_action"),
  /**
   * The job's saved state was lost and the chain continued without it: what was lost, where the
   * chain continues.
   */
  STATE_LOSS("state_loss"),
  /**
   * The monitoring plan in force: what is monitored, by which methods and thresholds, when, who
   * evaluates it, where incidents go.
   */
  MONITORING_PLAN("monitoring_plan"),
  /** A model version first seen in production, with the pre-deployment gate that cleared it. */
  DEPLOYMENT("deployment");

  private final String code;

  EvidenceKind(String code) {
    this.code = code;
  }

  /** The stable code written in the JSON form, e.g. {@code "corrective_action"}. */
  public String code() {
    return code;
  }

  /**
   * The kind with this code.
   *
   * @throws IllegalArgumentException naming the allowed codes when {@code code} is not one of them
   */
  public static EvidenceKind ofCode(String code) {
    for (EvidenceKind k : values()) {
      if (k.code.equals(code)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "kind: expected one of "
            + Arrays.stream(values()).map(EvidenceKind::code).collect(Collectors.joining(", "))
            + ", found "
            + (code == null ? "null" : "'" + EvidenceJson.shorten(code) + "'"));
  }
}
