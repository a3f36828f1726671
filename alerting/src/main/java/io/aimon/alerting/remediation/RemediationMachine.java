package io.aimon.alerting.remediation;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The corrective-action state machine of one incident: pure functions from (state, input, policy)
 * to (next state, events). The caller keeps one {@link Remediation} per incident id (e.g. Flink
 * keyed state, checkpointed with {@link RemediationCodec}) and feeds it the incident's events, the
 * operators' actions and the check statuses of the incident's series, window by window.
 *
 * <pre>{@code
 * RemediationMachine.Step s = RemediationMachine.opened(openedEvent, policy);
 * s = RemediationMachine.onAction(s.next(), ack, policy);
 * s = RemediationMachine.onAction(s.next(), applied, policy);
 * s = RemediationMachine.onWindow(s.next(), start, end, "ok", policy); // ... verifyWindows times
 * s.events().forEach(e -> evidence.write(new CorrectiveActionEvidence(e)));
 * }</pre>
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li><b>Tracking</b> starts from the {@code opened} event ({@link #opened}). Every other input
 *       must carry the same incident id, or the step throws {@link IllegalArgumentException}.
 *   <li><b>Incident events</b> ({@link #onIncident}): the severity rises with an {@code escalated}
 *       event (it never goes down); {@code resolved} sets {@code resolvedAt} (once); a repeated
 *       {@code opened} is a duplicate and changes nothing.
 *   <li><b>Actions</b> ({@link #onAction}): every action emits {@link
 *       RemediationEvent#ACTION_RECORDED}. {@link ActionType#ACK} acknowledges once (a later ack is
 *       recorded but changes nothing); {@link ActionType#NOTE} and {@link ActionType#ACTION} are
 *       counted; {@link ActionType#ROOT_CAUSE} replaces the root cause; {@link
 *       ActionType#ACTION_APPLIED} is counted as an action and starts a new verification attempt
 *       ({@link Effectiveness#PENDING}, 0 clean windows), whatever the verdict on an earlier one;
 *       {@link ActionType#CLOSE} closes once, also before verification (the event then says "closed
 *       without verified effectiveness"); {@link ActionType#GRADE} overrides the rule's grade from
 *       then on ({@link RemediationEvent#GRADE_OVERRIDDEN}); {@link ActionType#SERIOUS} declares a
 *       serious incident: its event carries the category and the report deadline, the action's time
 *       plus {@link RemediationPolicy#seriousDeadlines()} of the category; {@link
 *       ActionType#SERIOUS_REPORTED} records the report. Actions never regrade by the rule: their
 *       time is the operator's clock, not event time.
 *   <li><b>Effectiveness.</b> Only windows that start at or after the applied action (event time)
 *       count: a window that began before it holds data from before the fix. While {@link
 *       Effectiveness#PENDING}, an ok window adds a clean window, and the {@link
 *       RemediationPolicy#verifyWindows()}-th makes it {@link Effectiveness#VERIFIED_EFFECTIVE}
 *       ({@link RemediationEvent#EFFECTIVENESS_VERIFIED}); a warning or critical window makes it
 *       {@link Effectiveness#INEFFECTIVE} ({@link RemediationEvent#EFFECTIVENESS_FAILED}), which
 *       reopens an incident an operator had closed (it needs a new corrective action); an {@code
 *       insufficient_data} window neither counts nor breaks the run. An {@code updated} or {@code
 *       escalated} incident event (a breach again) after the applied action makes a pending or
 *       verified action ineffective.
 *   <li><b>Grade.</b> Each incident event and window regrades by {@link RemediationPolicy#grade} at
 *       its event time; the rule's grade never goes down. A change emits {@link
 *       RemediationEvent#GRADE_CHANGED} unless an operator's override is in effect (the rule's
 *       grade is still kept). {@link #opened} emits the first grade.
 * </ul>
 *
 * <p>Events of one step come in this order: action recorded, override, effectiveness, grade.
 */
public final class RemediationMachine {

  /** The window statuses {@link #onWindow} accepts. */
  public static final List<String> STATUSES =
      List.of("ok", "warning", "critical", "insufficient_data");

  private RemediationMachine() {}

  /**
   * The result of one step.
   *
   * @param next the next state
   * @param events what happened, in order (copied)
   */
  public record Step(Remediation next, List<RemediationEvent> events) {
    public Step {
      Objects.requireNonNull(next, "next");
      events = List.copyOf(events);
    }
  }

  /**
   * Starts tracking an incident from its {@code opened} event; emits its first grade.
   *
   * @throws IllegalArgumentException when {@code e} is not an {@code opened} event
   */
  public static Step opened(IncidentEvent e, RemediationPolicy p) {
    Objects.requireNonNull(p, "policy");
    if (e.type() != IncidentEvent.Type.OPENED) {
      throw new IllegalArgumentException(
          "incident event: expected type opened, found " + e.type().cloudEventsType());
    }
    NonconformityGrade grade = p.grade(e.severity(), e.eventTime(), null, e.eventTime());
    Remediation r =
        new Remediation(
            e.incidentId(),
            e.modelId(),
            e.subject(),
            e.severity(),
            e.eventTime(),
            null,
            null,
            null,
            0,
            0,
            null,
            null,
            0,
            Effectiveness.NONE,
            grade,
            null,
            null,
            null);
    return new Step(r, List.of(gradeChanged(r, e.eventTime(), null, grade, p)));
  }

  /**
   * Applies an {@code escalated}, {@code updated} or {@code resolved} event of the incident.
   *
   * @throws IllegalArgumentException when {@code e} is of another incident
   */
  public static Step onIncident(Remediation r, IncidentEvent e, RemediationPolicy p) {
    Objects.requireNonNull(p, "policy");
    requireIncident(r, e.incidentId());
    if (e.type() == IncidentEvent.Type.OPENED) {
      return new Step(r, List.of());
    }
    Draft d = new Draft(r);
    List<RemediationEvent> events = new ArrayList<>();
    if (e.severity() == Severity.CRITICAL) {
      d.severity = Severity.CRITICAL;
    }
    if (e.type() == IncidentEvent.Type.RESOLVED && d.resolvedAt == null) {
      d.resolvedAt = Math.max(e.eventTime(), r.openedAt());
    }
    boolean breach =
        e.type() == IncidentEvent.Type.UPDATED || e.type() == IncidentEvent.Type.ESCALATED;
    if (breach
        && (r.effectiveness() == Effectiveness.PENDING
            || r.effectiveness() == Effectiveness.VERIFIED_EFFECTIVE)
        && e.windowStart() >= r.appliedAt()) {
      d.effectiveness = Effectiveness.INEFFECTIVE;
      events.add(
          machineEvent(
              RemediationEvent.EFFECTIVENESS_FAILED,
              r,
              e.eventTime(),
              Effectiveness.INEFFECTIVE,
              "action applied at "
                  + iso(r.appliedAt())
                  + " ineffective: the incident was "
                  + (e.type() == IncidentEvent.Type.UPDATED ? "updated" : "escalated")
                  + " ("
                  + e.windowStatus()
                  + ") at "
                  + iso(e.eventTime())
                  + reopen(d)));
    }
    regrade(d, e.eventTime(), p, events);
    return new Step(d.build(), events);
  }

  /**
   * Applies an operator's action.
   *
   * @throws IllegalArgumentException when {@code a} is for another incident
   */
  public static Step onAction(Remediation r, CorrectiveAction a, RemediationPolicy p) {
    Objects.requireNonNull(p, "policy");
    requireIncident(r, a.incidentId());
    Draft d = new Draft(r);
    List<RemediationEvent> events = new ArrayList<>();
    String summary = a.type().code() + " by " + a.actor();
    Effectiveness changed = null;
    Long reportDue = null;
    switch (a.type()) {
      case ACK -> {
        if (r.acknowledgedBy() == null) {
          d.acknowledgedBy = a.actor();
          d.acknowledgedAt = a.time();
        } else {
          summary +=
              ": already acknowledged by " + r.acknowledgedBy() + " at " + iso(r.acknowledgedAt());
        }
      }
      case NOTE -> d.notes++;
      case ROOT_CAUSE -> d.rootCause = a.text();
      case ACTION -> d.actions++;
      case ACTION_APPLIED -> {
        d.actions++;
        d.appliedAt = a.time();
        d.cleanWindows = 0;
        d.effectiveness = Effectiveness.PENDING;
        changed = Effectiveness.PENDING;
        summary +=
            r.effectiveness() == Effectiveness.NONE
                ? ": verifying effectiveness"
                : ": a new attempt after " + r.effectiveness().code() + ", verifying effectiveness";
      }
      case CLOSE -> {
        if (r.closedAt() == null) {
          d.closedAt = a.time();
          summary +=
              r.effectiveness() == Effectiveness.VERIFIED_EFFECTIVE
                  ? ": closed with verified effectiveness"
                  : ": closed without verified effectiveness (effectiveness "
                      + r.effectiveness().code()
                      + ")";
        } else {
          summary += ": already closed at " + iso(r.closedAt());
        }
      }
      case GRADE -> {
        d.gradeOverride = a.grade();
        d.gradeReason = a.reason();
        summary += ": " + a.grade().code();
      }
      case SERIOUS -> {
        reportDue = a.time() + p.seriousDeadlines().get(a.category()).toMillis();
        summary +=
            ": declared a serious incident ("
                + a.category().code()
                + "), to be reported by "
                + iso(reportDue);
      }
      case SERIOUS_REPORTED -> summary += ": serious incident reported";
    }
    events.add(
        new RemediationEvent(
            RemediationEvent.ACTION_RECORDED,
            r.incidentId(),
            r.modelId(),
            r.series(),
            a.time(),
            a.actor(),
            a.actionId(),
            a.type(),
            a.text(),
            a.grade(),
            a.reason(),
            changed,
            summary,
            a.category(),
            reportDue));
    if (a.type() == ActionType.GRADE) {
      events.add(
          new RemediationEvent(
              RemediationEvent.GRADE_OVERRIDDEN,
              r.incidentId(),
              r.modelId(),
              r.series(),
              a.time(),
              a.actor(),
              a.actionId(),
              a.type(),
              null,
              a.grade(),
              a.reason(),
              null,
              "grade "
                  + r.effectiveGrade().code()
                  + " -> "
                  + a.grade().code()
                  + " set by "
                  + a.actor()
                  + ": "
                  + a.reason()));
    }
    return new Step(d.build(), events);
  }

  /**
   * Applies the check status of the incident's series for the window [{@code windowStart}, {@code
   * windowEnd}).
   *
   * @param status {@code ok}, {@code warning}, {@code critical} or {@code insufficient_data}
   * @throws IllegalArgumentException for any other status
   */
  public static Step onWindow(
      Remediation r, long windowStart, long windowEnd, String status, RemediationPolicy p) {
    Objects.requireNonNull(p, "policy");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "status: expected ok, warning, critical or insufficient_data, found '" + status + "'");
    }
    Draft d = new Draft(r);
    List<RemediationEvent> events = new ArrayList<>();
    if (r.effectiveness() == Effectiveness.PENDING && windowStart >= r.appliedAt()) {
      switch (status) {
        case "ok" -> {
          d.cleanWindows++;
          if (d.cleanWindows >= p.verifyWindows()) {
            d.effectiveness = Effectiveness.VERIFIED_EFFECTIVE;
            events.add(
                machineEvent(
                    RemediationEvent.EFFECTIVENESS_VERIFIED,
                    r,
                    windowEnd,
                    Effectiveness.VERIFIED_EFFECTIVE,
                    "action applied at "
                        + iso(r.appliedAt())
                        + " effective: "
                        + d.cleanWindows
                        + (d.cleanWindows == 1 ? " clean window" : " clean windows")
                        + " up to "
                        + iso(windowEnd)));
          }
        }
        case "warning", "critical" -> {
          d.effectiveness = Effectiveness.INEFFECTIVE;
          events.add(
              machineEvent(
                  RemediationEvent.EFFECTIVENESS_FAILED,
                  r,
                  windowEnd,
                  Effectiveness.INEFFECTIVE,
                  "action applied at "
                      + iso(r.appliedAt())
                      + " ineffective: a "
                      + status
                      + " window ending "
                      + iso(windowEnd)
                      + " after "
                      + r.cleanWindows()
                      + " clean"
                      + reopen(d)));
        }
        default -> {} // insufficient_data: neither counts nor breaks
      }
    }
    regrade(d, windowEnd, p, events);
    return new Step(d.build(), events);
  }

  /**
   * An ineffective action leaves the nonconformity open: a closed incident is reopened (its {@code
   * closedAt} cleared) and needs a new corrective action. Returns the words the event adds.
   */
  private static String reopen(Draft d) {
    if (d.closedAt == null) {
      return "; corrective action still open";
    }
    String closed = iso(d.closedAt);
    d.closedAt = null;
    return "; incident reopened (closed at " + closed + ")";
  }

  private static void regrade(Draft d, long at, RemediationPolicy p, List<RemediationEvent> out) {
    NonconformityGrade byRule = p.grade(d.severity, d.openedAt, d.resolvedAt, at);
    if (!byRule.isMoreSevereThan(d.grade)) {
      return;
    }
    NonconformityGrade before = d.grade;
    d.grade = byRule;
    if (d.gradeOverride == null) {
      out.add(gradeChanged(d.build(), at, before, byRule, p));
    }
  }

  private static RemediationEvent gradeChanged(
      Remediation r,
      long at,
      NonconformityGrade before,
      NonconformityGrade after,
      RemediationPolicy p) {
    String why =
        switch (after) {
          case OBSERVATION -> "warning only";
          case MINOR -> "reached critical";
          case MAJOR ->
              "reached critical and unresolved "
                  + p.majorAfter()
                  + " after it opened at "
                  + iso(r.openedAt());
        };
    return new RemediationEvent(
        RemediationEvent.GRADE_CHANGED,
        r.incidentId(),
        r.modelId(),
        r.series(),
        at,
        null,
        null,
        null,
        null,
        after,
        why,
        null,
        (before == null ? "graded " : "grade " + before.code() + " -> ")
            + after.code()
            + ": "
            + why);
  }

  private static RemediationEvent machineEvent(
      String type, Remediation r, long time, Effectiveness effectiveness, String summary) {
    return new RemediationEvent(
        type,
        r.incidentId(),
        r.modelId(),
        r.series(),
        time,
        null,
        null,
        null,
        null,
        null,
        null,
        effectiveness,
        summary);
  }

  private static void requireIncident(Remediation r, String incidentId) {
    if (!r.incidentId().equals(incidentId)) {
      throw new IllegalArgumentException(
          "incident_id: expected " + r.incidentId() + ", found " + incidentId);
    }
  }

  private static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** A mutable copy of a {@link Remediation}, for one step only. */
  private static final class Draft {
    final String incidentId;
    final String modelId;
    final String series;
    Severity severity;
    final long openedAt;
    Long resolvedAt;
    String acknowledgedBy;
    Long acknowledgedAt;
    int notes;
    int actions;
    String rootCause;
    Long appliedAt;
    int cleanWindows;
    Effectiveness effectiveness;
    NonconformityGrade grade;
    NonconformityGrade gradeOverride;
    String gradeReason;
    Long closedAt;

    Draft(Remediation r) {
      incidentId = r.incidentId();
      modelId = r.modelId();
      series = r.series();
      severity = r.severity();
      openedAt = r.openedAt();
      resolvedAt = r.resolvedAt();
      acknowledgedBy = r.acknowledgedBy();
      acknowledgedAt = r.acknowledgedAt();
      notes = r.notes();
      actions = r.actions();
      rootCause = r.rootCause();
      appliedAt = r.appliedAt();
      cleanWindows = r.cleanWindows();
      effectiveness = r.effectiveness();
      grade = r.grade();
      gradeOverride = r.gradeOverride();
      gradeReason = r.gradeReason();
      closedAt = r.closedAt();
    }

    Remediation build() {
      return new Remediation(
          incidentId,
          modelId,
          series,
          severity,
          openedAt,
          resolvedAt,
          acknowledgedBy,
          acknowledgedAt,
          notes,
          actions,
          rootCause,
          appliedAt,
          cleanWindows,
          effectiveness,
          grade,
          gradeOverride,
          gradeReason,
          closedAt);
    }
  }
}
