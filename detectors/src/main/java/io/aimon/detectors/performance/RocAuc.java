package io.aimon.detectors.performance;

import io.aimon.detectors.common.EmpiricalCdf;

/**
 * The area under the ROC curve of a score, from the score distributions of the positives and the
 * negatives, as {@code sklearn.metrics.roc_auc_score(y, score)}.
 *
 * <p>Definition: AUC = U / (n+ n-), the Mann-Whitney statistic U = #{(i, j) : s+_i > s-_j} + ½
 * #{(i, j) : s+_i = s-_j} over all pairs of a positive and a negative, i.e. the probability that a
 * random positive scores above a random negative, a tie counting ½. This is what sklearn's
 * trapezoidal ROC area gives. Domain: two non-empty distributions of finite scores (any range; only
 * their order matters). Result in [0, 1]; 1 for perfect separation, 0.5 when every score is tied.
 *
 * <p><b>Exact</b> on exact distributions ({@link EmpiricalCdf#ofSamples}, or a {@code
 * ValueDistribution} in exact mode): 2U is counted in a {@code long} (in a {@code double} only if
 * it would exceed 2^63), so the one rounding is the final division, and the result agrees with
 * sklearn within 1e-12 (docs/metrics.md). One merge pass over the distinct values: O(d+ + d-).
 *
 * <p><b>Bound for sketched distributions.</b> Write AUC(P, N) = E_P[G_N(s)] with G_N(s) = (F_N(s⁻)
 * + F_N(s)) / 2, and equally AUC(P, N) = 1 - E_N[G_P(s)]. If the negatives' CDF is off by at most
 * eps- everywhere (and so are its left limits), G_N is off by at most eps-, and so is the
 * expectation over any P; likewise for the positives with eps+. Splitting AUC(P', N') - AUC(P, N) =
 * [AUC(P', N') - AUC(P', N)] + [AUC(P', N) - AUC(P, N)] gives
 *
 * <pre>|AUC_sketch - AUC_exact| &lt;= eps+ + eps-</pre>
 *
 * where eps± are the sketches' normalized rank errors ({@code ValueDistribution.rankErrorBound()},
 * 0 for an exact side), each holding with 99% confidence, so the sum holds with at least 98%. With
 * the default KLL k = 4096 (eps = 0.000706 per side) the bound is 0.0014, inside docs/metrics.md's
 * 0.005. Stateless and thread-safe.
 */
public final class RocAuc {
  private RocAuc() {}

  /**
   * @param positives the scores of the events whose label is positive
   * @param negatives the scores of the events whose label is negative
   * @return the AUC in [0, 1]
   * @throws IllegalArgumentException if either distribution is null or empty (the AUC is undefined
   *     with one class; callers report it as absent)
   */
  public static double of(EmpiricalCdf positives, EmpiricalCdf negatives) {
    if (positives == null || positives.isEmpty()) {
      throw new IllegalArgumentException("positives: expected at least one score, found none");
    }
    if (negatives == null || negatives.isEmpty()) {
      throw new IllegalArgumentException("negatives: expected at least one score, found none");
    }
    long twiceU = 0;
    boolean overflow = false;
    double twiceUApprox = 0.0;
    long negativesBelow = 0;
    int j = 0;
    for (int i = 0; i < positives.size(); i++) {
      double x = positives.value(i);
      while (j < negatives.size() && negatives.value(j) < x) {
        negativesBelow += negatives.count(j++);
      }
      long tied = j < negatives.size() && negatives.value(j) == x ? negatives.count(j) : 0;
      long p = positives.count(i);
      twiceUApprox += (double) p * (2.0 * negativesBelow + tied);
      if (!overflow) {
        try {
          long term =
              Math.multiplyExact(p, Math.addExact(Math.multiplyExact(2L, negativesBelow), tied));
          twiceU = Math.addExact(twiceU, term);
        } catch (ArithmeticException e) {
          overflow = true;
        }
      }
    }
    double pairs = (double) positives.n() * (double) negatives.n();
    double numerator = overflow ? twiceUApprox : (double) twiceU;
    return numerator / (2.0 * pairs);
  }
}
