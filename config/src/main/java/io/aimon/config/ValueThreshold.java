package io.aimon.config;

/**
 * Thresholds on a metric value: the status is {@code critical} when value &gt;= critical, else
 * {@code warning} when value &gt;= warning, else {@code ok}. Higher is worse; a value equal to a
 * threshold breaches it; a NaN value breaches nothing.
 *
 * @param warning finite, &lt;= critical
 * @param critical finite
 */
public record ValueThreshold(double warning, double critical) implements CheckThreshold {

  public ValueThreshold {
    if (!Double.isFinite(warning) || !Double.isFinite(critical)) {
      throw new IllegalArgumentException(
          "warning and critical must be finite, were " + warning + " and " + critical);
    }
    if (warning > critical) {
      throw new IllegalArgumentException(
          "warning must be <= critical, was " + warning + " > " + critical);
    }
  }

  /** Whether {@code value} breaches the warning level: value &gt;= warning. */
  public boolean breachesWarning(double value) {
    return value >= warning;
  }

  /** Whether {@code value} breaches the critical level: value &gt;= critical. */
  public boolean breachesCritical(double value) {
    return value >= critical;
  }
}
