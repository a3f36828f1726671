package io.aimon.detectors.common;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An empirical distribution as a step function: sorted distinct finite values, each with a positive
 * count. F(x) = (sum of counts of values <= x) / n.
 *
 * <p>Built either exactly from raw samples ({@link #ofSamples}) or from a bounded summary whose
 * retained items carry weights (a quantile sketch's sorted view). Immutable.
 */
public final class EmpiricalCdf implements Serializable {
  private static final long serialVersionUID = 1L;
  private final double[] values;
  private final long[] counts;
  private final long n;

  /**
   * @param values strictly increasing finite values (copied)
   * @param counts positive count per value, same length (copied)
   * @throws IllegalArgumentException if the arrays differ in length, a value is not finite or not
   *     strictly increasing, or a count is not positive
   */
  public EmpiricalCdf(double[] values, long[] counts) {
    if (values.length != counts.length) {
      throw new IllegalArgumentException(
          "values and counts: expected equal lengths, found "
              + values.length
              + " and "
              + counts.length);
    }
    long total = 0;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "values[" + i + "]: expected a finite number, found " + values[i]);
      }
      if (i > 0 && !(values[i] > values[i - 1])) {
        throw new IllegalArgumentException(
            "values[" + i + "]: expected strictly increasing values");
      }
      if (counts[i] <= 0) {
        throw new IllegalArgumentException("counts[" + i + "]: expected > 0, found " + counts[i]);
      }
      total += counts[i];
    }
    this.values = values.clone();
    this.counts = counts.clone();
    this.n = total;
  }

  /** The exact empirical distribution of the samples; NaN and infinite values are dropped. */
  public static EmpiricalCdf ofSamples(double[] samples) {
    double[] sorted = Arrays.stream(samples).filter(Double::isFinite).sorted().toArray();
    double[] vals = new double[sorted.length];
    long[] cnts = new long[sorted.length];
    int k = -1;
    for (double x : sorted) {
      if (k >= 0 && vals[k] == x) {
        cnts[k]++;
      } else {
        k++;
        vals[k] = x;
        cnts[k] = 1;
      }
    }
    return new EmpiricalCdf(Arrays.copyOf(vals, k + 1), Arrays.copyOf(cnts, k + 1));
  }

  /** Total count n (the sample size). */
  public long n() {
    return n;
  }

  /** Number of distinct values. */
  public int size() {
    return values.length;
  }

  /** The i-th smallest distinct value. */
  public double value(int i) {
    return values[i];
  }

  /** The count of the i-th smallest distinct value. */
  public long count(int i) {
    return counts[i];
  }

  /** A copy of the distinct values, ascending. */
  public double[] values() {
    return values.clone();
  }

  /** A copy of the counts, aligned with {@link #values()}. */
  public long[] counts() {
    return counts.clone();
  }

  /** True when there are no values (n = 0). */
  public boolean isEmpty() {
    return n == 0;
  }
}
