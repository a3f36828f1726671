package io.aimon.detectors.estimate;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The calibration of a binary model's score: the isotonic (non-decreasing) regression of the label
 * (1 = positive) on the score over the reference events, as scikit-learn's {@code
 * IsotonicRegression(increasing=True, out_of_bounds="clip", y_min=0, y_max=1)} fits and predicts.
 *
 * <p>Definition. Events of equal score are pooled into one point weighted by their count, with
 * their mean label. Pool-adjacent-violators then merges neighbouring blocks while a block's mean is
 * not below the one before it, each block taking its points' weighted mean: the least-squares
 * non-decreasing fit, in [0, 1] since labels are. Of each run of equal fitted values only the first
 * and last point are kept (the ones between add nothing to the interpolation). A score is
 * calibrated by linear interpolation between the kept points, clipped to the first and last value
 * outside them; NaN stays NaN.
 *
 * <p>Bounds: at most as many points as distinct reference scores, usually far fewer (116 for the
 * 16,280 Adult reference events); immutable. Equal to scikit-learn's within 1e-12 (the tests check
 * it on the Adult data).
 */
public final class IsotonicCalibration implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] x;
  private final double[] y;

  private IsotonicCalibration(double[] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  /**
   * The calibration of stored points (as {@link #thresholds} and {@link #values} gave them).
   *
   * @throws IllegalArgumentException naming what is wrong: no points, lengths that differ, scores
   *     not finite and strictly ascending, values not non-decreasing in [0, 1]
   */
  public static IsotonicCalibration of(double[] thresholds, double[] values) {
    if (thresholds.length == 0 || thresholds.length != values.length) {
      throw new IllegalArgumentException(
          "calibration: expected as many values as thresholds, at least one, found "
              + thresholds.length
              + " thresholds and "
              + values.length
              + " values");
    }
    for (int i = 0; i < thresholds.length; i++) {
      if (!Double.isFinite(thresholds[i]) || (i > 0 && !(thresholds[i] > thresholds[i - 1]))) {
        throw new IllegalArgumentException(
            "calibration thresholds[" + i + "]: expected finite and ascending");
      }
      if (!(values[i] >= 0 && values[i] <= 1) || (i > 0 && values[i] < values[i - 1])) {
        throw new IllegalArgumentException(
            "calibration values[" + i + "]: expected non-decreasing in [0, 1]");
      }
    }
    return new IsotonicCalibration(thresholds.clone(), values.clone());
  }

  /**
   * The calibration fitted on the events' scores and labels.
   *
   * @param scores finite scores, one per event
   * @param positive whether each event's label is the positive one
   * @throws IllegalArgumentException when the arrays differ in length, are empty or a score is not
   *     finite
   */
  public static IsotonicCalibration fit(double[] scores, boolean[] positive) {
    if (scores.length != positive.length || scores.length == 0) {
      throw new IllegalArgumentException(
          "scores, labels: expected the same non-zero length, found "
              + scores.length
              + ", "
              + positive.length);
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException(
            "scores[" + i + "]: expected finite, found " + scores[i]);
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    // distinct scores with their event count and label sum
    double[] px = new double[scores.length];
    double[] pw = new double[scores.length];
    double[] psum = new double[scores.length];
    int points = 0;
    for (int i : order) {
      if (points > 0 && px[points - 1] == scores[i]) {
        pw[points - 1]++;
        psum[points - 1] += positive[i] ? 1 : 0;
      } else {
        px[points] = scores[i];
        pw[points] = 1;
        psum[points] = positive[i] ? 1 : 0;
        points++;
      }
    }
    // pool adjacent violators over blocks of points: each block's weight and weighted label sum
    int[] first = new int[points];
    double[] weight = new double[points];
    double[] sum = new double[points];
    int blocks = 0;
    for (int p = 0; p < points; p++) {
      first[blocks] = p;
      weight[blocks] = pw[p];
      sum[blocks] = psum[p];
      blocks++;
      while (blocks > 1
          && sum[blocks - 2] / weight[blocks - 2] >= sum[blocks - 1] / weight[blocks - 1]) {
        weight[blocks - 2] += weight[blocks - 1];
        sum[blocks - 2] += sum[blocks - 1];
        blocks--;
      }
    }
    double[] fitted = new double[points];
    for (int b = 0; b < blocks; b++) {
      int end = b + 1 < blocks ? first[b + 1] : points;
      double v = Math.min(1, Math.max(0, sum[b] / weight[b]));
      Arrays.fill(fitted, first[b], end, v);
    }
    // keep the first and last point of each run of equal values
    double[] kx = new double[points];
    double[] ky = new double[points];
    int kept = 0;
    for (int p = 0; p < points; p++) {
      boolean inner =
          p > 0 && p < points - 1 && fitted[p - 1] == fitted[p] && fitted[p] == fitted[p + 1];
      if (!inner) {
        kx[kept] = px[p];
        ky[kept] = fitted[p];
        kept++;
      }
    }
    return new IsotonicCalibration(Arrays.copyOf(kx, kept), Arrays.copyOf(ky, kept));
  }

  /** The calibrated probability of {@code score}, in [0, 1]; NaN for NaN. */
  public double calibrate(double score) {
    if (Double.isNaN(score)) {
      return Double.NaN;
    }
    if (score <= x[0]) {
      return y[0];
    }
    int last = x.length - 1;
    if (score >= x[last]) {
      return y[last];
    }
    int i = Arrays.binarySearch(x, score);
    if (i >= 0) {
      return y[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
    return slope * (score - x[lo]) + y[lo];
  }

  /** The kept points' scores, ascending (a copy). */
  public double[] thresholds() {
    return x.clone();
  }

  /** The distinct fitted values, ascending: the probabilities an event on a plateau gets. */
  public double[] levels() {
    return Arrays.stream(y).distinct().toArray();
  }

  /** The number of kept points. */
  public int size() {
    return x.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IsotonicCalibration c && Arrays.equals(x, c.x) && Arrays.equals(y, c.y);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
  }

  /** The kept points' fitted values, non-decreasing (a copy). */
  public double[] values() {
    return y.clone();
  }
}
