package io.aimon.alerting.policy;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentIds;
import io.aimon.alerting.incident.IncidentMember;
import io.aimon.alerting.incident.IncidentSummary;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Folds the incidents of the series of one group into one incident: a pure function from (policy,
 * the group's open incident, one batch of its judged results) to (the next open incident, at most
 * one event). Each series keeps its own {@link AlertStateMachine}, which decides when that series
 * breaches (its N-of-M rules, escalation, resolve_after, cooldown); the grouper only decides what
 * the operator sees. Which series form a group is {@link SeriesKey#groupKey} under {@link
 * AlertPolicy#groupBy()}.
 *
 * <pre>{@code
 * GroupIncident open = null;
 * for (List<Judged> batch : batchesOfOneGroupInTimeOrder) {
 *     IncidentGrouper.Step step = IncidentGrouper.step(policy, groupKey, open, batch);
 *     open = step.next();
 *     step.events().forEach(sink::emit);
 * }
 * }</pre>
 *
 * <h2>Batches</h2>
 *
 * A batch is every result of the group that became complete at one event time (a window's end, or
 * the moment a change was flagged within a window), each with the event its series' state machine
 * emitted for it, if any. The caller forms batches by event time (Flink: at the watermark), so a
 * window's drift results for psi, ks and jensen_shannon of a feature are one batch, whatever order
 * they arrived in. Within a batch the results are taken in the order of their series ({@link
 * SeriesKey#asString()}), so the output does not depend on arrival order.
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li><b>Opening.</b> With no incident open, a batch in which some series opened an incident
 *       opens the group's ({@link IncidentEvent.Type#OPENED}). Its members are the series that
 *       opened; the lead is the most severe of them, the first by series on a tie. The dedup key is
 *       derived from the group key and the earliest of their windows' starts ({@link IncidentIds}),
 *       so replays and restarts give the same ids.
 *   <li><b>Joining.</b> A series that opens while the group's incident is open joins it as a member
 *       (a recovered member that breaches again is open again).
 *   <li><b>Recovering.</b> A series whose own incident resolves stays a member, marked not open.
 *   <li><b>Resolving.</b> When no member is open the incident resolves ({@link
 *       IncidentEvent.Type#RESOLVED}).
 *   <li><b>While open.</b> Otherwise a batch in which the incident's severity (the worst of its
 *       members') rose emits {@link IncidentEvent.Type#ESCALATED}, and any other batch with a
 *       member's event emits one {@link IncidentEvent.Type#UPDATED}, whatever the number of members
 *       in it: one event per batch. A batch without events only refreshes the members' latest
 *       values.
 *   <li><b>Fields.</b> The event's metric, subject fields and value are the lead's at its latest
 *       window (stable labels for receivers that identify an alert by them); its members list every
 *       member with its latest value, threshold and status; its window status is the worst latest
 *       status of the open members ({@code ok} when resolved); its time is the batch's time plus
 *       one millisecond (the end of the window for window results).
 * </ul>
 */
public final class IncidentGrouper {

  private IncidentGrouper() {}

  /**
   * A judged result of a group's series: the result and the event its series' state machine emitted
   * for it.
   *
   * @param result a result the state machine applied ({@link AlertStateMachine.Outcome#APPLIED})
   * @param seriesEvent the series' incident event for it, or null
   */
  public record Judged(CheckResult result, IncidentEvent seriesEvent) {
    public Judged {
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * The result of one batch.
   *
   * @param next the group's open incident after the batch, or null
   * @param events the grouped incident events, at most one (copied)
   */
  public record Step(GroupIncident next, List<IncidentEvent> events) {
    public Step {
      events = List.copyOf(events);
    }
  }

  /**
   * Applies one batch.
   *
   * @param policy the policy of the group's model (its runbook and grouping)
   * @param groupKey the group ({@link SeriesKey#groupKey})
   * @param open the group's open incident, or null
   * @param batch the judged results that became complete at one event time, in any order
   */
  public static Step step(
      AlertPolicy policy, String groupKey, GroupIncident open, List<Judged> batch) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(groupKey, "groupKey");
    List<Judged> ordered = new ArrayList<>(batch);
    ordered.sort(
        Comparator.comparing((Judged j) -> SeriesKey.of(j.result()).asString())
            .thenComparingLong(j -> j.result().windowStart())
            .thenComparing(j -> j.result().checkId()));
    TreeMap<String, IncidentMember> members = new TreeMap<>();
    if (open != null) {
      open.members().forEach(m -> members.put(m.series().asString(), m));
    }
    List<Judged> opened = new ArrayList<>();
    List<String> checkIds = new ArrayList<>(open == null ? List.of() : open.checkIds());
    boolean breached = false;
    boolean anyEvent = false;
    long lastWindowEnd = open == null ? Long.MIN_VALUE : open.lastWindowEnd();
    long windowStart = Long.MAX_VALUE;
    long time = Long.MIN_VALUE;
    for (Judged j : ordered) {
      CheckResult r = j.result();
      SeriesKey series = SeriesKey.of(r);
      String key = series.asString();
      IncidentMember known = members.get(key);
      IncidentEvent e = j.seriesEvent();
      if (e == null) {
        if (known != null) {
          members.put(key, member(series, known.severity(), known.open(), r));
        }
        continue;
      }
      // a series joins with its opening event; one that breaches without being an open member
      // (its state kept from before a change of group_by) joins the same way
      boolean joins = (known == null || !known.open()) && e.type() != IncidentEvent.Type.RESOLVED;
      if (known == null && e.type() == IncidentEvent.Type.RESOLVED) {
        continue; // the end of an incident this group never held
      }
      anyEvent = true;
      windowStart = Math.min(windowStart, r.windowStart());
      time = Math.max(time, completeAt(r));
      checkIds.add(r.checkId());
      boolean stillOpen = e.type() != IncidentEvent.Type.RESOLVED;
      Severity severity = known == null ? e.severity() : max(known.severity(), e.severity());
      members.put(key, member(series, severity, stillOpen, r));
      if (stillOpen) {
        breached = true;
        lastWindowEnd = Math.max(lastWindowEnd, r.windowEnd());
      }
      if (joins) {
        opened.add(j);
      }
    }
    checkIds = latest(checkIds);

    if (open == null) {
      if (opened.isEmpty()) {
        return new Step(null, List.of());
      }
      Judged leadResult = opened.get(0);
      long firstWindowStart = Long.MAX_VALUE;
      for (Judged j : opened) {
        if (j.seriesEvent().severity().compareTo(leadResult.seriesEvent().severity()) > 0) {
          leadResult = j;
        }
        firstWindowStart = Math.min(firstWindowStart, j.result().windowStart());
      }
      // only the series that opened are members; results of others refresh nothing yet
      List<IncidentMember> first = new ArrayList<>();
      for (Judged j : opened) {
        first.add(members.get(SeriesKey.of(j.result()).asString()));
      }
      first.sort(Comparator.comparing(m -> m.series().asString()));
      String dedupKey = IncidentIds.dedupKey(groupKey, firstWindowStart);
      GroupIncident next =
          new GroupIncident(
              IncidentIds.incidentId(dedupKey),
              dedupKey,
              groupKey,
              worst(first),
              firstWindowStart,
              lastWindowEnd,
              1,
              SeriesKey.of(leadResult.result()),
              first,
              checkIds);
      return new Step(
          next, List.of(event(IncidentEvent.Type.OPENED, policy, next, first, windowStart, time)));
    }

    List<IncidentMember> all = List.copyOf(members.values());
    Severity severity = max(open.severity(), worst(all));
    boolean anyOpen = all.stream().anyMatch(IncidentMember::open);
    IncidentEvent.Type type;
    if (!anyOpen) {
      type = IncidentEvent.Type.RESOLVED;
    } else if (severity.compareTo(open.severity()) > 0) {
      type = IncidentEvent.Type.ESCALATED;
    } else {
      type = IncidentEvent.Type.UPDATED;
    }
    // the incident as this batch leaves it; kept only while a member is open
    GroupIncident after =
        new GroupIncident(
            open.incidentId(),
            open.dedupKey(),
            groupKey,
            severity,
            open.firstWindowStart(),
            lastWindowEnd,
            open.breachCount() + (breached ? 1 : 0),
            open.lead(),
            anyOpen ? all : open.members(),
            checkIds);
    GroupIncident next = anyOpen ? after : null;
    if (!anyEvent) {
      return new Step(next, List.of());
    }
    return new Step(next, List.of(event(type, policy, after, all, windowStart, time)));
  }

  /**
   * When a result was complete: the end of its window, or, for a change flagged within its window,
   * one millisecond after the event that made the detector flag it.
   */
  public static long completeAt(CheckResult r) {
    Long detected = r.detectedAt();
    return detected != null && detected < r.windowEnd() ? detected + 1 : r.windowEnd();
  }

  private static IncidentMember member(
      SeriesKey series, Severity severity, boolean open, CheckResult r) {
    return new IncidentMember(
        series,
        severity,
        r.status().code(),
        open,
        r.value(),
        r.pValue(),
        r.threshold(),
        r.n(),
        r.windowStart(),
        r.windowEnd(),
        r.checkId());
  }

  private static Severity worst(List<IncidentMember> members) {
    Severity s = Severity.WARNING;
    for (IncidentMember m : members) {
      s = max(s, m.severity());
    }
    return s;
  }

  private static Severity max(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static List<String> latest(List<String> ids) {
    int from = Math.max(0, ids.size() - IncidentEvent.MAX_CHECK_IDS);
    return List.copyOf(ids.subList(from, ids.size()));
  }

  /** The worst latest status among open members, or ok when none is open. */
  private static String windowStatus(List<IncidentMember> members) {
    CheckStatus worst = CheckStatus.OK;
    for (IncidentMember m : members) {
      if (!m.open()) {
        continue;
      }
      CheckStatus s = CheckStatus.ofCode(m.status());
      if (s == CheckStatus.CRITICAL || (s == CheckStatus.WARNING && worst == CheckStatus.OK)) {
        worst = s;
      }
    }
    return worst.code();
  }

  /**
   * The event of {@code g} with {@code members}: those of {@code g}, except for a resolution, whose
   * members have all recovered (a {@link GroupIncident} keeps an open member).
   */
  private static IncidentEvent event(
      IncidentEvent.Type type,
      AlertPolicy policy,
      GroupIncident g,
      List<IncidentMember> members,
      long windowStart,
      long time) {
    IncidentMember lead =
        members.stream().filter(m -> m.series().equals(g.lead())).findFirst().orElseThrow();
    SeriesKey s = lead.series();
    String status =
        type == IncidentEvent.Type.RESOLVED ? CheckStatus.OK.code() : windowStatus(members);
    return new IncidentEvent(
        type,
        g.incidentId(),
        g.dedupKey(),
        s.modelId(),
        null,
        s.metric(),
        s.feature(),
        s.attribute(),
        s.group(),
        g.severity(),
        status,
        g.firstWindowStart(),
        g.lastWindowEnd(),
        windowStart,
        time,
        lead.value(),
        lead.pValue(),
        lead.threshold(),
        lead.n(),
        g.breachCount(),
        IncidentSummary.ofGroup(type, policy.groupBy(), lead, members),
        policy.runbookUrl(),
        g.checkIds(),
        s.version(),
        g.groupKey(),
        members);
  }
}
