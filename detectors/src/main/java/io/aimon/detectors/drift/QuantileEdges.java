package io.aimon.detectors.drift;

import java.util.Arrays;

/**
 * Bin edges for numeric drift: {@code numpy.unique(numpy.quantile(ref, numpy.linspace(0.1, 0.9,
 * 9)))} with numpy 1.24's default 'linear' method (Hyndman-Fan type 7).
 *
 * <p>Definition (numpy, reproduced bit for bit): the probabilities are numpy's linspace doubles p_i
 * = 0.1 + i * ((0.9 - 0.1) / 8) for i = 0..7 and p_8 = 0.9, which gives 0.30000000000000004 and
 * 0.7000000000000001 rather than 0.3 and 0.7. For a sorted sample x of size n, h = (n - 1) p, lo =
 * floor(h), g = h - lo and the quantile is numpy's two-sided {@code _lerp}: x[lo] + (x[lo+1] -
 * x[lo]) g when g < 0.5, else x[lo+1] - (x[lo+1] - x[lo]) (1 - g); h >= n - 1 gives x[n-1]. The
 * nine quantiles are then de-duplicated (sorted, exact equality), so features with ties get fewer
 * edges. A plain {@code k/10} or one-sided lerp port differs by ulps and, for n = 91, 171, 181,
 * ..., moves tied values into another bin (vectors cases 13 and 14).
 *
 * <p>Domain: a sorted array of finite values; an empty array gives no edges. Exact (no tolerance):
 * equal to numpy's doubles.
 */
public final class QuantileEdges {
  private static final double[] PROBABILITIES = linspace(0.1, 0.9, 9);

  private QuantileEdges() {}

  /**
   * The de-duplicated reference deciles, ascending.
   *
   * @param sortedFiniteReference the reference sample, sorted ascending, NaN already dropped (not
   *     modified)
   * @return 0 to 9 strictly increasing edges; empty for an empty reference
   * @throws IllegalArgumentException if the array is null, not sorted or holds a non-finite value
   */
  public static double[] of(double[] sortedFiniteReference) {
    if (sortedFiniteReference == null) {
      throw new IllegalArgumentException("sortedFiniteReference: expected an array, found null");
    }
    double[] x = sortedFiniteReference;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            "sortedFiniteReference[" + i + "]: expected a finite number, found " + x[i]);
      }
      if (i > 0 && x[i] < x[i - 1]) {
        throw new IllegalArgumentException(
            "sortedFiniteReference["
                + i
                + "]: expected values sorted ascending, found "
                + x[i]
                + " after "
                + x[i - 1]);
      }
    }
    if (x.length == 0) {
      return new double[0];
    }
    double[] q = new double[PROBABILITIES.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = quantile(x, PROBABILITIES[i]);
    }
    Arrays.sort(q);
    int k = 0;
    for (int i = 0; i < q.length; i++) {
      if (i == 0 || q[i] != q[k - 1]) {
        q[k++] = q[i];
      }
    }
    return Arrays.copyOf(q, k);
  }

  /** A copy of the nine probabilities numpy's linspace(0.1, 0.9, 9) gives. */
  static double[] probabilities() {
    return PROBABILITIES.clone();
  }

  /** numpy 'linear' quantile of a sorted non-empty sample at probability p in [0, 1]. */
  static double quantile(double[] sorted, double p) {
    int n = sorted.length;
    double h = (n - 1) * p;
    if (h >= n - 1) {
      return sorted[n - 1];
    }
    int lo = (int) Math.floor(h);
    double g = h - lo;
    double a = sorted[lo];
    double b = sorted[lo + 1];
    double diff = b - a;
    return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
  }

  /** numpy.linspace(start, stop, num) with endpoint=True: start + i * step, last = stop. */
  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      y[i] = i * step + start;
    }
    y[num - 1] = stop;
    return y;
  }
}
