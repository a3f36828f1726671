package io.aimon.config;

/**
 * Thresholds on a metric where lower is worse (fairness ratios, and the absolute form of the
 * performance metrics of {@link MetricIds#DROP_THRESHOLD_METRICS}): the status is {@code critical}
 * when value &lt; critical, else {@code warning} when value &lt; warning, else {@code ok}. A value
 * equal to a threshold does not breach it; a NaN value breaches nothing.
 *
 * <p>YAML: {@code demographic_parity_ratio: {warning: 0.9, critical: 0.8}} (the four-fifths rule)
 * or {@code accuracy: {warning: 0.85, critical: 0.8}}.
 *
 * @param warning finite, &gt;= critical
 * @param critical finite
 */
public record LowerBoundThreshold(double warning, double critical) implements CheckThreshold {

  public LowerBoundThreshold {
    if (!Double.isFinite(warning) || !Double.isFinite(critical)) {
      throw new IllegalArgumentException(
          "warning and critical must be finite, were " + warning + " and " + critical);
    }
    if (critical > warning) {
      throw new IllegalArgumentException(
          "critical must be <= warning, was " + critical + " > " + warning);
    }
  }

  /** Whether {@code value} breaches the warning level: value &lt; warning. */
  public boolean breachesWarning(double value) {
    return value < warning;
  }

  /** Whether {@code value} breaches the critical level: value &lt; critical. */
  public boolean breachesCritical(double value) {
    return value < critical;
  }
}
