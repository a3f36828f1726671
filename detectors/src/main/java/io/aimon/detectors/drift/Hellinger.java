package io.aimon.detectors.drift;

/**
 * The Hellinger distance between proportions p and q.
 *
 * <p>Definition (docs/metrics.md): H = sqrt(max(0, 1 - BC)) with the Bhattacharyya coefficient BC =
 * sum_i sqrt(p_i q_i), no epsilon, no renormalisation. Domain: equally long arrays of finite
 * proportions >= 0 (normally summing to 1). Range [0, 1]; 0 for identical inputs. Exact in this 1 -
 * BC form; it cancels near 0 (about 2e-15 in BC, so up to ~1e-8 in H against the algebraically
 * equal form sqrt(sum (sqrt p - sqrt q)^2 / 2)), hence the 1e-7 absolute tolerance of
 * docs/metrics.md.
 */
public final class Hellinger {
  private Hellinger() {}

  /**
   * @throws IllegalArgumentException if an array is null, the lengths differ, or a value is
   *     negative, NaN or infinite
   */
  public static double of(double[] p, double[] q) {
    Proportions.check(p, q);
    double bc = 0.0;
    for (int i = 0; i < p.length; i++) {
      bc += Math.sqrt(p[i] * q[i]);
    }
    return Math.sqrt(Math.max(0.0, 1.0 - bc));
  }
}
