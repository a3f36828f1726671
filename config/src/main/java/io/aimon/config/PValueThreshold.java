package io.aimon.config;

/**
 * Thresholds on a statistical test: the status is {@code critical} when p &lt; pCritical and the
 * effect &gt;= minStatistic, else {@code warning} when p &lt; pWarning and the effect &gt;=
 * minStatistic, else {@code ok}. The effect is the KS statistic D for {@code ks} and the
 * Jensen-Shannon distance for {@code chi_square}; the floor keeps large samples from alerting on
 * negligible differences.
 *
 * @param pWarning in [0, 1]
 * @param pCritical in [0, 1], &lt;= pWarning
 * @param minStatistic in [0, 1]
 */
public record PValueThreshold(double pWarning, double pCritical, double minStatistic)
    implements CheckThreshold {

  public PValueThreshold {
    requireUnit("pWarning", pWarning);
    requireUnit("pCritical", pCritical);
    requireUnit("minStatistic", minStatistic);
    if (pCritical > pWarning) {
      throw new IllegalArgumentException(
          "pCritical must be <= pWarning, was " + pCritical + " > " + pWarning);
    }
  }

  private static void requireUnit(String name, double v) {
    if (!(v >= 0.0 && v <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
    }
  }

  /** Whether a test breaches the warning level: p &lt; pWarning and effect &gt;= minStatistic. */
  public boolean breachesWarning(double p, double effect) {
    return p < pWarning && effect >= minStatistic;
  }

  /** Whether a test breaches the critical level: p &lt; pCritical and effect &gt;= minStatistic. */
  public boolean breachesCritical(double p, double effect) {
    return p < pCritical && effect >= minStatistic;
  }
}
