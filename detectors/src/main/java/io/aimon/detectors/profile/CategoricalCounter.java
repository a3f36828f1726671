package io.aimon.detectors.profile;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.common.CapCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mutable category counts for one categorical feature (or the label) in one window or reference,
 * bounded in count and in bytes.
 *
 * <p><b>Bounds.</b> Each category is kept as {@link BoundedText#of} gives it (at most {@value
 * BoundedText#MAX_BYTES} UTF-8 bytes; a longer one truncated with a digest suffix), and at most
 * {@link CategoricalProfile#MAX_CATEGORIES} distinct categories are kept; an event whose category
 * would be one more is counted in {@link CategoricalProfile#OTHER} instead, so no count is lost.
 * Which categories get an entry of their own depends on arrival (and merge) order once the bound is
 * reached; below it the counts depend only on the multiset of events.
 *
 * <p><b>Invariants</b> (checked by {@code WindowAccumulatorTest}):
 *
 * <ol>
 *   <li>The counts sum to the events added (including merged ones).
 *   <li>At most {@code MAX_CATEGORIES + 1} entries (the named ones and {@code __OTHER__}), each key
 *       at most {@value BoundedText#MAX_BYTES} UTF-8 bytes: at most about 270 KB of keys.
 *   <li>{@code capped <= count of __OTHER__} and {@code truncated <= n()}; both are exact under
 *       merging ({@link CapCounts}).
 * </ol>
 */
public final class CategoricalCounter {
  final Map<String, long[]> counts;
  long capped;
  long truncated;

  CategoricalCounter(Map<String, long[]> counts, long capped, long truncated) {
    this.counts = counts;
    this.capped = capped;
    this.truncated = truncated;
  }

  public static CategoricalCounter create() {
    return new CategoricalCounter(new HashMap<>(), 0, 0);
  }

  /** Counts one occurrence of the category. */
  public void add(String category) {
    String key = BoundedText.of(category);
    if (key != category) {
      truncated++;
    }
    add(key, 1);
  }

  /** Counts {@code n} occurrences of a key that is already bounded; pools it when full. */
  private void add(String key, long n) {
    long[] c = counts.get(key);
    if (c == null) {
      if (counts.size() >= CategoricalProfile.MAX_CATEGORIES) {
        if (!key.equals(CategoricalProfile.OTHER)) {
          capped += n;
        }
        key = CategoricalProfile.OTHER;
        c = counts.get(key);
      }
      if (c == null) {
        c = new long[1];
        counts.put(key, c);
      }
    }
    c[0] += n;
  }

  public void merge(CategoricalCounter other) {
    // named categories first, __OTHER__ last: it never takes a slot a named category could have,
    // so what merging pools does not depend on the other's map order
    other.counts.forEach(
        (k, v) -> {
          if (!k.equals(CategoricalProfile.OTHER)) {
            add(k, v[0]);
          }
        });
    long[] pooled = other.counts.get(CategoricalProfile.OTHER);
    if (pooled != null) {
      add(CategoricalProfile.OTHER, pooled[0]);
    }
    capped += other.capped;
    truncated += other.truncated;
  }

  /** Total count. */
  public long n() {
    long n = 0;
    for (long[] c : counts.values()) {
      n += c[0];
    }
    return n;
  }

  /** Events pooled because the category bound was reached, and events whose value was cut. */
  public CapCounts caps() {
    return new CapCounts(capped, truncated);
  }

  public CategoricalProfile toProfile() {
    TreeMap<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v[0]));
    return new CategoricalProfile(sorted);
  }
}
