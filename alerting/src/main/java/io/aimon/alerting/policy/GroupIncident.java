package io.aimon.alerting.policy;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentMember;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import java.util.List;
import java.util.Objects;

/**
 * The grouped incident open on one group ({@link IncidentGrouper}), as kept between batches.
 * Immutable; {@link GroupIncidentCodec} owns its binary layout. Its size is bounded by the number
 * of judged series of the group, which the configuration fixes (metrics times features and
 * attributes), and {@link IncidentEvent#MAX_CHECK_IDS} check ids.
 *
 * <p>Invariants, checked by the constructor:
 *
 * <ol>
 *   <li>{@code members} is not empty, ordered by {@link SeriesKey#asString()}, one per series.
 *   <li>At least one member is open (a group whose members all recovered is resolved, not kept).
 *   <li>The lead is a member.
 *   <li>{@code severity} is at least every member's severity.
 * </ol>
 *
 * @param incidentId the incident id ({@link io.aimon.alerting.incident.IncidentIds#incidentId})
 * @param dedupKey the episode's deduplication key (from the group key and the opening window)
 * @param groupKey the group ({@link SeriesKey#groupKey})
 * @param severity the highest severity reached; never goes down
 * @param firstWindowStart start of the window that opened the incident, epoch ms
 * @param lastWindowEnd end of the latest breaching window of any member, epoch ms
 * @param breachCount batches (windows) in which a member breached, from the opening one, &gt;= 1
 * @param lead the member that opened the incident; the event's metric and value are its
 * @param members every series that breached in the incident, open or recovered (copied)
 * @param checkIds ids of the latest check results the incident rests on, oldest first, 1 to {@link
 *     IncidentEvent#MAX_CHECK_IDS} (copied)
 */
public record GroupIncident(
    String incidentId,
    String dedupKey,
    String groupKey,
    Severity severity,
    long firstWindowStart,
    long lastWindowEnd,
    int breachCount,
    SeriesKey lead,
    List<IncidentMember> members,
    List<String> checkIds) {

  public GroupIncident {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(groupKey, "groupKey");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(lead, "lead");
    members = List.copyOf(members);
    checkIds = List.copyOf(checkIds);
    if (lastWindowEnd <= firstWindowStart) {
      throw new IllegalArgumentException(
          "lastWindowEnd must be > firstWindowStart, was "
              + lastWindowEnd
              + " <= "
              + firstWindowStart);
    }
    if (breachCount < 1) {
      throw new IllegalArgumentException("breachCount must be >= 1, was " + breachCount);
    }
    if (checkIds.isEmpty() || checkIds.size() > IncidentEvent.MAX_CHECK_IDS) {
      throw new IllegalArgumentException(
          "checkIds must hold 1 to "
              + IncidentEvent.MAX_CHECK_IDS
              + " ids, held "
              + checkIds.size());
    }
    if (members.isEmpty()) {
      throw new IllegalArgumentException("invariant 1: a grouped incident needs a member");
    }
    boolean anyOpen = false;
    boolean leadFound = false;
    String previous = null;
    for (IncidentMember m : members) {
      String key = m.series().asString();
      if (previous != null && previous.compareTo(key) >= 0) {
        throw new IllegalArgumentException(
            "invariant 1: members must be ordered by series, one each; found "
                + previous
                + " before "
                + key);
      }
      previous = key;
      anyOpen |= m.open();
      leadFound |= m.series().equals(lead);
      if (m.severity().compareTo(severity) > 0) {
        throw new IllegalArgumentException(
            "invariant 4: member " + key + " is " + m.severity().code() + ", the incident less");
      }
    }
    if (!anyOpen) {
      throw new IllegalArgumentException("invariant 2: no member is open");
    }
    if (!leadFound) {
      throw new IllegalArgumentException("invariant 3: the lead " + lead + " is no member");
    }
  }

  /** The member of {@code series}, or null. */
  public IncidentMember member(SeriesKey series) {
    for (IncidentMember m : members) {
      if (m.series().equals(series)) {
        return m;
      }
    }
    return null;
  }
}
