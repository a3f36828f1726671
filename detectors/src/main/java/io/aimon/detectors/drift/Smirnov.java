package io.aimon.detectors.drift;

/**
 * The one-sided Kolmogorov-Smirnov (Smirnov) survival function Pr(D_n^+ >= x): a port of {@code
 * scipy.special.smirnov}, i.e. cephes {@code kolmogorov.c} as shipped with scipy 1.10 (functions
 * {@code _smirnov}, {@code smirnov}, {@code modNX}, {@code updateBinomial}, {@code computeAv},
 * {@code pow_D}, {@code pow2}, {@code pow2Scaled_D}, {@code pow4_D}, {@code nextPowerOf2}), written
 * by Paul van Mulbregt after "Computing the Cumulative Distribution Function and Quantiles of the
 * One-sided Kolmogorov-Smirnov Statistic" (arXiv:1802.06966).
 *
 * <p>Only the survival function is ported; the density terms ({@code dAj}) the C code computes
 * alongside do not influence it and are left out. The arithmetic is double-double ({@link
 * DoubleDouble}), as in C, so results agree with scipy to a few ulp.
 *
 * <p>Package-private: {@link KolmogorovDistribution} uses it for the {@code 2 * smirnov(n, x)}
 * branches of {@code _kolmogn}.
 */
final class Smirnov {
  /** cephes MINLOG = log(2^-1075). */
  private static final double MINLOG = -7.451332191019412076235E2;

  /** SMIRNOV_MAX_COMPUTE_N. */
  private static final int MAX_COMPUTE_N = 1000000;

  /** SM_UPPER_MAX_TERMS. */
  private static final int UPPER_MAX_TERMS = 3;

  /** SM_UPPERSUM_MIN_N. */
  private static final int UPPERSUM_MIN_N = 10;

  /** _MAX_EXPONENT. */
  private static final int MAX_EXPONENT = 960;

  private static final double LN2 = 0.693147180559945309417232121458176568;
  private static final double DBL_EPSILON = Math.ulp(1.0);

  private Smirnov() {}

  /**
   * scipy.special.smirnov(n, x): Pr(D_n^+ >= x), clipped to [0, 1]; NaN when n <= 0 or x is NaN or
   * outside [0, 1].
   */
  static double sf(int n, double x) {
    if (Double.isNaN(x) || !(n > 0 && x >= 0.0 && x <= 1.0)) {
      return Double.NaN;
    }
    if (n == 1) {
      return 1 - x;
    }
    if (x == 0.0) {
      return 1.0;
    }
    if (x == 1.0) {
      return 0.0;
    }
    // modNX: floor(n*x) and the remainder, exactly.
    DoubleDouble nxD = DoubleDouble.mul(n, x);
    DoubleDouble nxFloorD = nxD.floor();
    double alpha = nxD.sub(nxFloorD).hi;
    int nxfl = (int) nxFloorD.hi;
    if (alpha == 1) {
      nxfl += 1;
      alpha = 0;
    }
    int n1mxfl = n - nxfl - (alpha == 0 ? 0 : 1);
    int n1mxceil = n - nxfl;
    if (alpha == 0) {
      n1mxfl -= 1;
      n1mxceil += 1;
    }

    // Special case: x <= 1/n
    if (nxfl == 0 || (nxfl == 1 && alpha == 0)) {
      double t = pow2(1, x, n - 1);
      double cdf = x * t;
      return 1 - cdf;
    }
    // Special case: x so big that the sf underflows
    if (-2 * n * x * x < MINLOG) {
      return 0;
    }
    // Special case: x >= 1 - 1/n
    if (nxfl >= n - 1) {
      return pow2(1, -x, n);
    }
    // Special case: n too big to compute
    if (n > MAX_COMPUTE_N) {
      double logp = -Math.pow(6.0 * n * x + 1, 2) / 18.0 / n;
      if (logp < -LN2) {
        return Math.exp(logp);
      }
      double cdf = -Math.expm1(logp);
      return 1 - cdf;
    }
    int nUpperTerms = n - n1mxceil + 1;
    boolean useUpperSum = nUpperTerms <= 1 && x < 0.5;
    useUpperSum =
        useUpperSum
            || (n >= UPPERSUM_MIN_N && nUpperTerms <= UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

    int start = 0;
    int step = 1;
    int nTerms = n1mxfl + 1;
    int vmid = n / 2;
    DoubleDouble cman = DoubleDouble.ONE;
    int[] cexpt = {0};
    DoubleDouble aj;
    if (useUpperSum) {
      start = n;
      step = -1;
      nTerms = n - n1mxceil + 1;
      aj = pow4(1, x, 1, 0, n - 1);
    } else {
      DoubleDouble t2 = pow4(1, -x, 1, 0, n);
      aj = t2.div(x);
    }
    DoubleDouble ajSum = DoubleDouble.ZERO.add(aj);
    cman = updateBinomial(cman, cexpt, n, 0);
    for (int j = 1; j < nTerms; j++) {
      int v = start + j * step;
      aj = computeAv(n, x, v, cman, cexpt[0]);
      if (aj.isFinite() && !aj.isZero()) {
        ajSum = ajSum.add(aj);
      }
      if (!aj.isZero()) {
        if ((4.0 * (nTerms - j) * Math.abs(aj.hi) < DBL_EPSILON * ajSum.hi) && (j != nTerms - 1)) {
          break;
        }
      } else if (j > vmid) {
        break;
      }
      cman = updateBinomial(cman, cexpt, n, j);
    }
    double prob = DoubleDouble.mul(x, ajSum).hi;
    double sf = step < 0 ? 1 - prob : prob;
    return Math.min(Math.max(sf, 0.0), 1.0);
  }

  /** updateBinomial: C(n, j+1) = C(n, j) * (n-j)/(j+1), mantissa in [0.5, 1) plus exponent. */
  private static DoubleDouble updateBinomial(DoubleDouble cman, int[] cexpt, int n, int j) {
    DoubleDouble rat = DoubleDouble.div(n - j, j + 1.0);
    DoubleDouble man2 = cman.mul(rat);
    int[] expt = new int[1];
    man2 = man2.frexp(expt);
    cexpt[0] += expt[0];
    return man2;
  }

  /** computeAv: A_v(n, x) = C(n, v) (1-x-v/n)^(n-v) (x+v/n)^(v-1). */
  private static DoubleDouble computeAv(int n, double x, int v, DoubleDouble cman, int cexpt) {
    int[] t1E = new int[1];
    int[] t2E = new int[1];
    DoubleDouble t2x = DoubleDouble.div(n - v, n).sub(x);
    DoubleDouble t2 = pow2Scaled(t2x, n - v, t2E);
    DoubleDouble t1x = DoubleDouble.div(v, n).add(x);
    DoubleDouble t1 = pow2Scaled(t1x, v - 1, t1E);
    DoubleDouble ans = t1.mul(t2).mul(cman);
    return ans.ldexp(cexpt + t1E[0] + t2E[0]);
  }

  /** pow_D: a^m, trading some accuracy for speed as the C code does. */
  static DoubleDouble pow(DoubleDouble a, int m) {
    if (m <= 0) {
      if (m == 0) {
        return DoubleDouble.ONE;
      }
      return pow(a, -m).inverse();
    }
    if (a.isZero()) {
      return DoubleDouble.ZERO;
    }
    double ans = Math.pow(a.hi, m);
    double r = a.lo / a.hi;
    double adj = m * r;
    if (Math.abs(adj) > 1e-8) {
      if (Math.abs(adj) < 1e-4) {
        adj += (m * r) * ((m - 1) / 2.0 * r);
      } else {
        adj = Math.expm1(m * Math.log1p(r));
      }
    }
    return DoubleDouble.add(ans, ans * adj);
  }

  /** pow2: (a+b)^m as a double. */
  private static double pow2(double a, double b, int m) {
    return pow(DoubleDouble.add(a, b), m).hi;
  }

  /** pow4_D: ((a+b)/(c+d))^m. */
  private static DoubleDouble pow4(double a, double b, double c, double d, int m) {
    if (m <= 0) {
      if (m == 0) {
        return DoubleDouble.ONE;
      }
      return pow4(c, d, a, b, -m);
    }
    DoubleDouble aa = DoubleDouble.add(a, b);
    DoubleDouble cc = DoubleDouble.add(c, d);
    if (aa.isZero()) {
      return cc.isZero() ? new DoubleDouble(Double.NaN, Double.NaN) : DoubleDouble.ZERO;
    }
    if (cc.isZero()) {
      double inf = aa.hi < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      return new DoubleDouble(inf, 0.0);
    }
    return pow(aa.div(cc), m);
  }

  /** pow2Scaled_D: a^m = mantissa * 2^exponent; the exponent is stored in {@code exponent[0]}. */
  private static DoubleDouble pow2Scaled(DoubleDouble a, int m, int[] exponent) {
    if (m <= 0) {
      if (m == 0) {
        exponent[0] = 0;
        return DoubleDouble.ONE;
      }
      int[] aE1 = new int[1];
      int[] aE2 = new int[1];
      DoubleDouble ans = pow2Scaled(a, -m, aE1);
      ans = ans.inverse().frexp(aE2);
      exponent[0] = -aE1[0] + aE2[0];
      return ans;
    }
    int[] yE = new int[1];
    DoubleDouble y = a.frexp(yE);
    if (m == 1) {
      exponent[0] = yE[0];
      return y;
    }
    int maxExpt = MAX_EXPONENT;
    if (m * (y.hi - 1) / y.hi < -MAX_EXPONENT * LN2) {
      double lg2y = Math.log(y.hi) / LN2;
      double lgAns = m * lg2y;
      if (lgAns <= -MAX_EXPONENT) {
        maxExpt = (int) (nextPowerOf2(-MAX_EXPONENT / lg2y + 1) / 2);
      }
    }
    if (m <= maxExpt) {
      int[] ansE = new int[1];
      DoubleDouble ans = pow(y, m).frexp(ansE);
      exponent[0] = ansE[0] + m * yE[0];
      return ans;
    }
    int q = m / maxExpt;
    int r = m % maxExpt;
    int[] y2rE = new int[1];
    int[] y2mE = new int[1];
    int[] y2mqE = new int[1];
    int[] ansE = new int[1];
    DoubleDouble y2r = pow2Scaled(y, r, y2rE);
    DoubleDouble y2m = pow2Scaled(y, maxExpt, y2mE);
    DoubleDouble y2mq = pow2Scaled(y2m, q, y2mqE);
    DoubleDouble ans = y2r.mul(y2mq).frexp(ansE);
    int e = ansE[0] + (y2mqE[0] + y2mE[0] * q) + y2rE[0] + m * yE[0];
    exponent[0] = e;
    return ans;
  }

  /** nextPowerOf2 as in kolmogorov.c (despite its name it rounds x to an integer-ish value). */
  private static double nextPowerOf2(double x) {
    double q = Math.scalb(x, 1 - 53);
    double l = Math.abs(q + x);
    if (l == 0) {
      l = Math.abs(x);
    } else {
      int lint = (int) l;
      if (lint == l) {
        l = lint;
      }
    }
    return l;
  }
}
