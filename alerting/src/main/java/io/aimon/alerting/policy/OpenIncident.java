package io.aimon.alerting.policy;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.Severity;
import java.util.List;
import java.util.Objects;

/**
 * The incident open on a series, as kept in {@link SeriesState}. Immutable.
 *
 * @param incidentId the incident id ({@link io.aimon.alerting.incident.IncidentIds#incidentId})
 * @param dedupKey the episode's deduplication key
 * @param severity the highest severity reached; never goes down
 * @param firstWindowStart start of the window that opened the incident, epoch ms
 * @param lastWindowEnd end of the latest breaching window, epoch ms, &gt; firstWindowStart
 * @param checkIds ids of the latest breaching windows' check results, oldest first, 1 to {@link
 *     IncidentEvent#MAX_CHECK_IDS} (copied)
 * @param breachCount breaching windows since (and including) the opening one, &gt;= 1
 */
public record OpenIncident(
    String incidentId,
    String dedupKey,
    Severity severity,
    long firstWindowStart,
    long lastWindowEnd,
    List<String> checkIds,
    int breachCount) {

  public OpenIncident {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(severity, "severity");
    if (lastWindowEnd <= firstWindowStart) {
      throw new IllegalArgumentException(
          "lastWindowEnd must be > firstWindowStart, was "
              + lastWindowEnd
              + " <= "
              + firstWindowStart);
    }
    checkIds = List.copyOf(checkIds);
    if (checkIds.isEmpty() || checkIds.size() > IncidentEvent.MAX_CHECK_IDS) {
      throw new IllegalArgumentException(
          "checkIds must hold 1 to "
              + IncidentEvent.MAX_CHECK_IDS
              + " ids, held "
              + checkIds.size());
    }
    if (breachCount < 1) {
      throw new IllegalArgumentException("breachCount must be >= 1, was " + breachCount);
    }
  }
}
