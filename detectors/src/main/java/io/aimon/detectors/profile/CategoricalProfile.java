package io.aimon.detectors.profile;

import io.aimon.detectors.event.InferenceEvent;
import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Category counts of one categorical feature (or the label) over a reference or a window. Missing
 * values are the category {@link InferenceEvent#MISSING}; categories beyond the per-window bound
 * are pooled in {@link #OTHER}.
 *
 * @param counts count per category, sorted by code point
 */
public record CategoricalProfile(SortedMap<String, Long> counts) implements Serializable {
  /** The pooled category for categories beyond {@link #MAX_CATEGORIES}. */
  public static final String OTHER = "__OTHER__";

  /** Distinct categories counted per feature and window before pooling into {@link #OTHER}. */
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
