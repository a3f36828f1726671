package io.aimon.alerting.incident;

import java.util.Objects;

/**
 * One series of a grouped incident ({@link IncidentEvent#members()}): which metric breached on
 * which subject, its latest judged window, and whether it is still breaching.
 *
 * @param series the series
 * @param severity the highest severity the series' own rules reached in the incident
 * @param status the status of the series' latest judged window: {@code ok}, {@code warning} or
 *     {@code critical}
 * @param open whether the series still breaches by its own rules; false once it recovered
 *     (resolve_after ok windows)
 * @param value the metric value of that window, or null when it could not be computed
 * @param pValue its p-value (ks, chi_square), or null
 * @param threshold the threshold it was judged against, or null
 * @param n its sample size, &gt;= 0
 * @param windowStart start of that window (inclusive, epoch ms)
 * @param windowEnd end of that window (exclusive, epoch ms), &gt; windowStart
 * @param checkId the id of that window's check result
 */
public record IncidentMember(
    SeriesKey series,
    Severity severity,
    String status,
    boolean open,
    Double value,
    Double pValue,
    Double threshold,
    long n,
    long windowStart,
    long windowEnd,
    String checkId) {

  public IncidentMember {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkId, "checkId");
    if (windowStart >= windowEnd) {
      throw new IllegalArgumentException(
          "windowStart must be < windowEnd, was " + windowStart + " >= " + windowEnd);
    }
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
  }
}
