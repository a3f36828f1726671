package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.remediation.CorrectiveAction;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.event.RawRecord;

/**
 * What {@link ApplyCorrectiveActions} consumes for one series: a final check result (the window's
 * status), an incident event, or an operator's corrective action. Strings and numbers only, so
 * Flink serializes it as a POJO.
 *
 * @param kind {@link #CHECK}, {@link #INCIDENT} or {@link #ACTION}
 * @param series the series ({@link SeriesKey#asString()}), the key
 * @param start the window's start ({@link #CHECK}), else 0
 * @param time event time: window end, incident event time, or the action's time
 * @param order ties within the same time and kind are broken by this (check id, event id, action
 *     id), so the order of processing does not depend on how the streams interleave
 * @param status the check status ({@link #CHECK}), else null
 * @param json the CloudEvent ({@link #INCIDENT}) or the action ({@link #ACTION}), else null
 * @param source where an action was read (topic/partition or file), else null
 * @param position its offset or line, else 0
 */
public record RemediationInput(
    String kind,
    String series,
    long start,
    long time,
    String order,
    String status,
    String json,
    String source,
    long position) {

  public static final String CHECK = "check";
  public static final String INCIDENT = "incident";
  public static final String ACTION = "action";

  /** A final check result: the status of its series' window. */
  public static RemediationInput check(CheckResult r) {
    return new RemediationInput(
        CHECK,
        SeriesKey.of(r).asString(),
        r.windowStart(),
        r.windowEnd(),
        r.checkId(),
        r.status().code(),
        null,
        null,
        0);
  }

  /** An incident lifecycle event. */
  public static RemediationInput incident(IncidentEvent e) {
    return new RemediationInput(
        INCIDENT, e.subject(), 0, e.eventTime(), e.eventId(), null, CloudEvents.toJson(e), null, 0);
  }

  /** An operator's action, read from {@code raw}. */
  public static RemediationInput action(CorrectiveAction a, RawRecord raw) {
    return new RemediationInput(
        ACTION,
        a.series(),
        0,
        a.time(),
        a.actionId(),
        null,
        a.toJson(),
        raw.source(),
        raw.position());
  }

  /** The processing order of kinds at the same time: a window's status, then its incident event. */
  int kindRank() {
    return switch (kind) {
      case CHECK -> 0;
      case INCIDENT -> 1;
      default -> 2;
    };
  }
}
