package io.aimon.config;

/**
 * Thresholds on a metric value: the status is {@code critical} when value &gt;= critical, else
 * {@code warning} when value &gt;= warning, else {@code ok}.
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
}
