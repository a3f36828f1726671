package io.aimon.detectors.common;

/**
 * What a bounded accumulator could not keep as it came, for one feature, fairness attribute or the
 * model versions of one window (immutable). Both counts are exact and add up under merging.
 *
 * @param capped events whose value was not kept as its own entry because the accumulator already
 *     held its maximum of distinct values: counted in the pooled entry {@code __OTHER__}
 *     (categories, groups) or only in the total (model versions); &gt;= 0. A value that literally
 *     is {@code __OTHER__} is not counted here.
 * @param truncated events whose value was longer than {@link BoundedText#MAX_BYTES} UTF-8 bytes and
 *     was kept in its truncated form ({@link BoundedText}); &gt;= 0. An event can be both truncated
 *     and capped.
 */
public record CapCounts(long capped, long truncated) {
  /** Nothing capped or truncated. */
  public static final CapCounts NONE = new CapCounts(0, 0);

  /**
   * @throws IllegalArgumentException naming the counts when one is negative
   */
  public CapCounts {
    if (capped < 0 || truncated < 0) {
      throw new IllegalArgumentException(
          "cap counts: expected >= 0, found capped=" + capped + " truncated=" + truncated);
    }
  }

  /** The sum of both counts. */
  public CapCounts plus(CapCounts other) {
    return new CapCounts(capped + other.capped, truncated + other.truncated);
  }

  /** Whether nothing was capped or truncated. */
  public boolean isNone() {
    return capped == 0 && truncated == 0;
  }
}
