package io.aimon.detectors.drift;

import io.aimon.detectors.common.EmpiricalCdf;

/**
 * The two-sided two-sample Kolmogorov-Smirnov test, matching {@code scipy.stats.ks_2samp(ref, win,
 * alternative='two-sided', method='auto')} of scipy 1.10.1.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * KsResult r = Ks.test(EmpiricalCdf.ofSamples(ref), EmpiricalCdf.ofSamples(win));
 * if (r.pValue() < 0.01 && r.statistic() >= 0.1) { ... }
 * }</pre>
 *
 * <p>Definition: D = sup_x |F_ref(x) - F_win(x)| over the empirical CDFs (ties allowed; F(x) =
 * share of values <= x, each computed as count/n in double, as scipy does). P-value: when max(n1,
 * n2) <= 10000 the exact distribution ({@link #pValueExact}; D is then reported as round(D
 * lcm)/lcm, the value scipy returns), otherwise {@code kstwo.sf(D, round(n1 n2 / (n1 + n2)))}
 * ({@link #pValueAsymp}). If the exact computation fails (a probability outside [0, 1]) scipy
 * silently uses the asymptotic value; so does this class, and it then reports the method as
 * "asymp".
 *
 * <p>Domain: both samples non-empty (NaN already dropped, as {@link EmpiricalCdf} does); an empty
 * sample is rejected with IllegalArgumentException, like scipy's ValueError. Accuracy: D exact
 * (bit-identical to scipy), p-values within 1e-6 relative of scipy (docs/metrics.md; observed below
 * 1e-12 on the shared vectors).
 */
public final class Ks {
  /** scipy's MAX_AUTO_N: 'auto' is exact iff max(n1, n2) <= this. */
  public static final long MAX_EXACT_N = 10000;

  private Ks() {}

  /**
   * D = sup |F_ref - F_win|, evaluated at every distinct value of either sample.
   *
   * @throws IllegalArgumentException if either distribution is empty
   */
  public static double statistic(EmpiricalCdf ref, EmpiricalCdf win) {
    requireNonEmpty(ref, "ref");
    requireNonEmpty(win, "win");
    double n1 = ref.n();
    double n2 = win.n();
    int i = 0;
    int j = 0;
    long c1 = 0;
    long c2 = 0;
    double d = 0.0;
    while (i < ref.size() || j < win.size()) {
      double x;
      if (j >= win.size() || (i < ref.size() && ref.value(i) < win.value(j))) {
        x = ref.value(i);
      } else {
        x = win.value(j);
      }
      while (i < ref.size() && ref.value(i) == x) {
        c1 += ref.count(i++);
      }
      while (j < win.size() && win.value(j) == x) {
        c2 += win.count(j++);
      }
      double diff = Math.abs(c1 / n1 - c2 / n2);
      if (diff > d) {
        d = diff;
      }
    }
    return d;
  }

  /**
   * The test with scipy's method='auto'.
   *
   * @throws IllegalArgumentException if either distribution is empty
   */
  public static KsResult test(EmpiricalCdf ref, EmpiricalCdf win) {
    double d = statistic(ref, win);
    long n1 = ref.n();
    long n2 = win.n();
    if (Math.max(n1, n2) <= MAX_EXACT_N) {
      KsTwoSampleExact.Attempt attempt = KsTwoSampleExact.attempt(n1, n2, d);
      if (attempt.success()) {
        return new KsResult(attempt.d(), attempt.probability(), KsResult.EXACT);
      }
      return new KsResult(attempt.d(), pValueAsymp(n1, n2, attempt.d()), KsResult.ASYMP);
    }
    return new KsResult(d, pValueAsymp(n1, n2, d), KsResult.ASYMP);
  }

  /**
   * The p-value of {@code ks_2samp(..., method='exact')} for a statistic d: d is first rounded to
   * h/lcm(n1, n2); when lcm(n1, n2) / gcd is too large (n1/g >= (2^31-1)/(n2/g)) or the exact
   * computation fails, scipy (and this method) return the asymptotic value instead.
   *
   * @param n1 size of the first sample, >= 1
   * @param n2 size of the second sample, >= 1
   * @param d the statistic, in [0, 1]
   * @throws IllegalArgumentException if a size is < 1 or d is not in [0, 1]
   */
  public static double pValueExact(long n1, long n2, double d) {
    checkArgs(n1, n2, d);
    long g = KsTwoSampleExact.gcd(n1, n2);
    if (n1 / g >= (double) Integer.MAX_VALUE / (n2 / g)) {
      return pValueAsymp(n1, n2, d);
    }
    KsTwoSampleExact.Attempt attempt = KsTwoSampleExact.attempt(n1, n2, d);
    if (attempt.success()) {
      return KolmogorovDistribution.clip(attempt.probability());
    }
    return pValueAsymp(n1, n2, attempt.d());
  }

  /**
   * The p-value of {@code ks_2samp(..., method='asymp')}: {@code kstwo.sf(d, round(en))} with en =
   * m n / (m + n), m >= n (round half to even, as numpy), clipped to [0, 1].
   *
   * @throws IllegalArgumentException if a size is < 1 or d is not in [0, 1]
   */
  public static double pValueAsymp(long n1, long n2, double d) {
    checkArgs(n1, n2, d);
    double m = Math.max(n1, n2);
    double n = Math.min(n1, n2);
    double en = m * n / (m + n);
    return KolmogorovDistribution.sf((long) Math.rint(en), d);
  }

  private static void checkArgs(long n1, long n2, double d) {
    if (n1 < 1) {
      throw new IllegalArgumentException("n1: expected >= 1, found " + n1);
    }
    if (n2 < 1) {
      throw new IllegalArgumentException("n2: expected >= 1, found " + n2);
    }
    if (!(d >= 0 && d <= 1)) {
      throw new IllegalArgumentException("d: expected a number in [0, 1], found " + d);
    }
  }

  private static void requireNonEmpty(EmpiricalCdf cdf, String name) {
    if (cdf == null) {
      throw new IllegalArgumentException(name + ": expected a distribution, found null");
    }
    if (cdf.isEmpty()) {
      throw new IllegalArgumentException(name + ": expected at least one value, found none");
    }
  }
}
