package io.aimon.detectors.fairness;

/**
 * The Wilson score interval for a binomial proportion at 95% confidence.
 *
 * <p>Definition (vectors README, "Fairness"): with p̂ = k/n and z = {@value #Z},
 *
 * <pre>
 * c = (p̂ + z²/2n) / (1 + z²/n)
 * h = z / (1 + z²/n) · sqrt(p̂(1 - p̂)/n + z²/4n²)
 * interval = [max(0, c - h), min(1, c + h)]
 * </pre>
 *
 * Domain: 0 &lt;= k &lt;= n, n &gt;= 1. The interval always contains p̂ and lies in [0, 1]. For k =
 * 0 the lower end is exactly 0 and for k = n the upper end exactly 1: mathematically c - h = 0 and
 * c + h = 1 there, which the formula in doubles only gives up to rounding (e.g. 1e-17 above 0 for
 * 0/7). Exact otherwise: the formula as written in doubles, within 1e-12 of the oracle's numpy
 * values. Stateless and thread-safe.
 */
public final class Wilson {
  /** The two-sided 95% normal quantile, {@code scipy.stats.norm.ppf(0.975)}. */
  public static final double Z = 1.959963984540054;

  private Wilson() {}

  /**
   * @param k successes, in [0, n]
   * @param n trials, at least 1
   * @return a new array {lower, upper}
   * @throws IllegalArgumentException if {@code n < 1} or {@code k} is not in [0, n]
   */
  public static double[] interval(long k, long n) {
    if (n < 1) {
      throw new IllegalArgumentException("n: expected an integer >= 1, found " + n);
    }
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("k: expected an integer in [0, " + n + "], found " + k);
    }
    double nn = n;
    double p = k / nn;
    double z2 = Z * Z;
    double d = 1.0 + z2 / nn;
    double centre = (p + z2 / (2.0 * nn)) / d;
    double half = (Z / d) * Math.sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
    double lower = k == 0 ? 0.0 : Math.max(0.0, centre - half);
    double upper = k == n ? 1.0 : Math.min(1.0, centre + half);
    return new double[] {lower, upper};
  }
}
