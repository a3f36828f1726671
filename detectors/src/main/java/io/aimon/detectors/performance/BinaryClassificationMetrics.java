package io.aimon.detectors.performance;

import io.aimon.detectors.common.ConfusionCounts;

/**
 * The binary-classification metrics of one window (immutable), as produced by {@link
 * BinaryClassificationAccumulator#result()}. The definitions are scikit-learn 1.2.1's (see the
 * package doc); rates are fractions in [0, 1].
 *
 * @param counts the window's confusion counts; {@code n} events in all
 * @param accuracy {@code (tp + tn) / n}; null when {@code n == 0}
 * @param precision {@code tp / (tp + fp)}, 0 when {@code tp + fp == 0} (zero_division = 0)
 * @param recall {@code tp / (tp + fn)}, 0 when {@code tp + fn == 0}
 * @param f1 {@code 2 precision recall / (precision + recall)}, 0 when both are 0
 * @param rocAuc ROC AUC of the score ({@link RocAuc}) over the scored events; null when the scored
 *     events hold only one label class, or none
 * @param rocAucErrorBound the bound on {@code |rocAuc - exact|}: 0 while both score distributions
 *     are exact, the sum of their normalized rank errors (98% confidence) once sketched
 * @param logLoss mean log loss over the scored events ({@code log_loss(y, score, labels=[0, 1])},
 *     probabilities clipped to [2.22e-16, 1 - 2.22e-16]); null when no event had a score
 * @param brier mean squared difference between score and label over the scored events ({@code
 *     brier_score_loss}); null when no event had a score
 * @param nScored events that had a score ({@code <= n})
 */
public record BinaryClassificationMetrics(
    ConfusionCounts counts,
    Double accuracy,
    double precision,
    double recall,
    double f1,
    Double rocAuc,
    double rocAucErrorBound,
    Double logLoss,
    Double brier,
    long nScored) {

  /**
   * @throws IllegalArgumentException if {@code nScored} is not in [0, n]
   */
  public BinaryClassificationMetrics {
    java.util.Objects.requireNonNull(counts, "counts");
    if (nScored < 0 || nScored > counts.n()) {
      throw new IllegalArgumentException(
          "nScored: expected an integer in [0, " + counts.n() + "], found " + nScored);
    }
  }

  /** Events counted: {@code tp + fp + tn + fn}. */
  public long n() {
    return counts.n();
  }
}
