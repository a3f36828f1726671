package io.aimon.detectors.model;

import java.io.Serializable;
import java.util.List;

/**
 * How a model's predictions are judged against their true outcomes.
 *
 * @param regression whether the task is regression (else binary classification)
 * @param labelMaxDelayMillis {@code labels.max_delay}: how long after its prediction a label may
 *     arrive; a window's performance is final at window end + this delay
 * @param partialResults whether to emit early partial results at window end
 * @param intersections fairness attribute combinations evaluated as composite groups
 * @param minGroupSize groups smaller than this are reported but left out of fairness gaps
 */
public record OutcomeSettings(
    boolean regression,
    long labelMaxDelayMillis,
    boolean partialResults,
    List<List<String>> intersections,
    int minGroupSize)
    implements Serializable {

  /** Binary classification, labels up to one day late, no partial results, no intersections. */
  public static final OutcomeSettings DEFAULTS =
      new OutcomeSettings(false, 86_400_000L, false, List.of(), 30);

  public OutcomeSettings {
    if (labelMaxDelayMillis < 0) {
      throw new IllegalArgumentException(
          "labelMaxDelayMillis: expected >= 0, found " + labelMaxDelayMillis);
    }
    if (minGroupSize < 0) {
      throw new IllegalArgumentException("minGroupSize: expected >= 0, found " + minGroupSize);
    }
    intersections = intersections.stream().map(List::copyOf).toList();
  }
}
