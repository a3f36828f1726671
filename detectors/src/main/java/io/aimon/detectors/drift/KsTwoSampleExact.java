package io.aimon.detectors.drift;

/**
 * The exact null distribution of the two-sided two-sample Kolmogorov-Smirnov statistic: a port of
 * scipy 1.10's {@code _attempt_exact_2kssamp} and {@code _compute_prob_outside_square} ({@code
 * scipy/stats/_stats_py.py}) and {@code _compute_outer_prob_inside_method} ({@code
 * scipy/stats/_stats_pythran.py}; Hodges 1958 lattice-path count, in Viehmann's 2021 form that
 * computes 1 - p directly).
 *
 * <p>Package-private; {@link Ks} is the public entry point.
 */
final class KsTwoSampleExact {
  private KsTwoSampleExact() {}

  /**
   * Outcome of {@code _attempt_exact_2kssamp}: the statistic rounded to h/lcm(n1, n2) and the
   * probability, or {@code success == false} when scipy would fall back to the asymptotic method.
   */
  record Attempt(boolean success, double d, double probability) {}

  static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** _attempt_exact_2kssamp(n1, n2, g, d, 'two-sided'). */
  static Attempt attempt(long n1, long n2, double d) {
    long g = gcd(n1, n2);
    long lcm = (n1 / g) * n2;
    long h = (long) Math.rint(d * lcm);
    d = h * 1.0 / lcm;
    if (h == 0) {
      return new Attempt(true, d, 1.0);
    }
    double prob;
    if (n1 == n2) {
      prob = probOutsideSquare(n1, h);
    } else {
      prob = outerProbInsideMethod(n1, n2, g, h);
    }
    if (!(0 <= prob && prob <= 1)) {
      return new Attempt(false, d, prob);
    }
    return new Attempt(true, d, prob);
  }

  /**
   * _compute_prob_outside_square(n, h): Pr(D_{n,n} >= h/n), by the alternating series 2 (binom(2n,
   * n-h) - binom(2n, n-2h) + ...) / binom(2n, n) in Horner form.
   */
  static double probOutsideSquare(long n, long h) {
    double p = 0.0;
    long k = (long) Math.floor((double) n / h);
    while (k >= 0) {
      double p1 = 1.0;
      for (long j = 0; j < h; j++) {
        p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
      }
      p = p1 * (1.0 - p);
      k -= 1;
    }
    return 2 * p;
  }

  /**
   * _compute_outer_prob_inside_method(m, n, g, h): the proportion of lattice paths from (0, 0) to
   * (m, n) that do not stay strictly inside |x/m - y/n| < h/lcm(m, n).
   */
  static double outerProbInsideMethod(long m, long n, long g, long h) {
    if (m < n) {
      long t = m;
      m = n;
      n = t;
    }
    long mg = m / g;
    long ng = n / g;
    long minj = 0;
    long maxj = Math.min((long) Math.ceil((double) h / mg), n + 1);
    long curlen = maxj - minj;
    int lenA = (int) Math.min(2 * maxj + 2, n + 1);
    double[] a = new double[lenA];
    java.util.Arrays.fill(a, 1.0);
    for (int j = (int) minj; j < maxj; j++) {
      a[j] = 0.0;
    }
    for (long i = 1; i <= m; i++) {
      long lastminj = minj;
      long lastlen = curlen;
      minj = Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0);
      minj = Math.min(minj, n);
      maxj = Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1);
      if (maxj <= minj) {
        return 1.0;
      }
      double val = minj == 0 ? 0.0 : 1.0;
      for (long jj = 0; jj < maxj - minj; jj++) {
        long j = jj + minj;
        val = (a[(int) (jj + minj - lastminj)] * i + val * j) / (i + j);
        a[(int) jj] = val;
      }
      curlen = maxj - minj;
      if (lastlen > curlen) {
        long end = Math.min(maxj - minj + (lastlen - curlen), lenA); // numpy slices clip
        for (long c = maxj - minj; c < end; c++) {
          a[(int) c] = 1;
        }
      }
    }
    return a[(int) (maxj - minj - 1)];
  }
}
