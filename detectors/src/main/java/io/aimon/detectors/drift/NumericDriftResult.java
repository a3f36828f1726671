package io.aimon.detectors.drift;

/**
 * Drift of one numeric feature (or the model score) in one window against the reference; produced
 * by {@link NumericDrift#compare}. Immutable.
 *
 * @param nRef reference sample size (non-missing values), >= 1
 * @param nWin window sample size (non-missing values), >= 1
 * @param ksStatistic Kolmogorov-Smirnov D, in [0, 1]
 * @param ksPValue its p-value, in [0, 1]
 * @param ksMethod "exact" or "asymp" ({@link KsResult#EXACT}, {@link KsResult#ASYMP})
 * @param wasserstein earth mover's distance in raw units, >= 0
 * @param psi population stability index over the reference-decile bins, >= 0
 * @param jensenShannon Jensen-Shannon distance (base 2) over the bins, >= 0
 * @param hellinger Hellinger distance over the bins, in [0, 1]
 */
public record NumericDriftResult(
    long nRef,
    long nWin,
    double ksStatistic,
    double ksPValue,
    String ksMethod,
    double wasserstein,
    double psi,
    double jensenShannon,
    double hellinger) {

  /**
   * @throws IllegalArgumentException naming the first field outside its range (NaN included)
   */
  public NumericDriftResult {
    if (nRef < 1) {
      throw new IllegalArgumentException("nRef: expected >= 1, found " + nRef);
    }
    if (nWin < 1) {
      throw new IllegalArgumentException("nWin: expected >= 1, found " + nWin);
    }
    new KsResult(ksStatistic, ksPValue, ksMethod); // validates the three KS fields
    requireNonNegative(wasserstein, "wasserstein");
    requireNonNegative(psi, "psi");
    requireNonNegative(jensenShannon, "jensenShannon");
    if (!(hellinger >= 0 && hellinger <= 1)) {
      throw new IllegalArgumentException(
          "hellinger: expected a number in [0, 1], found " + hellinger);
    }
  }

  private static void requireNonNegative(double v, String name) {
    if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + ": expected a finite number >= 0, found " + v);
    }
  }
}
