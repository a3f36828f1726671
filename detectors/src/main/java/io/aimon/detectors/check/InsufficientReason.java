package io.aimon.detectors.check;

/**
 * Why a check result is {@code insufficient_data} when its sample size alone does not say so. Its
 * {@link #code()} is the stable string of the result's {@code reason} field ({@link
 * CheckResult#reason()}); a result below {@code min_samples} carries no reason.
 *
 * <p>Fairness gaps compare the groups of an attribute, and a gap over fewer than two real groups
 * compares nothing: with one group the difference is 0 and the ratio 1, which would read as parity.
 * A real group is a value of the attribute; the missing-value group {@code __MISSING__} and the
 * pooled overflow group {@code __OTHER__} never are.
 */
public enum InsufficientReason {
  /**
   * Every event of the window lacks the attribute (all in {@code __MISSING__}; for an intersection,
   * every group misses one of its attributes): there is no group to compare.
   */
  ATTRIBUTE_MISSING("attribute_missing"),
  /**
   * The attribute's values are all pooled in {@code __OTHER__} (beyond the group cap), apart from
   * missing ones: no named group is left to compare.
   */
  OVERFLOW_ONLY("overflow_only"),
  /**
   * The attribute has real groups, but fewer than two of them enter the gap: the others are smaller
   * than {@code min_group_size}, or lack the rate the gap compares (TPR without positives, FPR
   * without negatives).
   */
  TOO_FEW_GROUPS("too_few_groups"),
  /**
   * On the results of the pooled group {@code __OTHER__} itself (its count and rates): it pools
   * values beyond the group cap, which are not one group, so its rates are reported but never
   * judged, neither ok nor a breach.
   */
  OVERFLOW_GROUP("overflow_group"),
  /** On {@code cost}: none of the window's LLM calls reported its token counts. */
  NO_TOKEN_COUNTS("no_token_counts");

  private final String code;

  InsufficientReason(String code) {
    this.code = code;
  }

  /** The stable string of results' {@code reason} field, e.g. {@code attribute_missing}. */
  public String code() {
    return code;
  }

  /**
   * The reason with this code.
   *
   * @throws IllegalArgumentException naming the known codes when {@code code} is not one of them
   */
  public static InsufficientReason ofCode(String code) {
    for (InsufficientReason r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "reason: expected attribute_missing, overflow_only, too_few_groups or overflow_group,"
            + " found '"
            + code
            + "'");
  }
}
