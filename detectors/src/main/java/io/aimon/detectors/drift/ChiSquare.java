package io.aimon.detectors.drift;

import org.apache.commons.math3.special.Gamma;

/**
 * Pearson's chi-square goodness-of-fit test of window category counts against the reference
 * proportions, as {@code scipy.stats.chisquare(f_obs=win_counts, f_exp)} (ddof = 0).
 *
 * <p>Definition (docs/metrics.md): p_c = ref_c / n_ref, p'_c = p_c, or {@link Psi#EPSILON} = 1e-4
 * when the category is unseen in the reference (p_c = 0); expected counts e_c = n_win p'_c / sum
 * p'; statistic = sum_c (o_c - e_c)^2 / e_c with o = window counts; dof = K - 1; p-value =
 * chi-square survival function = Q(dof/2, statistic/2) (regularized upper incomplete gamma, as
 * scipy's {@code chdtrc}). K = 1 gives statistic 0, dof 0 and no p-value. A category unseen in the
 * reference but present in the window makes the statistic huge (e = n_win 1e-4 / (1 + 1e-4)): that
 * is the oracle's convention. Exact: statistic within 1e-9 relative of scipy, p-value within 1e-6
 * relative (docs/metrics.md).
 *
 * <p>Domain: equally long count arrays (at least one category) over the same categories, counts >=
 * 0, both totals > 0.
 */
public final class ChiSquare {
  private ChiSquare() {}

  /**
   * @throws IllegalArgumentException if an array is null or empty, the lengths differ, a count is
   *     negative, or a total is 0
   */
  public static ChiSquareResult of(long[] refCounts, long[] winCounts) {
    long nRef = Proportions.total(refCounts, "refCounts");
    long nWin = Proportions.total(winCounts, "winCounts");
    if (refCounts.length != winCounts.length) {
      throw new IllegalArgumentException(
          "winCounts: expected the same length as refCounts ("
              + refCounts.length
              + "), found "
              + winCounts.length);
    }
    if (refCounts.length == 0) {
      throw new IllegalArgumentException("refCounts: expected at least one category, found none");
    }
    if (nRef == 0) {
      throw new IllegalArgumentException("refCounts: expected a positive total, found 0");
    }
    if (nWin == 0) {
      throw new IllegalArgumentException("winCounts: expected a positive total, found 0");
    }
    int k = refCounts.length;
    if (k == 1) {
      return new ChiSquareResult(0.0, null, 0);
    }
    double[] expected = expectedCounts(refCounts, nRef, nWin);
    double stat = 0.0;
    for (int c = 0; c < k; c++) {
      double diff = winCounts[c] - expected[c];
      stat += diff * diff / expected[c];
    }
    int dof = k - 1;
    double p = Gamma.regularizedGammaQ(dof / 2.0, stat / 2.0);
    return new ChiSquareResult(stat, KolmogorovDistribution.clip(p), dof);
  }

  /** e_c = n_win p'_c / sum p'. */
  static double[] expectedCounts(long[] refCounts, long nRef, long nWin) {
    double[] pPrime = new double[refCounts.length];
    double sum = 0.0;
    for (int c = 0; c < refCounts.length; c++) {
      double p = (double) refCounts[c] / nRef;
      pPrime[c] = p > 0 ? p : Psi.EPSILON;
      sum += pPrime[c];
    }
    double[] e = new double[refCounts.length];
    for (int c = 0; c < e.length; c++) {
      e[c] = nWin * pPrime[c] / sum;
    }
    return e;
  }
}
