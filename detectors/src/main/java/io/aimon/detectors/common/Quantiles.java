package io.aimon.detectors.common;

/**
 * Quantiles of an empirical distribution with numpy's default (linear, Hyndman-Fan type 7)
 * interpolation: h = (n - 1) p, q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]), where
 * x[k] is the k-th smallest value (0-based). Exact on an exact CDF; on a sketch's CDF the result is
 * the quantile of the sketch's weighted items.
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * @param cdf a non-empty distribution
   * @param p the probability, in [0, 1]
   * @throws IllegalArgumentException when the distribution is empty or p is outside [0, 1]
   */
  public static double of(EmpiricalCdf cdf, double p) {
    if (cdf.isEmpty()) {
      throw new IllegalArgumentException("cdf: expected at least one value");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p: expected a probability in [0, 1], found " + p);
    }
    double h = (cdf.n() - 1) * p;
    long lo = (long) Math.floor(h);
    double a = orderStatistic(cdf, lo);
    double b = lo + 1 < cdf.n() ? orderStatistic(cdf, lo + 1) : a;
    return a + (h - lo) * (b - a);
  }

  /** The k-th smallest value (0-based) of the sample the CDF stands for. */
  static double orderStatistic(EmpiricalCdf cdf, long k) {
    long seen = 0;
    for (int i = 0; i < cdf.size(); i++) {
      seen += cdf.count(i);
      if (k < seen) {
        return cdf.value(i);
      }
    }
    throw new IllegalArgumentException("k: expected < " + cdf.n() + ", found " + k);
  }
}
