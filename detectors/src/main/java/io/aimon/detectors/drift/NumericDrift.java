package io.aimon.detectors.drift;

import io.aimon.detectors.common.EmpiricalCdf;

/**
 * All numeric drift metrics of docs/metrics.md for one feature in one window: KS (D and p-value),
 * Wasserstein, and PSI, Jensen-Shannon and Hellinger over the reference-decile bins.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * double[] sortedRef = ...;                       // NaN dropped, sorted
 * double[] edges = QuantileEdges.of(sortedRef);   // fixed when the reference profile is built
 * NumericDriftResult r = NumericDrift.compare(
 *     edges, Bins.count(edges, sortedRef), EmpiricalCdf.ofSamples(sortedRef),
 *     Bins.count(edges, window), EmpiricalCdf.ofSamples(window));
 * }</pre>
 *
 * <p>Definitions: {@link Ks#test}, {@link Wasserstein#distance}, {@link Psi#of}, {@link
 * JensenShannon#of} and {@link Hellinger#of}, the last three on p = refBinCounts / n_ref and q =
 * winBinCounts / n_win. Each is exact within the tolerance its class states. Empty input: either
 * side with n = 0 (for example a window whose values are all missing) is rejected with
 * IllegalArgumentException; callers check for it first and report the metrics as undefined.
 */
public final class NumericDrift {
  private NumericDrift() {}

  /**
   * @param edges the reference bin edges (strictly increasing, finite)
   * @param refBinCounts reference counts per bin, length edges.length + 1, summing to refCdf.n()
   * @param refCdf the reference distribution (exact, or from a bounded summary)
   * @param winBinCounts window counts per bin, length edges.length + 1, summing to winCdf.n()
   * @param winCdf the window distribution
   * @throws IllegalArgumentException if an argument is null, a length or total does not match, a
   *     count is negative, or either side is empty
   */
  public static NumericDriftResult compare(
      double[] edges,
      long[] refBinCounts,
      EmpiricalCdf refCdf,
      long[] winBinCounts,
      EmpiricalCdf winCdf) {
    Bins.checkEdges(edges);
    long nRef = checkSide(edges, refBinCounts, refCdf, "refBinCounts", "refCdf");
    long nWin = checkSide(edges, winBinCounts, winCdf, "winBinCounts", "winCdf");
    KsResult ks = Ks.test(refCdf, winCdf);
    double w = Wasserstein.distance(refCdf, winCdf);
    double[] p = Proportions.of(refBinCounts, nRef);
    double[] q = Proportions.of(winBinCounts, nWin);
    return new NumericDriftResult(
        nRef,
        nWin,
        ks.statistic(),
        ks.pValue(),
        ks.method(),
        w,
        Psi.of(p, q),
        JensenShannon.of(p, q),
        Hellinger.of(p, q));
  }

  private static long checkSide(
      double[] edges, long[] counts, EmpiricalCdf cdf, String countsName, String cdfName) {
    long n = Proportions.total(counts, countsName);
    if (counts.length != edges.length + 1) {
      throw new IllegalArgumentException(
          countsName
              + ": expected "
              + (edges.length + 1)
              + " bins (edges + 1), found "
              + counts.length);
    }
    if (cdf == null) {
      throw new IllegalArgumentException(cdfName + ": expected a distribution, found null");
    }
    if (n == 0 || cdf.isEmpty()) {
      throw new IllegalArgumentException(
          countsName
              + ": expected a non-empty sample, found n = 0 (drift is undefined; check first)");
    }
    if (cdf.n() != n) {
      throw new IllegalArgumentException(
          cdfName + ": expected n equal to the bin total " + n + ", found " + cdf.n());
    }
    return n;
  }
}
