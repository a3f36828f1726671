package io.aimon.alerting.remediation;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentEvent.Type;
import io.aimon.alerting.incident.Severity;
import java.time.Instant;
import java.util.List;

/** Named instants, ids and builders of incident events and actions for the remediation tests. */
final class RemediationFixtures {

  static final long HOUR = 3_600_000L;

  /** End of the window that opened the incident: 2026-03-02T00:00:00Z. */
  static final long OPENED = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

  static final String INCIDENT = "0d4e8a4c-7f53-5b1e-9a57-5b4d1b0f0c11";
  static final String MODEL = "credit-risk";
  static final String SERIES = "credit-risk/psi/feature=income";
  static final RemediationPolicy POLICY = RemediationPolicy.defaults();

  private RemediationFixtures() {}

  /** The end of the n-th hourly window after the opening one. */
  static long window(int n) {
    return OPENED + n * HOUR;
  }

  /** The status of the hourly window ending at {@code end}. */
  static RemediationMachine.Step onWindow(
      Remediation r, long end, String status, RemediationPolicy p) {
    return RemediationMachine.onWindow(r, end - HOUR, end, status, p);
  }

  /** An incident event of the fixture incident for the hourly window ending at {@code end}. */
  static IncidentEvent incident(Type type, Severity severity, long end) {
    return incident(INCIDENT, type, severity, end);
  }

  static IncidentEvent incident(String incidentId, Type type, Severity severity, long end) {
    return new IncidentEvent(
        type,
        incidentId,
        "0123456789abcdef0123456789abcdef",
        MODEL,
        "v3",
        "psi",
        "income",
        null,
        null,
        severity,
        type == Type.RESOLVED ? "ok" : severity.code(),
        OPENED - HOUR,
        end,
        end - HOUR,
        end,
        0.4,
        null,
        0.25,
        1000,
        1,
        "credit-risk: psi of income is 0.4",
        null,
        List.of("c1"),
        null,
        null,
        List.of());
  }

  static CorrectiveAction action(ActionType type, String actor, long time, String text) {
    return new CorrectiveAction(
        "act-" + type.code() + "-" + time,
        INCIDENT,
        MODEL,
        SERIES,
        type,
        actor,
        time,
        text,
        null,
        null);
  }

  static CorrectiveAction grade(NonconformityGrade grade, String reason, long time) {
    return new CorrectiveAction(
        "act-grade-" + time,
        INCIDENT,
        MODEL,
        SERIES,
        ActionType.GRADE,
        "auditor",
        time,
        null,
        grade,
        reason);
  }

  /** A freshly opened remediation of severity {@code severity}. */
  static Remediation opened(Severity severity) {
    return RemediationMachine.opened(incident(Type.OPENED, severity, OPENED), POLICY).next();
  }
}
