package io.aimon.detectors.estimate;

import java.util.Arrays;

/**
 * The mutable, mergeable state behind a window's estimated performance: the expected confusion
 * matrix ({@link EstimatedConfusion}) and a histogram of the calibrated probabilities for the
 * estimated ROC AUC.
 *
 * <p><b>Estimated ROC AUC.</b> Every event counts as a positive of weight p and a negative of
 * weight 1 - p, ranked by p: AUC = U / (P N) with P = Σ p, N = Σ (1 - p) and U = Σ_i Σ_j p_i (1 -
 * p_j) (1[p_i &gt; p_j] + ½ 1[p_i = p_j]) over all pairs, an event with itself included. It is the
 * area under the ROC curve the calibrated probabilities expect, scikit-learn's {@code
 * roc_auc_score} of the events doubled with those weights.
 *
 * <p><b>Histogram and its bound.</b> The calibration maps a score to one of its m fitted values (a
 * plateau) or, between two plateaus, to a value in between. The histogram has 2m - 1 bins: bin 2k
 * holds the events of probability exactly level k, bin 2k + 1 those strictly between levels k and k
 * + 1; per bin the sums of p and 1 - p and the count. U is computed with the events of one bin
 * tied. In a plateau bin every p is equal, so that is exact; in a bin between levels k and k + 1 a
 * pair of events differs from the exact U by at most (level k+1 - level k) / 2, so
 *
 * <pre>|AUC_binned - AUC| &lt;= Σ_between-bins width_b n_b (n_b - 1) / 4 / (P N)</pre>
 *
 * ({@link #rocAucBound()}). Events between plateaus are those whose score falls between two
 * adjacent reference scores where the calibration steps, usually few: on the Adult windows the
 * bound is below 1e-3.
 *
 * <p>Invariants: (1) the histogram's counts sum to the confusion's {@code n}; (2) its sums of p and
 * 1 - p, in the confusion's units of 2^-30 ({@link EstimatedConfusion#UNIT}), sum to TP + FN and FP
 * + TN exactly; (3) merging adds integers, so it is associative and commutative exactly: the same
 * events give the same estimate on one shard or many. Size: 3 (2m - 1) numbers and the calibration,
 * whatever the number of events.
 */
public final class EstimatedPerformance {
  private final IsotonicCalibration calibration;
  private final double[] levels;
  private final EstimatedConfusion confusion;
  private final long[] positive;
  private final long[] negative;
  private final long[] count;

  EstimatedPerformance(
      IsotonicCalibration calibration,
      EstimatedConfusion confusion,
      long[] positive,
      long[] negative,
      long[] count) {
    this.calibration = calibration;
    this.levels = calibration.levels();
    int bins = 2 * levels.length - 1;
    if (positive.length != bins || negative.length != bins || count.length != bins) {
      throw new IllegalArgumentException(
          "estimated performance: expected " + bins + " bins, found " + count.length);
    }
    this.confusion = confusion;
    this.positive = positive;
    this.negative = negative;
    this.count = count;
  }

  /** An empty state calibrating scores by {@code calibration}. */
  public static EstimatedPerformance create(IsotonicCalibration calibration) {
    int bins = 2 * calibration.levels().length - 1;
    return new EstimatedPerformance(
        calibration, new EstimatedConfusion(), new long[bins], new long[bins], new long[bins]);
  }

  /** Counts one event; an event without a score (NaN) is not counted. */
  public void add(double score, boolean predictedPositive) {
    double p = calibration.calibrate(score);
    if (Double.isNaN(p)) {
      return;
    }
    confusion.add(p, predictedPositive);
    int b = bin(p);
    long q = EstimatedConfusion.units(p);
    positive[b] += q;
    negative[b] += EstimatedConfusion.UNIT - q;
    count[b]++;
  }

  private int bin(double p) {
    int i = Arrays.binarySearch(levels, p);
    if (i >= 0) {
      return 2 * i;
    }
    int above = -i - 1; // calibrate() clips to the levels; only rounding can step outside them
    if (above == 0) {
      return 0;
    }
    if (above == levels.length) {
      return 2 * levels.length - 2;
    }
    return 2 * above - 1;
  }

  /**
   * Adds another state of the same calibration into this one.
   *
   * @throws IllegalArgumentException when the calibrations differ
   */
  public void merge(EstimatedPerformance other) {
    if (!calibration.equals(other.calibration)) {
      throw new IllegalArgumentException("merge: estimated performance of another calibration");
    }
    confusion.merge(other.confusion);
    for (int b = 0; b < count.length; b++) {
      positive[b] += other.positive[b];
      negative[b] += other.negative[b];
      count[b] += other.count[b];
    }
  }

  /** The estimated ROC AUC (class comment), or null when P or N is 0. */
  public Double rocAuc() {
    long p = 0;
    long n = 0;
    for (int b = 0; b < count.length; b++) {
      p += positive[b];
      n += negative[b];
    }
    if (p == 0 || n == 0) {
      return null;
    }
    double u = 0;
    long below = 0;
    for (int b = 0; b < count.length; b++) {
      u += (double) positive[b] * (below + negative[b] / 2.0);
      below += negative[b];
    }
    return Math.min(1, u / ((double) p * n));
  }

  /** The bound of {@link #rocAuc()}'s binning (class comment); 0 without an estimate. */
  public double rocAucBound() {
    double p = 0;
    double n = 0;
    double pairs = 0;
    for (int b = 0; b < count.length; b++) {
      p += (double) positive[b] / EstimatedConfusion.UNIT;
      n += (double) negative[b] / EstimatedConfusion.UNIT;
      if (b % 2 == 1) {
        double width = levels[b / 2 + 1] - levels[b / 2];
        pairs += width * (double) count[b] * (count[b] - 1) / 4;
      }
    }
    return p == 0 || n == 0 ? 0 : Math.min(0.5, pairs / (p * n));
  }

  /** The estimated metrics. */
  public EstimatedMetrics result() {
    return new EstimatedMetrics(
        confusion.n(),
        confusion.accuracy(),
        confusion.precision(),
        confusion.recall(),
        confusion.f1(),
        confusion.specificity(),
        rocAuc(),
        rocAucBound());
  }

  public IsotonicCalibration calibration() {
    return calibration;
  }

  EstimatedConfusion confusion() {
    return confusion;
  }

  long[] positive() {
    return positive;
  }

  long[] negative() {
    return negative;
  }

  long[] count() {
    return count;
  }
}
