package io.aimon.detectors.drift;

/**
 * The result of a two-sided two-sample Kolmogorov-Smirnov test ({@link Ks#test}).
 *
 * @param statistic D in [0, 1]; in exact mode rounded to the nearest multiple of 1/lcm(n1, n2) as
 *     scipy 1.10 does
 * @param pValue in [0, 1]
 * @param method {@link #EXACT} or {@link #ASYMP}: which distribution produced the p-value
 */
public record KsResult(double statistic, double pValue, String method) {
  /** The exact two-sample distribution produced the p-value. */
  public static final String EXACT = "exact";

  /** The one-sample Kolmogorov distribution at n = round(n1 n2 / (n1 + n2)) produced it. */
  public static final String ASYMP = "asymp";

  /**
   * @throws IllegalArgumentException if the statistic or p-value is NaN or outside [0, 1], or the
   *     method is not "exact" or "asymp"
   */
  public KsResult {
    if (!(statistic >= 0 && statistic <= 1)) {
      throw new IllegalArgumentException(
          "statistic: expected a number in [0, 1], found " + statistic);
    }
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("pValue: expected a number in [0, 1], found " + pValue);
    }
    if (!EXACT.equals(method) && !ASYMP.equals(method)) {
      throw new IllegalArgumentException(
          "method: expected \"exact\" or \"asymp\", found " + method);
    }
  }
}
