package io.aimon.detectors.profile;

import io.aimon.detectors.event.InferenceEvent;
import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Category counts of one categorical feature (or the label) over a reference or a window. Missing
 * values are the category {@link InferenceEvent#MISSING}; categories beyond the per-window bound
 * are pooled in {@link #OTHER}, and every category is at most {@value
 * io.aimon.detectors.common.BoundedText#MAX_BYTES} UTF-8 bytes ({@link
 * io.aimon.detectors.common.BoundedText}; the reference applies the same rule, so a long category
 * of the reference and of a window meet under the same key).
 *
 * @param counts count per category, sorted by code point
 */
public record CategoricalProfile(SortedMap<String, Long> counts) implements Serializable {
  /** The pooled category for categories beyond {@link #MAX_CATEGORIES}. */
  public static final String OTHER = "__OTHER__";

  /**
   * Distinct categories counted per feature and window (and reference) before pooling into {@link
   * #OTHER}: 1000.
   */
  public static final int MAX_CATEGORIES = 1000;

  public CategoricalProfile {
    counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
  }

  /** Total count including missing. */
  public long n() {
    long n = 0;
    for (long c : counts.values()) {
      n += c;
    }
    return n;
  }

  /** Share of missing values, NaN when empty. */
  public double missingRate() {
    long n = n();
    return n == 0 ? Double.NaN : (double) counts.getOrDefault(InferenceEvent.MISSING, 0L) / n;
  }
}
