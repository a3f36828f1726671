package io.aimon.detectors.drift;

/**
 * Pr(D_n <= x) for the two-sided one-sample Kolmogorov-Smirnov statistic by Pomeranz's recursion
 * (Pomeranz 1974, ACM Algorithm 487): a port of {@code _kolmogn_Pomeranz} and {@code
 * _pomeranz_compute_j1j2} from scipy 1.10 {@code scipy/stats/_ksstats.py}.
 *
 * <p>Package-private: {@link KolmogorovDistribution} uses it for n <= 140 and 0.754693 < n x^2 <=
 * 4.
 */
final class PomeranzRecursion {
  private static final double EP128 = 0x1p128;
  private static final double EM128 = 0x1p-128;
  private static final int E128 = 128;

  private PomeranzRecursion() {}

  /** _pomeranz_compute_j1j2: the endpoints {j1, j2} of the interval for row i. */
  private static int[] computeJ1J2(int i, int n, int ll, int ceilf, int roundf) {
    int j1;
    int j2;
    if (i == 0) {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    } else {
      int ip1div2 = (i + 1) / 2;
      int ip1mod2 = (i + 1) % 2;
      if (ip1mod2 == 0) { // i is odd
        if (ip1div2 == n + 1) {
          j1 = n - ll - ceilf - 1;
          j2 = n + ll + ceilf - 1;
        } else {
          j1 = ip1div2 - 1 - ll - roundf - 1;
          j2 = ip1div2 + ll - 1 + ceilf - 1;
        }
      } else {
        j1 = ip1div2 - 1 - ll - 1;
        j2 = ip1div2 + ll + roundf - 1;
      }
    }
    return new int[] {Math.max(j1 + 2, 0), Math.min(j2, n)};
  }

  /** _kolmogn_Pomeranz(n, x, cdf=True), clipped to [0, 1]. */
  static double cdf(int n, double x) {
    double t = n * x;
    int ll = (int) Math.floor(t);
    double f = 1.0 * (t - ll);
    double g = Math.min(f, 1.0 - f);
    int ceilf = f > 0 ? 1 : 0;
    int roundf = f > 0.5 ? 1 : 0;
    int npwrs = 2 * (ll + 1);
    double[] gpower = new double[npwrs];
    double[] twogpower = new double[npwrs];
    double[] onem2gpower = new double[npwrs];
    gpower[0] = 1.0;
    twogpower[0] = 1.0;
    onem2gpower[0] = 1.0;
    int expnt = 0;
    double gOverN = g / n;
    double twoGOverN = 2 * g / n;
    double oneMinusTwoGOverN = (1 - 2 * g) / n;
    for (int m = 1; m < npwrs; m++) {
      gpower[m] = gpower[m - 1] * gOverN / m;
      twogpower[m] = twogpower[m - 1] * twoGOverN / m;
      onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
    }

    double[] v0 = new double[npwrs];
    double[] v1 = new double[npwrs];
    v1[0] = 1;
    int v0s = 0;
    int v1s = 0;

    int[] j12 = computeJ1J2(0, n, ll, ceilf, roundf);
    int j1 = j12[0];
    for (int i = 1; i < 2 * n + 2; i++) {
      int k1 = j1;
      double[] tmp = v0;
      v0 = v1;
      v1 = tmp;
      int tmps = v0s;
      v0s = v1s;
      v1s = tmps;
      java.util.Arrays.fill(v1, 0.0);
      j12 = computeJ1J2(i, n, ll, ceilf, roundf);
      j1 = j12[0];
      int j2 = j12[1];
      double[] pwrs;
      if (i == 1 || i == 2 * n + 1) {
        pwrs = gpower;
      } else {
        pwrs = (i % 2 != 0) ? twogpower : onem2gpower;
      }
      int ln2 = j2 - k1 + 1;
      if (ln2 > 0) {
        // conv = np.convolve(V0[k1 - V0s : k1 - V0s + ln2], pwrs[:ln2]) (full mode)
        int aStart = k1 - v0s;
        int aLen = Math.max(0, Math.min(aStart + ln2, npwrs) - aStart);
        int bLen = Math.min(ln2, npwrs);
        int convStart = j1 - k1;
        int convLen = j2 - j1 + 1;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < convLen; c++) {
          int kk = convStart + c;
          double s = 0.0;
          int lo = Math.max(0, kk - bLen + 1);
          int hi = Math.min(aLen - 1, kk);
          for (int a = lo; a <= hi; a++) {
            s += v0[aStart + a] * pwrs[kk - a];
          }
          v1[c] = s;
        }
        for (double val : v1) {
          max = Math.max(max, val);
        }
        if (0 < max && max < EM128) {
          for (int c = 0; c < npwrs; c++) {
            v1[c] *= EP128;
          }
          expnt -= E128;
        }
        v1s = v0s + j1 - k1;
      }
    }

    double ans = v1[n - v1s];
    for (int m = 1; m <= n; m++) {
      if (Math.abs(ans) > EP128) {
        ans *= EM128;
        expnt += E128;
      }
      ans *= m;
    }
    if (expnt != 0) {
      ans = Math.scalb(ans, expnt);
    }
    return KolmogorovDistribution.clip(ans);
  }
}
