package io.aimon.detectors.drift;

/**
 * The result of {@link ChiSquare#of}.
 *
 * @param statistic sum (o - e)^2 / e, >= 0 (0 when there is a single category)
 * @param pValue chi-square survival function at the statistic with {@code dof} degrees of freedom,
 *     in [0, 1]; null when dof = 0
 * @param dof K - 1, >= 0
 */
public record ChiSquareResult(double statistic, Double pValue, int dof) {
  /**
   * @throws IllegalArgumentException if the statistic is NaN or negative, dof is negative, or the
   *     p-value is present for dof 0, absent for dof > 0, or outside [0, 1]
   */
  public ChiSquareResult {
    if (!(statistic >= 0)) {
      throw new IllegalArgumentException("statistic: expected a number >= 0, found " + statistic);
    }
    if (dof < 0) {
      throw new IllegalArgumentException("dof: expected >= 0, found " + dof);
    }
    if (dof == 0 && pValue != null) {
      throw new IllegalArgumentException("pValue: expected null for dof 0, found " + pValue);
    }
    if (dof > 0 && (pValue == null || !(pValue >= 0 && pValue <= 1))) {
      throw new IllegalArgumentException("pValue: expected a number in [0, 1], found " + pValue);
    }
  }
}
