package io.aimon.detectors.drift;

/**
 * The population stability index between reference proportions p and window proportions q.
 *
 * <p>Definition (docs/metrics.md): PSI = sum_i (q'_i - p'_i) ln(q'_i / p'_i), where a zero
 * proportion is replaced by {@link #EPSILON} = 1e-4 and nothing is renormalised. Domain: equally
 * long arrays of finite proportions >= 0 (normally summing to 1; not checked). Result >= 0, 0 for
 * identical inputs, 0 for empty arrays. Exact: one pass in index order; agrees with the numpy
 * oracle within 1e-9 relative (docs/metrics.md).
 */
public final class Psi {
  /** The value that replaces a zero proportion. */
  public static final double EPSILON = 1e-4;

  private Psi() {}

  /**
   * @throws IllegalArgumentException if an array is null, the lengths differ, or a value is
   *     negative, NaN or infinite
   */
  public static double of(double[] p, double[] q) {
    Proportions.check(p, q);
    double sum = 0.0;
    for (int i = 0; i < p.length; i++) {
      double pp = p[i] > 0 ? p[i] : EPSILON;
      double qq = q[i] > 0 ? q[i] : EPSILON;
      sum += (qq - pp) * Math.log(qq / pp);
    }
    return sum;
  }
}
