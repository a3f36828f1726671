package io.aimon.detectors.profile;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mutable category counts for one categorical feature in one window, bounded at {@link
 * CategoricalProfile#MAX_CATEGORIES} distinct categories; further categories are pooled in {@link
 * CategoricalProfile#OTHER}.
 */
public final class CategoricalCounter {
  final Map<String, long[]> counts;

  CategoricalCounter(Map<String, long[]> counts) {
    this.counts = counts;
  }

  public static CategoricalCounter create() {
    return new CategoricalCounter(new HashMap<>());
  }

  /** Counts one occurrence of the category. */
  public void add(String category) {
    add(category, 1);
  }

  void add(String category, long n) {
    long[] c = counts.get(category);
    if (c == null) {
      if (counts.size() >= CategoricalProfile.MAX_CATEGORIES) {
        category = CategoricalProfile.OTHER;
        c = counts.get(category);
      }
      if (c == null) {
        c = new long[1];
        counts.put(category, c);
      }
    }
    c[0] += n;
  }

  public void merge(CategoricalCounter other) {
    other.counts.forEach((k, v) -> add(k, v[0]));
  }

  /** Total count. */
  public long n() {
    long n = 0;
    for (long[] c : counts.values()) {
      n += c[0];
    }
    return n;
  }

  public CategoricalProfile toProfile() {
    TreeMap<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v[0]));
    return new CategoricalProfile(sorted);
  }
}
