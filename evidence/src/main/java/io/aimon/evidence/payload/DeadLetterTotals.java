package io.aimon.evidence.payload;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead letters a coverage record counts: the model's own by reason (late events among them),
 * and those that named no configured model, which every model's coverage counts.
 *
 * @param lateEvents the model's events that came after their window was evaluated, >= 0 (also
 *     counted in {@code own} as reason {@code late})
 * @param own the model's dead letters by reason code, each count >= 1; copied, sorted
 * @param unattributed dead letters that named no configured model, by reason; copied, sorted
 */
public record DeadLetterTotals(
    long lateEvents, Map<String, Long> own, Map<String, Long> unattributed) {
  /** No dead letters. */
  public static final DeadLetterTotals NONE = new DeadLetterTotals(0, Map.of(), Map.of());

  /** The reason code of events that came after their window was evaluated. */
  public static final String LATE = "late";

  public DeadLetterTotals {
    if (lateEvents < 0) {
      throw new IllegalArgumentException("late_events: expected >= 0, found " + lateEvents);
    }
    own = copy(own, "own");
    unattributed = copy(unattributed, "unattributed");
  }

  /** Totals whose late events are the {@code late} dead letters among {@code own}. */
  public static DeadLetterTotals of(Map<String, Long> own, Map<String, Long> unattributed) {
    return new DeadLetterTotals(own.getOrDefault(LATE, 0L), own, unattributed);
  }

  private static Map<String, Long> copy(Map<String, Long> counts, String field) {
    TreeMap<String, Long> sorted = new TreeMap<>();
    counts.forEach(
        (reason, n) -> {
          if (reason == null || reason.isBlank() || n == null || n < 1) {
            throw new IllegalArgumentException(
                field + ": expected reason codes with counts >= 1, found " + reason + "=" + n);
          }
          sorted.put(reason, n);
        });
    return Collections.unmodifiableMap(sorted);
  }
}
