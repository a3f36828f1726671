package io.aimon.detectors.performance;

/**
 * The regression metrics of one window (immutable), as produced by {@link
 * RegressionAccumulator#result()}; scikit-learn 1.2.1's definitions (see the package doc). Every
 * metric is null when {@code n == 0}.
 *
 * @param n events counted
 * @param mae mean |y - ŷ|
 * @param mse mean (y - ŷ)²
 * @param rmse sqrt(mse)
 * @param mape mean |y - ŷ| / max(|y|, 2.220446049250313e-16), a fraction (not a percentage); huge
 *     (~1e15 |y - ŷ|) when y = 0, as in sklearn
 * @param r2 sklearn's {@code r2_score} with force_finite: 1 - SSres/SStot; 1.0 when SSres = 0 (even
 *     for constant y), 0.0 when SStot = 0 and SSres &gt; 0; null when {@code n < 2} (sklearn
 *     returns NaN there)
 */
public record RegressionMetrics(
    long n, Double mae, Double mse, Double rmse, Double mape, Double r2) {

  /**
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public RegressionMetrics {
    if (n < 0) {
      throw new IllegalArgumentException("n: expected >= 0, found " + n);
    }
  }
}
