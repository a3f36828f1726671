package io.aimon.config;

/**
 * Thresholds on the drop of a higher-is-better performance metric ({@link
 * MetricIds#DROP_THRESHOLD_METRICS}) from its value on the reference data: with {@code drop =
 * reference - value}, the status is {@code critical} when drop &gt;= criticalDrop, else {@code
 * warning} when drop &gt;= warningDrop, else {@code ok}. Drops are absolute differences in the
 * metric's units (0.05 is five accuracy points), not relative changes. An improvement (negative
 * drop) never breaches; when either value is NaN (e.g. no reference value) nothing breaches.
 *
 * <p>YAML: {@code accuracy: {warning_drop: 0.05, critical_drop: 0.10}}.
 *
 * @param warningDrop finite, &gt;= 0, &lt;= criticalDrop
 * @param criticalDrop finite, &gt;= 0
 */
public record DropThreshold(double warningDrop, double criticalDrop) implements CheckThreshold {

  public DropThreshold {
    if (!(warningDrop >= 0 && Double.isFinite(warningDrop))
        || !(criticalDrop >= 0 && Double.isFinite(criticalDrop))) {
      throw new IllegalArgumentException(
          "warningDrop and criticalDrop must be finite and >= 0, were "
              + warningDrop
              + " and "
              + criticalDrop);
    }
    if (warningDrop > criticalDrop) {
      throw new IllegalArgumentException(
          "warningDrop must be <= criticalDrop, was " + warningDrop + " > " + criticalDrop);
    }
  }

  /** Whether the window value breaches the warning level: reference - value &gt;= warningDrop. */
  public boolean breachesWarning(double reference, double value) {
    return reference - value >= warningDrop;
  }

  /** Whether the window value breaches the critical level: reference - value &gt;= criticalDrop. */
  public boolean breachesCritical(double reference, double value) {
    return reference - value >= criticalDrop;
  }
}
