package io.aimon.detectors.drift;

/**
 * The Jensen-Shannon distance with base-2 logarithms, as {@code
 * scipy.spatial.distance.jensenshannon(p, q, base=2)}.
 *
 * <p>Definition: p and q are first divided by their sums (as scipy does); m = (p + q)/2; JS =
 * sqrt((KL(p||m) + KL(q||m)) / (2 ln 2)) with 0 ln 0 = 0 and no epsilon. Domain: equally long
 * arrays of finite values >= 0, each with a positive sum. Range [0, 1]: 0 for identical inputs, 1
 * for disjoint supports. One deviation: a sum that rounding makes slightly negative gives 0 here,
 * NaN in scipy. Exact: agrees with scipy within 1e-9 relative (docs/metrics.md).
 */
public final class JensenShannon {
  private static final double LN2 = Math.log(2);

  private JensenShannon() {}

  /**
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a value is
   *     negative, NaN or infinite, or an array sums to 0
   */
  public static double of(double[] p, double[] q) {
    Proportions.check(p, q);
    double sp = sum(p, "p");
    double sq = sum(q, "q");
    double left = 0.0;
    double right = 0.0;
    for (int i = 0; i < p.length; i++) {
      double pi = p[i] / sp;
      double qi = q[i] / sq;
      double m = (pi + qi) / 2.0;
      left += relEntr(pi, m);
      right += relEntr(qi, m);
    }
    double js = (left + right) / LN2;
    return Math.sqrt(Math.max(0.0, js / 2.0));
  }

  /** scipy.special.rel_entr(x, y) for x >= 0, y >= x/2 (so y > 0 whenever x > 0). */
  private static double relEntr(double x, double y) {
    return x > 0 ? x * Math.log(x / y) : 0.0;
  }

  private static double sum(double[] p, String name) {
    double s = 0.0;
    for (double v : p) {
      s += v;
    }
    if (!(s > 0)) {
      throw new IllegalArgumentException(name + ": expected a positive sum, found " + s);
    }
    return s;
  }
}
